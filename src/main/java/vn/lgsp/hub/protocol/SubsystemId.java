package vn.lgsp.hub.protocol;

import java.util.regex.Pattern;

/**
 * An X-Road subsystem: {@code instance/memberClass/memberCode/subsystemCode}, for example {@code
 * VN/GOV/UBND-HN/MOTCUA}. Both consumers and providers are subsystems.
 */
public record SubsystemId(String instance, String memberClass, String memberCode, String subsystem) {

  /** One path segment of an identifier: letters, digits, dot, dash, underscore; 1-64 long. */
  static final Pattern PART = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public SubsystemId {
    requirePart(instance);
    requirePart(memberClass);
    requirePart(memberCode);
    requirePart(subsystem);
  }

  /** Parses {@code VN/GOV/UBND-HN/MOTCUA}; throws {@link IllegalArgumentException} otherwise. */
  public static SubsystemId parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("missing subsystem id");
    }
    String[] parts = text.split("/", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("a subsystem id has four parts");
    }
    return new SubsystemId(parts[0], parts[1], parts[2], parts[3]);
  }

  static void requirePart(String part) {
    if (!isWellFormedPart(part)) {
      throw new IllegalArgumentException("invalid identifier part");
    }
  }

  /** Whether {@code part} may be one part of an identifier (or a service code): 1-64 letters, digits, . _ - */
  public static boolean isWellFormedPart(String part) {
    return part != null && PART.matcher(part).matches() && !part.startsWith(".") && !part.contains("..");
  }

  @Override
  public String toString() {
    return instance + "/" + memberClass + "/" + memberCode + "/" + subsystem;
  }
}

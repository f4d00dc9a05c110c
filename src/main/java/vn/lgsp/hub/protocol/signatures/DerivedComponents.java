package vn.lgsp.hub.protocol.signatures;

import java.util.Locale;

/**
 * The derived components of a request (RFC 9421, section 2.2) from its parts as sent: what a consumer's
 * signature of its request covers, and what a register's signature of its answer names with {@code ;req}.
 */
public final class DerivedComponents {

  private DerivedComponents() {}

  /**
   * The value of the derived component {@code name}, or null when the request has none or the name is not one.
   *
   * @param path the path as sent, not decoded
   * @param query the query as sent, without its {@code ?}; null when there is none
   * @param authority the {@code Host} the request was sent to, or null
   */
  public static String of(String name, String method, String scheme, String authority, String path, String query) {
    String withMark = query == null || query.isEmpty() ? "" : "?" + query;
    return switch (name) {
      case "@method" -> method;
      case "@path" -> path;
      case "@query" -> withMark.isEmpty() ? "?" : withMark;
      case "@authority" -> authority == null ? null : authority.toLowerCase(Locale.ROOT);
      case "@scheme" -> scheme.toLowerCase(Locale.ROOT);
      case "@request-target" -> path + withMark;
      case "@target-uri" -> authority == null ? null
          : scheme.toLowerCase(Locale.ROOT) + "://" + authority.toLowerCase(Locale.ROOT) + path + withMark;
      default -> null;
    };
  }
}

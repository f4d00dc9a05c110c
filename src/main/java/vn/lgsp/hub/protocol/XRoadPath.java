package vn.lgsp.hub.protocol;

/**
 * The service part of an X-Road REST path: {@code /r1/{instance}/{class}/{member}/{subsystem}/
 * {serviceCode}[/rest]}. The rest of the path belongs to the service.
 */
public record XRoadPath(ServiceId service, String rest) {

  public static final String PREFIX = "/r1/";

  /** Parses a decoded request path; throws {@link IllegalArgumentException} when malformed. */
  public static XRoadPath parse(String path) {
    if (path == null || !path.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not an X-Road REST path");
    }
    String[] parts = path.substring(PREFIX.length()).split("/", 6);
    if (parts.length < 5) {
      throw new IllegalArgumentException("the path names no service");
    }
    SubsystemId provider = new SubsystemId(parts[0], parts[1], parts[2], parts[3]);
    String rest = parts.length == 6 ? "/" + parts[5] : "";
    return new XRoadPath(new ServiceId(provider, parts[4]), rest);
  }
}

package vn.lgsp.hub.protocol;

import java.util.List;
import java.util.function.Function;

/** Header names of the X-Road REST message protocol and their GovStack aliases. */
public final class XRoadHeaders {

  public static final String CLIENT = "X-Road-Client";
  public static final String SERVICE = "X-Road-Service";
  public static final String ID = "X-Road-Id";
  public static final String USER_ID = "X-Road-UserId";
  public static final String ISSUE = "X-Road-Issue";
  public static final String REQUEST_HASH = "X-Road-Request-Hash";
  public static final String ERROR = "X-Road-Error";

  /** GovStack Information Mediator names accepted in place of {@link #CLIENT}. */
  public static final List<String> CLIENT_ALIASES =
      List.of("Information-Mediator-Client", "X-GovStack-Client");

  private XRoadHeaders() {}

  /** The name of the client header the caller sent ({@link #CLIENT} or an alias), {@link #CLIENT} when it sent none. */
  public static String clientHeaderName(Function<String, String> header) {
    if (header.apply(CLIENT) == null) {
      for (String alias : CLIENT_ALIASES) {
        if (header.apply(alias) != null) {
          return alias;
        }
      }
    }
    return CLIENT;
  }

  /** Whether {@code name} is {@link #CLIENT} or one of its aliases, as {@link #clientHeaderName} answers it. */
  public static boolean isClientHeaderName(String name) {
    return CLIENT.equals(name) || CLIENT_ALIASES.contains(name);
  }

  /** The value of {@link #CLIENT}, or else of the first of its aliases present; null when none is. */
  public static String client(Function<String, String> header) {
    String value = header.apply(CLIENT);
    for (int i = 0; value == null && i < CLIENT_ALIASES.size(); i++) {
      value = header.apply(CLIENT_ALIASES.get(i));
    }
    return value;
  }
}

package vn.lgsp.hub.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Message;
import vn.lgsp.hub.protocol.FreeTextHeaders;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;

/**
 * Free-text X-Road header values cross HTTP as percent-encoded UTF-8 ({@link FreeTextHeaders}): the
 * hub's own loopback calls (the SOAP front's Vietnamese {@code issue}) encode them like any caller,
 * and the gate decodes them for every caller before any check, so one rule holds for all.
 */
public final class LoopbackHeaders {

  private LoopbackHeaders() {}

  /** The headers of a loopback call, free-text values encoded. */
  public static Map<String, String> encode(Map<String, String> headers) {
    Map<String, String> encoded = new LinkedHashMap<>(headers);
    FreeTextHeaders.NAMES.forEach(name -> encoded.computeIfPresent(name, (n, value) -> FreeTextHeaders.encode(value)));
    return encoded;
  }

  /** Decodes the free-text values of a request; a malformed one is refused. */
  public static void decode(Message in) {
    for (String name : FreeTextHeaders.NAMES) {
      if (in.getHeader(name) instanceof String value) {
        String decoded = FreeTextHeaders.decode(value);
        if (decoded == null) {
          throw new HubProblemException(ProblemType.INVALID_HEADER,
              ProblemText.of("header.free-text-encoding", name));
        }
        in.setHeader(name, decoded);
      }
    }
  }
}

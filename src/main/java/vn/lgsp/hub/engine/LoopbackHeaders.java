package vn.lgsp.hub.engine;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Message;
import vn.lgsp.hub.protocol.XRoadHeaders;

/**
 * Free-text X-Road header values (a Vietnamese {@code X-Road-Issue}) that came in another way, such
 * as a SOAP header, cannot travel as HTTP header values, which are ASCII. The hub's own loopback
 * calls carry them as percent-encoded UTF-8, marked with a value that only this process knows;
 * the gate decodes them before any check, so the same rules apply to the decoded text. A header
 * from outside is never decoded: its {@code %} means what it says.
 */
final class LoopbackHeaders {

  static final String MARK = "X-Hub-Loopback";
  static final List<String> ENCODED = List.of(XRoadHeaders.ISSUE, XRoadHeaders.USER_ID);
  private static final String SECRET = secret();

  private LoopbackHeaders() {}

  /** The headers of a loopback call: free-text values encoded, and the mark. */
  static Map<String, String> encode(Map<String, String> headers) {
    Map<String, String> encoded = new LinkedHashMap<>(headers);
    ENCODED.forEach(name -> encoded.computeIfPresent(name, (n, value) -> URLEncoder.encode(value, StandardCharsets.UTF_8)));
    encoded.put(MARK, SECRET);
    return encoded;
  }

  /** Decodes the free-text values of a call this hub made to itself; removes the mark in any case. */
  static void decode(Message in) {
    Object mark = in.removeHeader(MARK);
    if (!SECRET.equals(mark)) {
      return;
    }
    for (String name : ENCODED) {
      if (in.getHeader(name) instanceof String value) {
        in.setHeader(name, URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
    }
  }

  private static String secret() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}

package vn.lgsp.hub.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.protocol.XRoadHeaders;

class LoopbackHeadersTest {

  private static Message received(Map<String, String> headers) {
    Message in = new DefaultMessage(new DefaultCamelContext());
    headers.forEach(in::setHeader);
    return in;
  }

  @Test
  void freeTextCrossesTheLoopbackHopIntactAndAsAscii() {
    String issue = "Hồ sơ HS-2026-99 100% + a%41";
    Map<String, String> sent = LoopbackHeaders.encode(Map.of(XRoadHeaders.ISSUE, issue, XRoadHeaders.CLIENT, "VN/GOV/A/B"));
    assertThat(sent.get(XRoadHeaders.ISSUE)).isNotEqualTo(issue).matches("[\\x21-\\x7e]+");
    assertThat(sent.get(XRoadHeaders.CLIENT)).isEqualTo("VN/GOV/A/B");

    Message in = received(sent);
    LoopbackHeaders.decode(in);
    assertThat(in.getHeader(XRoadHeaders.ISSUE)).isEqualTo(issue);
    assertThat(in.getHeader(LoopbackHeaders.MARK)).isNull();
  }

  @Test
  void anOutsideCallersHeadersAreNeverDecoded() {
    Message in = received(Map.of(XRoadHeaders.ISSUE, "a%41+b", LoopbackHeaders.MARK, "guessed"));
    LoopbackHeaders.decode(in);
    assertThat(in.getHeader(XRoadHeaders.ISSUE)).isEqualTo("a%41+b");
    assertThat(in.getHeader(LoopbackHeaders.MARK)).isNull();
  }
}

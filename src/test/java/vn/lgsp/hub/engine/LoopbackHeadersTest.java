package vn.lgsp.hub.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.protocol.HubProblemException;
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
  }

  @Test
  void everyCallersFreeTextIsPercentDecodedOnlyForPercentEscapes() {
    Message in = received(Map.of(XRoadHeaders.ISSUE, "H%E1%BB%93%20s%C6%A1+HS-1%25", XRoadHeaders.USER_ID, "VN001085000123"));
    LoopbackHeaders.decode(in);
    assertThat(in.getHeader(XRoadHeaders.ISSUE)).isEqualTo("Hồ sơ+HS-1%");
    assertThat(in.getHeader(XRoadHeaders.USER_ID)).isEqualTo("VN001085000123");
  }

  @Test
  void malformedEscapesAndInvalidUtf8AreRefused() {
    for (String bad : new String[] {"50%", "a%4", "a%ZZ", "%C3%28", "%ED%A0%80"}) {
      assertThatThrownBy(() -> LoopbackHeaders.decode(received(Map.of(XRoadHeaders.ISSUE, bad))))
          .as(bad).isInstanceOf(HubProblemException.class);
    }
  }
}

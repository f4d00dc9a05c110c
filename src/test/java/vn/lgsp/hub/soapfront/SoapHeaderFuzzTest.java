package vn.lgsp.hub.soapfront;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.MimeHeaders;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPHeader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import vn.lgsp.hub.protocol.HeaderRules;

/**
 * Fuzz test of the X-Road SOAP header parsing of the SOAP front. Without {@code JAZZER_FUZZ} it
 * replays the committed corpus ({@code SoapHeaderFuzzTestInputs}).
 */
class SoapHeaderFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void xroadHeaders(byte[] data) throws IOException {
    SOAPHeader header;
    try {
      MimeHeaders mime = new MimeHeaders();
      mime.addHeader("Content-Type", "text/xml; charset=utf-8");
      header = MessageFactory.newInstance().createMessage(mime, new ByteArrayInputStream(data)).getSOAPHeader();
    } catch (SOAPException | RuntimeException e) {
      return; // not a SOAP message: the front answers a fault, not under test here
    }
    XRoadSoapHeaders read;
    try {
      read = XRoadSoapHeaders.read(header);
    } catch (SoapRefusal e) {
      assertThat(e.type().code()).startsWith("Client.");
      return;
    }
    // whatever the header holds, what the front passes on (as HTTP headers) is trimmed printable text
    for (String value : Arrays.asList(read.client(), read.service(), read.id(), read.userId(), read.issue(),
        read.protocolVersion())) {
      if (value != null) {
        assertThat(value).isEqualTo(value.trim());
        assertThat(HeaderRules.isPrintableText(value)).as("printable: %s", value).isTrue();
      }
    }
  }
}

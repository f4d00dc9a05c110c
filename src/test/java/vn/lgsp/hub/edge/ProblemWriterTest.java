package vn.lgsp.hub.edge;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.xml.soap.SOAPFault;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.lgsp.hub.protocol.CallerLanguage;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.support.ProblemBundles;

/** The one writer: the type stays the machine's, title and detail follow the caller's language. */
class ProblemWriterTest {

  private static final Locale VI = CallerLanguage.VIETNAMESE;
  private static final Locale EN = CallerLanguage.ENGLISH;

  private final ProblemWriter writer = ProblemBundles.writer();
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void theSameProblemInBothLanguagesKeepsItsType() {
    ProblemText detail = ProblemText.of("access.no-right", "VN/GOV/BCA/DANCU/household");
    JsonNode vi = json.readTree(writer.json(ProblemType.ACCESS_DENIED, detail, "m-1", VI));
    JsonNode en = json.readTree(writer.json(ProblemType.ACCESS_DENIED, detail, "m-1", EN));
    assertThat(vi.get("type").asString()).isEqualTo(en.get("type").asString()).isEqualTo("Client.AccessDenied");
    assertThat(vi.get("status").asInt()).isEqualTo(en.get("status").asInt()).isEqualTo(403);
    assertThat(vi.get("title").asString()).isEqualTo("Hệ thống chưa được cấp quyền truy cập dịch vụ này");
    assertThat(en.get("title").asString()).isEqualTo("The client has no access right to this service");
    assertThat(vi.get("detail").asString()).isEqualTo("chưa được cấp quyền truy cập VN/GOV/BCA/DANCU/household");
    assertThat(en.get("detail").asString()).isEqualTo("no access right to VN/GOV/BCA/DANCU/household");
    assertThat(vi.get("xRoadId").asString()).isEqualTo("m-1");
  }

  @Test
  void aDetailMayQuoteAnotherAndNumbersFollowTheLanguage() {
    ProblemText nested = ProblemText.of("input.tax-code", "taxCode", ProblemText.of("tax-code.check-digit"));
    assertThat(writer.text(nested, VI)).isEqualTo("“taxCode”: chữ số kiểm tra của mã số thuế không đúng");
    assertThat(writer.text(nested, EN)).isEqualTo("'taxCode': the check digit of the tax code is wrong");
    assertThat(writer.text(ProblemText.of("body.too-large", 1_048_576L), EN)).isEqualTo("the body exceeds 1048576 bytes");
    assertThat(writer.text(ProblemText.of("body.too-large", 1_048_576L), VI)).isEqualTo("nội dung vượt quá 1.048.576 byte");
  }

  @Test
  void anUnknownDetailKeyStillAnswersWithTheProblem() {
    JsonNode answer = json.readTree(writer.json(ProblemType.INVALID_REQUEST, ProblemText.of("no.such-key"), null, VI));
    assertThat(answer.get("type").asString()).isEqualTo("Client.InvalidRequest");
    assertThat(answer.get("detail").asString()).isEqualTo("no.such-key");
  }

  @Test
  void soapFaultsCarryTheCodeAndTheLanguageOfTheirText() {
    SOAPFault fault = writer.soapFault(ProblemType.UNKNOWN_SERVICE, ProblemText.of("service.no-such", "X/Y"), "m-2", EN)
        .getFault();
    assertThat(fault.getFaultCodeAsQName().getLocalPart()).isEqualTo("Client.UnknownService");
    assertThat(fault.getFaultString()).isEqualTo("no service X/Y");
    assertThat(fault.getFaultStringLocale()).isEqualTo(EN);

    String envelope = new String(writer.soapEnvelope(ProblemType.UNKNOWN_SERVICE, null, "m-<3>", VI), StandardCharsets.UTF_8);
    assertThat(envelope).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\" ?>")
        .containsPattern("<faultcode[^>]*>soap:Client.UnknownService</faultcode>")
        .contains("<faultstring xml:lang=\"vi\">Không có dịch vụ này</faultstring>")
        .contains("<hub:type>Client.UnknownService</hub:type>")
        .contains("m-&lt;3&gt;");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
    "NULL | vi", "'' | vi", "vi | vi", "vi-VN | vi", "en | en", "en-US,en;q=0.9 | en", "fr-FR, en;q=0.5 | en",
    "fr | vi", "en;q=0.1, vi;q=0.9 | vi", "*;q=0.5 | vi", ";;;=== | vi", "en;q=abc | vi"})
  void theCallersLanguageIsVietnameseUnlessItAsksForEnglish(String header, String expected) {
    assertThat(CallerLanguage.of(header).getLanguage()).isEqualTo(expected);
  }
}

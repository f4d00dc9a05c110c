package vn.lgsp.hub.soapfront;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * What a provider publishes cannot break the WSDL: field names that are no XML names stay out of it (an injected
 * {@code xs:import} included), and text loses the characters XML forbids.
 */
class XmlNamesTest {

  @Test
  void onlyXmlNamesBecomeElementsOrOperations() {
    assertThat(XmlNames.isElementName("dateOfBirth")).isTrue();
    assertThat(XmlNames.isElementName("tax-code")).isTrue();
    assertThat(XmlNames.isElementName("2024-tax")).isFalse();
    assertThat(XmlNames.isElementName("a\"/><xs:import namespace=\"x\"/><x a=\"")).isFalse();
    assertThat(XmlNames.isElementName("xmlThing")).isFalse();
    assertThat(XmlNames.isElementName("")).isFalse();
    assertThat(XmlNames.isOperationName("citizen-info")).isTrue();
    assertThat(XmlNames.isOperationName("problem")).isFalse();
    assertThat(XmlNames.isOperationName("headers")).isFalse();
    assertThat(XmlNames.isOperationName("taxpayerResponse")).isFalse();
  }

  @Test
  void anAnswerSchemaWithAHostileFieldNameStillMakesWellFormedXml() throws Exception {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("fullName", Map.of("type", "string"));
    properties.put("a\"/><xs:import namespace=\"urn:evil\"/><xs:element name=\"b", Map.of("type", "string"));
    String type = AnswerSchemas.complexType(Map.of("type", "object", "properties", properties), "");
    Document parsed = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
        ("<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element name=\"r\">" + type
            + "</xs:element></xs:schema>").getBytes(StandardCharsets.UTF_8)));
    assertThat(parsed.getElementsByTagNameNS("http://www.w3.org/2001/XMLSchema", "element").getLength()).isEqualTo(2);
    assertThat(parsed.getElementsByTagNameNS("http://www.w3.org/2001/XMLSchema", "import").getLength()).isZero();
  }

  @Test
  void textKeepsVietnameseAndLosesWhatXmlForbids() {
    assertThat(XmlNames.text("Tra cứu <công dân> & hộ\u0001 khẩu\uFFFE")).isEqualTo("Tra cứu &lt;công dân&gt; &amp; hộ khẩu");
  }
}

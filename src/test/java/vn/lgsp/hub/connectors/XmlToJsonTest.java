package vn.lgsp.hub.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.apache.cxf.staxutils.StaxUtils;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import tools.jackson.databind.JsonNode;

class XmlToJsonTest {

  private static Element xml(String text) throws Exception {
    return StaxUtils.read(new StringReader(text)).getDocumentElement();
  }

  @Test
  void selectsTheAnswerElementAndDropsNamespaces() throws Exception {
    var mapping = new ConnectorDescriptor.ResponseMapping("citizen", null, null, null);
    JsonNode json =
        new XmlToJson(mapping)
            .convert(
                xml(
                    """
                    <r:GetCitizenInfoResponse xmlns:r="urn:x"><r:citizen><r:personalId>001085000123</r:personalId>
                    <r:fullName>Nguyễn Văn An</r:fullName><r:permanentAddress><r:province>Hà Nội</r:province></r:permanentAddress>
                    </r:citizen></r:GetCitizenInfoResponse>"""));
    assertThat(json.toString())
        .isEqualTo(
            "{\"personalId\":\"001085000123\",\"fullName\":\"Nguyễn Văn An\",\"permanentAddress\":{\"province\":\"Hà Nội\"}}");
  }

  @Test
  void arraysRenamesAndBooleans() throws Exception {
    var mapping =
        new ConnectorDescriptor.ResponseMapping(
            null, List.of("mismatchedField"), Map.of("mismatchedField", "mismatchedFields"), List.of("match"));
    XmlToJson mapper = new XmlToJson(mapping);
    assertThat(
            mapper.convert(xml("<V xmlns='urn:x'><match>false</match><mismatchedField>dateOfBirth</mismatchedField></V>")).toString())
        .isEqualTo("{\"match\":false,\"mismatchedFields\":[\"dateOfBirth\"]}");
    assertThat(mapper.convert(xml("<V xmlns='urn:x'><match>true</match></V>")).toString())
        .isEqualTo("{\"match\":true,\"mismatchedFields\":[]}");
  }

  @Test
  void missingSelectedElementIsNull() throws Exception {
    var mapping = new ConnectorDescriptor.ResponseMapping("citizen", null, null, null);
    assertThat(new XmlToJson(mapping).convert(xml("<R xmlns='urn:x'><other/></R>"))).isNull();
  }

  @Test
  void templatesEscapeInputs() {
    String out = RequestTemplate.render("<a><n>{fullName}</n></a>", Map.of("fullName", "</n><x>&'\""));
    assertThat(out).isEqualTo("<a><n>&lt;/n&gt;&lt;x&gt;&amp;&apos;&quot;</n></a>");
  }
}

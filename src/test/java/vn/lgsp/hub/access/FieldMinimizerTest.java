package vn.lgsp.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import vn.lgsp.hub.protocol.ServiceId;
import vn.lgsp.hub.protocol.SubsystemId;

class FieldMinimizerTest {

  private final ObjectMapper json = new ObjectMapper();
  private final FieldMinimizer minimizer = new FieldMinimizer();

  private JsonNode person() throws Exception {
    return json.readTree(
        """
        {"personalId":"001085000123","fullName":"Nguyễn Văn A",
         "permanentAddress":{"province":"Hà Nội","ward":"Phường Láng","line":"12 Ngõ 5"},
         "currentAddress":{"province":"Đà Nẵng"},
         "members":[{"personalId":"1","fullName":"X","sex":"male"},{"personalId":"2","fullName":"Y"}]}
        """);
  }

  private static Grant grant(String... fields) {
    return new Grant(
        SubsystemId.parse("VN/GOV/UBND-DN/MOTCUA"),
        ServiceId.parse("VN/GOV/BCA/DANCU/citizen-info"),
        new LinkedHashSet<>(List.of(fields)),
        null,
        null,
        null);
  }

  @Test
  void noFieldListMeansTheWholeAnswer() throws Exception {
    assertThat(minimizer.minimize(person(), grant())).isEqualTo(person());
  }

  @Test
  void keepsListedFieldsAndWholeSubtrees() throws Exception {
    JsonNode out = minimizer.minimize(person(), grant("personalId", "permanentAddress"));
    assertThat(out.propertyNames()).containsExactly("personalId", "permanentAddress");
    assertThat(out.get("permanentAddress").size()).isEqualTo(3);
  }

  @Test
  void dottedPathsKeepNestedFieldsAlsoInArrays() throws Exception {
    JsonNode out = minimizer.minimize(person(), grant("permanentAddress.province", "members.fullName"));
    assertThat(out.get("permanentAddress").toString()).isEqualTo("{\"province\":\"Hà Nội\"}");
    assertThat(out.get("members").toString()).isEqualTo("[{\"fullName\":\"X\"},{\"fullName\":\"Y\"}]");
    assertThat(out.has("currentAddress")).isFalse();
  }

  @Test
  void doesNotChangeTheInput() throws Exception {
    JsonNode in = person();
    minimizer.minimize(in, grant("fullName"));
    assertThat(in).isEqualTo(person());
  }
}

package vn.lgsp.hub.fuzz;

import vn.lgsp.hub.protocol.ProblemText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import vn.lgsp.hub.identity.PersonalId;
import vn.lgsp.hub.identity.TaxCode;
import vn.lgsp.hub.protocol.HeaderRules;
import vn.lgsp.hub.protocol.ServiceId;
import vn.lgsp.hub.protocol.SubsystemId;
import vn.lgsp.hub.protocol.XRoadPath;

/**
 * Fuzz tests of the validators at the hub's edge. Without {@code JAZZER_FUZZ} they replay the
 * committed corpus ({@code src/test/resources/vn/lgsp/hub/fuzz/ValidatorFuzzTestInputs}); with
 * {@code JAZZER_FUZZ=1} Jazzer explores new inputs. Each states what must hold for any input.
 */
class ValidatorFuzzTest {

  private static String text(byte[] data) {
    return new String(data, StandardCharsets.UTF_8);
  }

  @FuzzTest(maxDuration = "30s")
  void personalIds(byte[] data) {
    String value = text(data);
    ProblemText problem = PersonalId.problemWith(value, 2026);
    if (problem == null) {
      assertThat(value).matches("[0-9]{12}");
      int century = (value.charAt(3) - '0') / 2;
      assertThat(1900 + century * 100 + Integer.parseInt(value.substring(4, 6))).isLessThanOrEqualTo(2026);
    } else if (value.length() >= 6) {
      assertThat(problem.toString()).as("a reason never repeats the value").doesNotContain(value);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void taxCodes(byte[] data) {
    String value = text(data);
    ProblemText problem = TaxCode.problemWith(value);
    if (problem == null) {
      assertThat(value).matches("[0-9]{10}|[0-9]{12}|[0-9]{13}|[0-9]{10}-[0-9]{3}");
      if (!value.matches("[0-9]{12}")) {
        int[] weights = {31, 29, 23, 19, 17, 13, 7, 5, 3};
        int sum = 0;
        for (int i = 0; i < 9; i++) {
          sum += (value.charAt(i) - '0') * weights[i];
        }
        assertThat(value.charAt(9) - '0').as("mod-11 check digit").isEqualTo(10 - sum % 11);
      }
    }
    assertThat(TaxCode.isValid(value)).isEqualTo(problem == null);
  }

  @FuzzTest(maxDuration = "30s")
  void xroadPaths(byte[] data) {
    String path = text(data);
    XRoadPath parsed;
    try {
      parsed = XRoadPath.parse(path);
    } catch (IllegalArgumentException e) {
      return;
    }
    assertThat(path).startsWith(XRoadPath.PREFIX);
    ServiceId service = parsed.service();
    assertThat(ServiceId.parse(service.toString())).isEqualTo(service);
    assertThat(service.toString()).doesNotContain("..").doesNotContainAnyWhitespaces();
  }

  @FuzzTest(maxDuration = "30s")
  void identifiers(byte[] data) {
    String value = text(data);
    try {
      SubsystemId subsystem = SubsystemId.parse(value);
      assertThat(SubsystemId.parse(subsystem.toString())).isEqualTo(subsystem);
      assertThat(subsystem.toString()).doesNotContainAnyWhitespaces();
    } catch (IllegalArgumentException e) {
      assertThatThrownBy(() -> SubsystemId.parse(value)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void headerValues(byte[] data) {
    String value = text(data);
    if (HeaderRules.isPrintableText(value)) {
      assertThat(value.chars().noneMatch(Character::isISOControl)).isTrue();
      assertThat(value.length()).isBetween(1, HeaderRules.MAX_TEXT);
    }
    if (HeaderRules.isMessageId(value)) {
      assertThat(value).matches("[A-Za-z0-9._:-]{1,100}");
    }
  }
}

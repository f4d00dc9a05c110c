package vn.lgsp.hub.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XRoadPathTest {

  @Test
  void splitsServiceAndRest() {
    XRoadPath p = XRoadPath.parse("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123");
    assertThat(p.service().toString()).isEqualTo("VN/GOV/BCA/DANCU/citizen-info");
    assertThat(p.service().provider().memberCode()).isEqualTo("BCA");
    assertThat(p.rest()).isEqualTo("/001085000123");
    assertThat(XRoadPath.parse("/r1/VN/GOV/BCA/DANCU/citizen-verify").rest()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/r2/VN/GOV/BCA/DANCU/x", "/r1/VN/GOV/BCA/DANCU", "/r1/VN/GOV//DANCU/x",
        "/r1/VN/GOV/BCA/DANCU/x%2Fy", "/r1/VN/GOV/B CA/DANCU/x", "/r1/../GOV/BCA/DANCU/x/"
      })
  void refusesMalformedPaths(String path) {
    assertThatThrownBy(() -> XRoadPath.parse(path)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void subsystemIdsRoundTripAndRejectOtherShapes() {
    assertThat(SubsystemId.parse("VN/GOV/UBND-HN/MOTCUA").toString()).isEqualTo("VN/GOV/UBND-HN/MOTCUA");
    assertThatThrownBy(() -> SubsystemId.parse("VN/GOV/UBND-HN")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SubsystemId.parse("VN/GOV/UBND-HN/MOT\r\nCUA")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SubsystemId.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }
}

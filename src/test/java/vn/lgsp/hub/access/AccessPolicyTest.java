package vn.lgsp.hub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.access.AccessProperties.ClientGrants;
import vn.lgsp.hub.access.AccessProperties.ServiceGrant;
import vn.lgsp.hub.protocol.ServiceId;
import vn.lgsp.hub.protocol.SubsystemId;

/** A right ends after its last day in Vietnam (UTC+7), and a version replaces the rights whole or not at all. */
class AccessPolicyTest {

  private static final SubsystemId DA_NANG = SubsystemId.parse("VN/GOV/UBND-DN/MOTCUA");
  private static final ServiceId TAX = ServiceId.parse("VN/GOV/BTC/THUE/tax-obligation");
  private static final LocalDate LAST_DAY = LocalDate.of(2027, 6, 30);

  private static AccessPolicy at(String instant) {
    AccessProperties properties = new AccessProperties(List.of(new ClientGrants(DA_NANG.toString(),
        List.of(new ServiceGrant(TAX.toString(), List.of("personalId"), null, LAST_DAY, "req-1")), null, null, null)),
        List.of(), Map.of());
    return new AccessPolicy(properties, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
  }

  @Test
  void aRightHoldsThroughItsLastDayInVietnamAndNotAMomentLonger() {
    // 16:59:59 UTC on the last day is 23:59:59 in Hanoi: still in force
    assertThat(at("2027-06-30T16:59:59Z").grantFor(DA_NANG, TAX)).hasValueSatisfying(g -> {
      assertThat(g.allowedFields()).containsExactly("personalId");
      assertThat(g.validUntil()).isEqualTo(LAST_DAY);
    });
    // 17:00 UTC is midnight in Hanoi: the next day, the right has ended
    assertThat(at("2027-06-30T17:00:00Z").grantFor(DA_NANG, TAX)).isEmpty();
  }

  @Test
  void aVersionWithABadIdentifierChangesNothing() {
    AccessPolicy policy = at("2027-01-01T00:00:00Z");
    List<ClientGrants> bad = List.of(new ClientGrants("Da Nang", List.of(new ServiceGrant(TAX.toString(), null, null)),
        null, null, null));
    assertThatThrownBy(() -> policy.replace(7, bad)).isInstanceOf(IllegalStateException.class).hasMessageContaining("Da Nang");
    assertThat(policy.version()).isZero();
    assertThat(policy.grantFor(DA_NANG, TAX)).isPresent();

    policy.replace(8, List.of());
    assertThat(policy.version()).isEqualTo(8);
    assertThat(policy.grantFor(DA_NANG, TAX)).as("revoked by the new version").isEmpty();
  }
}

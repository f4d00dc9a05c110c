package vn.lgsp.hub.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.access.AccessProperties.ClientGrants;
import vn.lgsp.hub.access.AccessProperties.ServiceGrant;

/** A right that accepts signed requests only stays so when an access request renews it. */
class RightsDocumentsTest {

  private static final String HANOI = "VN/GOV/UBND-HN/MOTCUA";
  private static final String CITIZEN = "VN/GOV/BCA/DANCU/citizen-info";
  private static final String TAX = "VN/GOV/BTC/THUE/taxpayer";

  @Test
  void aRenewedRightKeepsItsSignedRequestsRequirement() {
    List<ClientGrants> current = List.of(new ClientGrants(HANOI, List.of(
        new ServiceGrant(CITIZEN, List.of(), null, null, null, true), new ServiceGrant(TAX, List.of(), null)),
        null, null, null));
    assertThat(RightsDocuments.signedRequestsOnly(current, HANOI, CITIZEN)).isTrue();
    assertThat(RightsDocuments.signedRequestsOnly(current, HANOI, TAX)).isNull();
    assertThat(RightsDocuments.signedRequestsOnly(current, "VN/GOV/UBND-DN/MOTCUA", CITIZEN)).isNull();

    List<ClientGrants> renewed = RightsDocuments.withRight(current, HANOI, CITIZEN, new ServiceGrant(CITIZEN,
        List.of("fullName"), null, LocalDate.of(2027, 1, 1), "request-1", RightsDocuments.signedRequestsOnly(current,
            HANOI, CITIZEN)));
    ServiceGrant right = renewed.get(0).services().stream().filter(s -> s.service().equals(CITIZEN)).findFirst().orElseThrow();
    assertThat(right.signedRequests()).isTrue();
    assertThat(right.accessRequest()).isEqualTo("request-1");
    assertThat(new ServiceGrant(TAX, List.of(), null, null, null, false).signedRequests()).as("false is absent").isNull();
  }
}

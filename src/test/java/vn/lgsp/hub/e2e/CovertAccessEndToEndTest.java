package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.support.HubClient.HANOI;
import static vn.lgsp.hub.support.HubClient.HCMC;
import static vn.lgsp.hub.support.HubClient.INVESTIGATOR;
import static vn.lgsp.hub.support.HubClient.PORTAL;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxHubTest;

/**
 * Covert means unobservable: what a consumer can read (its own records, its monitoring cursor, the
 * client list) does not change when an investigative body looks someone up, and the data tracker's
 * hiding leaves no record of its own.
 */
class CovertAccessEndToEndTest extends SandboxHubTest {

  private Response own(String client, String query) {
    return hub.get("/consumer/api/monitoring/records?" + query).bearer(hub.token(client)).header("X-Road-Client", client)
        .send();
  }

  private void lookUp(String client, String personalId) {
    String id = UUID.randomUUID().toString();
    hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/" + personalId).as(client, hub.token(client))
        .header("X-Road-Issue", "HS-COVERT").header("X-Road-Id", id).send();
    hub.awaitRecord(id);
  }

  @Test
  void aConsumersMonitoringCursorTellsNothingAboutOthersExchanges() {
    lookUp(HANOI, "001085000123");
    Response start = own(HANOI, "limit=1000");
    assertThat(start.status()).as(start.body()).isEqualTo(200);
    String cursor = start.json().get("nextRecordsFrom").asString();
    assertThat(cursor).doesNotContainPattern("^[0-9]+$");
    assertThat(start.json().get("records").findValues("recordSeq")).isEmpty();
    // read to the end of what the hub (shared with other tests) holds of Hanoi's
    // read past what the hub (shared with other tests) already holds of Hanoi's: a short page is the end
    for (JsonNode page = start.json(); page.get("records").size() == 1000; ) {
      page = own(HANOI, "limit=1000&recordsFrom=" + cursor).json();
      cursor = page.get("nextRecordsFrom").asString();
    }

    // others' exchanges, covert ones included, happen: from the cursor on, the caller reads only its
    // own exchanges (here: its monitoring calls), with nothing that counts the others'
    lookUp(INVESTIGATOR, "001085000123");
    lookUp(HCMC, "001085000123");
    JsonNode after = own(HANOI, "limit=1000&recordsFrom=" + cursor).json();
    assertThat(after.get("records").findValuesAsString("clientId")).containsOnly(HANOI);
    assertThat(lookups(after)).isZero();

    // the caller's own next lookup is read from the cursor, once
    lookUp(HANOI, "001085000456");
    JsonNode next = own(HANOI, "limit=1000&recordsFrom=" + after.get("nextRecordsFrom").asString()).json();
    assertThat(lookups(next)).isEqualTo(1);
    assertThat(lookups(own(HANOI, "limit=1000&recordsFrom=" + next.get("nextRecordsFrom").asString()).json())).isZero();
  }

  private static long lookups(JsonNode page) {
    List<String> services = new ArrayList<>();
    page.get("records").forEach(r -> services.add(r.path("serviceId").asString()));
    return services.stream().filter("VN/GOV/BCA/DANCU/citizen-info"::equals).count();
  }

  @Test
  void aCursorIsTheCallersOwnAndCannotBeForged() {
    String cursor = own(HANOI, "limit=1").json().get("nextRecordsFrom").asString();
    Response stolen = own(HCMC, "recordsFrom=" + cursor);
    assertThat(stolen.status()).isEqualTo(400);
    assertThat(stolen.json().get("type").asString()).contains("Client.InvalidRequest");
    assertThat(own(HANOI, "recordsFrom=1").status()).as("a bare chain position").isEqualTo(400);
    char[] tampered = cursor.toCharArray();
    tampered[tampered.length / 2] = tampered[tampered.length / 2] == 'A' ? 'B' : 'A';
    assertThat(own(HANOI, "recordsFrom=" + new String(tampered)).status()).isEqualTo(400);
  }

  @Test
  void ownExchangeRecordsCarryNoChainPositionOrOperatorFields() {
    lookUp(HANOI, "001085000123");
    JsonNode page = hub.get("/consumer/api/exchanges?size=50").as(HANOI, hub.token(HANOI)).send().json();
    assertThat(page.get("items")).isNotEmpty();
    for (String field : List.of("chain", "seq", "prevHash", "reason", "actor", "action", "covertUntil", "payload")) {
      assertThat(page.get("items").findValues(field)).as(field).isEmpty();
    }
  }

  @Test
  void covertClientsAreListedForOperatorsOnly() {
    Response listed = hub.get("/listClients").as(HANOI, hub.token(HANOI)).send();
    assertThat(listed.status()).as(listed.body()).isEqualTo(200);
    assertThat(listed.body()).contains(PORTAL).doesNotContain("DIEUTRA");
    Response operators = hub.admin("/admin/api/clients");
    assertThat(operators.status()).isEqualTo(200);
    assertThat(operators.body()).contains(INVESTIGATOR).contains(PORTAL);
  }
}

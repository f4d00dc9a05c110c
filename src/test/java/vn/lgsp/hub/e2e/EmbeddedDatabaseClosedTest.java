package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.lgsp.hub.HubProperties;
import vn.lgsp.hub.audit.files.ArchiveDatabase;
import vn.lgsp.hub.support.EmbeddedDatabaseLogins;
import vn.lgsp.hub.support.SandboxHubTest;

/**
 * The embedded database is closed: no superuser over TCP, generated passwords kept private, and
 * the hub's own role can append evidence but neither change nor delete it.
 */
class EmbeddedDatabaseClosedTest extends SandboxHubTest {

  @Autowired JdbcTemplate hubRole;
  @Autowired @Qualifier(ArchiveDatabase.DATA_SOURCE) DataSource archiver;
  @Autowired HubProperties properties;

  private long anyStoredRecord() {
    String id = java.util.UUID.randomUUID().toString();
    hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123").as(vn.lgsp.hub.support.HubClient.HANOI,
        hub.token(vn.lgsp.hub.support.HubClient.HANOI)).header("X-Road-Issue", "HS-DB").header("X-Road-Id", id).send();
    return hub.awaitRecord(id).get("chain").get("seq").asLong();
  }

  @Test
  void theHubsRoleCannotChangeOrRemoveEvidence() {
    long seq = anyStoredRecord();
    assertThatThrownBy(() -> hubRole.update("UPDATE exchange_record SET issue = 'HS-FORGED' WHERE chain_seq = ?", seq))
        .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
    assertThatThrownBy(() -> hubRole.update("DELETE FROM exchange_record WHERE chain_seq = ?", seq))
        .rootCause().hasMessageContaining("permission denied");
    assertThatThrownBy(() -> hubRole.update("DELETE FROM exchange_chain_seal")).rootCause().hasMessageContaining("permission denied");
    assertThatThrownBy(() -> hubRole.execute("TRUNCATE exchange_record")).rootCause().hasMessageContaining("permission denied");
    assertThatThrownBy(() -> hubRole.update("UPDATE exchange_chain_head SET base_seq = 0"))
        .rootCause().hasMessageContaining("permission denied");
    assertThatThrownBy(() -> hubRole.execute("DROP TABLE exchange_record")).rootCause().hasMessageContaining("must be owner");
    assertThatThrownBy(() -> hubRole.update("UPDATE exchange_chain_head SET last_seq = last_seq - 1"))
        .rootCause().hasMessageContaining("only moves forward");
    // while appending still works for it: the record above was stored by this role
    assertThat(hubRole.queryForObject("SELECT count(*) FROM exchange_record WHERE chain_seq = ?", Long.class, seq))
        .isEqualTo(1);
    // the archiver may purge, but may not rewrite
    assertThatThrownBy(() -> new JdbcTemplate(archiver).update("UPDATE exchange_record SET issue = 'X' WHERE chain_seq = ?",
        seq)).rootCause().hasMessageContaining("permission denied");
  }

  @Test
  void noSuperuserOverTcpWithOrWithoutItsPassword() throws Exception {
    String url = hubRole.execute((java.sql.Connection c) -> c.getMetaData().getURL()).replaceFirst("\\?.*", "");
    Path credentials = EmbeddedDatabaseLogins.file(properties.dataDir());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
    assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "")).isInstanceOf(SQLException.class);
    String superuserPassword = EmbeddedDatabaseLogins.password(properties.dataDir(), "postgres");
    assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", superuserPassword))
        .isInstanceOf(SQLException.class).hasMessageContaining("rejects connection");
    assertThatThrownBy(() -> DriverManager.getConnection(url, "hub_app", "wrong-password"))
        .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
    try (var c = DriverManager.getConnection(url, "hub_app", EmbeddedDatabaseLogins.password(properties.dataDir(), "hub_app"))) {
      assertThat(c.isValid(2)).isTrue();
    }
  }
}

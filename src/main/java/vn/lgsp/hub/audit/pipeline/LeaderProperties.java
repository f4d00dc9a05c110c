package vn.lgsp.hub.audit.pipeline;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The election of the one hub that writes, seals and archives the exchange log ({@link LeaderElection}).
 * Another hub takes over at most {@code deadAfter + tryEvery} (plus a connection) after the leader dies.
 *
 * @param tryEvery how often each hub tries to take the lead, and the leader checks that it still holds it
 * @param deadAfter how long PostgreSQL waits for a silent leader's session before ending it and so
 *     releasing the lead (idle session timeout, TCP keepalives); a leader whose process is killed is
 *     released at once
 */
@Validated
@ConfigurationProperties("hub.leader")
public record LeaderProperties(
    @DefaultValue("1s") @NotNull Duration tryEvery,
    @DefaultValue("5s") @NotNull Duration deadAfter) {

  /** A live leader checks in every {@code tryEvery}: its session must not look dead in between. */
  @AssertTrue(message = "hub.leader.dead-after must be at least twice hub.leader.try-every and try-every at least 100ms")
  public boolean isDeadAfterBeyondTwoTries() {
    return tryEvery == null || deadAfter == null
        || (tryEvery.toMillis() >= 100 && deadAfter.compareTo(tryEvery.multipliedBy(2)) >= 0);
  }
}

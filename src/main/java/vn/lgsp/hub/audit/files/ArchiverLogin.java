package vn.lgsp.hub.audit.files;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The login retention purges with on an external database ({@link ArchiveDatabase}): a role that
 * may delete archived records, which the hub's own role may not. Unset: the hub's own login.
 *
 * @param username the archiver role (e.g. {@code hub_archiver}); same URL as {@code spring.datasource.url}
 * @param password its password, from the environment ({@code HUB_DATABASE_ARCHIVER_PASSWORD})
 */
@Validated
@ConfigurationProperties("hub.database.archiver")
public record ArchiverLogin(String username, String password) {

  boolean configured() {
    return username != null && !username.isBlank();
  }
}

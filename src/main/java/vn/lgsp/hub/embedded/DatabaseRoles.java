package vn.lgsp.hub.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * The roles of the embedded database and their generated passwords, kept in the data directory
 * (owner-only file). The superuser {@code postgres} gets a password and is refused over TCP; the
 * schema belongs to {@link #OWNER} (migrations), the hub runs as {@link #APP}, which may add records
 * and seals but not change or remove them, and archiving runs as {@link #ARCHIVER}. The privileges
 * themselves are a migration ({@code V7__append_only_privileges.sql}), so an external database
 * with roles of these names gets the same.
 */
final class DatabaseRoles {

  static final String SUPERUSER = "postgres";
  static final String OWNER = "hub_owner";
  static final String APP = "hub_app";
  static final String ARCHIVER = "hub_archiver";
  static final String DATABASE = "lgsp_hub";

  private static final String BOOTSTRAPPED = "bootstrapped";

  private final Path file;
  private final Properties passwords;

  private DatabaseRoles(Path file, Properties passwords) {
    this.file = file;
    this.passwords = passwords;
  }

  /** The roles kept in {@code file}, or new passwords for them (written at once, before any use). */
  static DatabaseRoles loadOrCreate(Path file) {
    Properties passwords = new Properties();
    try {
      if (Files.exists(file)) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          passwords.load(in);
        }
      }
      boolean added = false;
      for (String role : new String[] {SUPERUSER, OWNER, APP, ARCHIVER}) {
        if (passwords.getProperty(role) == null) {
          passwords.setProperty(role, newPassword());
          added = true;
        }
      }
      DatabaseRoles roles = new DatabaseRoles(file, passwords);
      if (added) {
        passwords.remove(BOOTSTRAPPED);
        roles.save();
      }
      return roles;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the embedded database's credentials in " + file, e);
    }
  }

  String password(String role) {
    return passwords.getProperty(role);
  }

  /** Whether the roles exist in the cluster with these passwords (the last start finished its set-up). */
  boolean bootstrapped() {
    return "true".equals(passwords.getProperty(BOOTSTRAPPED));
  }

  /**
   * Sets the passwords and creates the roles and the database, connected as the superuser while
   * the cluster still trusts loopback (its first start); each statement may run again after a crash.
   */
  void bootstrap(DataSource superuser) {
    try (Connection c = superuser.getConnection(); Statement s = c.createStatement()) {
      s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD " + literal(password(SUPERUSER)));
      for (String role : new String[] {OWNER, APP, ARCHIVER}) {
        s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN"
            + " CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE; END IF; END $$");
        s.execute("ALTER ROLE " + role + " PASSWORD " + literal(password(role)));
      }
      if (!exists(s, "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
        s.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER + " ENCODING 'UTF8'");
      }
      s.execute("REVOKE ALL ON DATABASE " + DATABASE + " FROM PUBLIC");
      s.execute("GRANT CONNECT ON DATABASE " + DATABASE + " TO " + APP + ", " + ARCHIVER);
    } catch (SQLException e) {
      throw new IllegalStateException("could not set up the embedded database's roles", e);
    }
  }

  /** Makes the cluster read the final access rules (superuser only). */
  static void reloadConfiguration(DataSource superuser) {
    try (Connection c = superuser.getConnection(); Statement s = c.createStatement()) {
      s.execute("SELECT pg_reload_conf()");
    } catch (SQLException e) {
      throw new IllegalStateException("could not reload the embedded database's access rules", e);
    }
  }

  void markBootstrapped() {
    passwords.setProperty(BOOTSTRAPPED, "true");
    save();
  }

  /**
   * The access rules: during the first start only the superuser, over loopback, without a password
   * (to create the roles); afterwards the superuser never over TCP and every role by SCRAM password.
   */
  static String hostBasedAccess(boolean bootstrapped) {
    if (!bootstrapped) {
      return "host postgres postgres 127.0.0.1/32 trust\n";
    }
    return "local all all scram-sha-256\n"
        + "host all " + SUPERUSER + " all reject\n"
        + "host all all 127.0.0.1/32 scram-sha-256\n"
        + "host all all ::1/128 scram-sha-256\n";
  }

  private void save() {
    try {
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(temp);
      Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        passwords.store(out, "lgsp-hub embedded database roles: generated, keep private");
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the embedded database's credentials in " + file, e);
    }
  }

  private static boolean exists(Statement s, String query) throws SQLException {
    try (var rs = s.executeQuery(query)) {
      return rs.next();
    }
  }

  private static String newPassword() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Passwords are generated URL-safe Base64, so quoting is all a literal needs. */
  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}

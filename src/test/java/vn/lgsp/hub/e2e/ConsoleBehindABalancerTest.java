package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxHubTest;

/**
 * The console behind a round-robin balancer: its sessions live in the shared database, so a
 * sign-in made on this hub is read by another hub's session store, a session another hub made is
 * accepted here, and a sign-out here ends it everywhere. The other hub is its session store, built as
 * Spring Boot builds the hub's own on the same database; it shares nothing in memory with this one.
 */
class ConsoleBehindABalancerTest extends SandboxHubTest {

  @Autowired DataSource dataSource;

  @SuppressWarnings("unchecked")
  private SessionRepository<Session> otherHub() {
    JdbcIndexedSessionRepository sessions = new JdbcIndexedSessionRepository(new JdbcTemplate(dataSource),
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    sessions.setTableName("console_session");
    return (SessionRepository<Session>) (SessionRepository<?>) sessions;
  }

  @Test
  void aSignInOnOneHubIsValidOnAnotherAndASignOutEndsItOnBoth() {
    Response signIn = hub.post("/console/login", "username=operator&password="
        + URLEncoder.encode("sandbox-operator", StandardCharsets.UTF_8)).header("Content-Type", "application/x-www-form-urlencoded")
        .send();
    assertThat(signIn.header("Location")).endsWith("/console/");
    String setCookie = signIn.header("Set-Cookie");
    assertThat(setCookie).startsWith("SESSION=").contains("HttpOnly").contains("SameSite=Strict");
    String cookie = setCookie.split(";")[0];
    String id = new String(Base64.getDecoder().decode(cookie.substring("SESSION=".length())), StandardCharsets.UTF_8);

    Session there = otherHub().findById(id);
    assertThat(there).as("the other hub finds the session").isNotNull();
    SecurityContext context = there.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
    assertThat(context.getAuthentication().getName()).isEqualTo("operator");
    assertThat(AuthorityUtils.authorityListToSet(context.getAuthentication().getAuthorities())).contains("ROLE_OPERATOR");

    Response signOut = hub.post("/console/logout", "").header("Cookie", cookie)
        .header("Content-Type", "application/x-www-form-urlencoded").send();
    assertThat(signOut.status()).isEqualTo(302);
    assertThat(otherHub().findById(id)).as("signed out everywhere").isNull();
  }

  @Test
  void aSessionMadeOnAnotherHubIsAcceptedHere() {
    SessionRepository<Session> other = otherHub();
    Session made = other.createSession();
    User operator = new User("operator", "", AuthorityUtils.createAuthorityList("ROLE_OPERATOR"));
    made.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, new SecurityContextImpl(
        UsernamePasswordAuthenticationToken.authenticated(operator, null, operator.getAuthorities())));
    other.save(made);
    String cookie = "SESSION=" + Base64.getEncoder().encodeToString(made.getId().getBytes(StandardCharsets.UTF_8));

    Response console = hub.get("/console/").header("Cookie", cookie).send();
    assertThat(console.status()).as("the console, not its sign-in page").isEqualTo(200);
    Response api = hub.get("/admin/api/hub").header("Cookie", cookie).header("X-Requested-With", "lgsp-console").send();
    assertThat(api.status()).as(api.body()).isEqualTo(200);
    assertThat(api.json().get("node").asString()).isNotBlank();

    Response stranger = hub.get("/admin/api/hub").header("X-Requested-With", "lgsp-console").header("Cookie", "SESSION="
        + Base64.getEncoder().encodeToString("0c5e3b3e-0000-4000-8000-000000000000".getBytes(StandardCharsets.UTF_8))).send();
    assertThat(stranger.status()).as("an unknown session is no sign-in").isEqualTo(401);
  }
}

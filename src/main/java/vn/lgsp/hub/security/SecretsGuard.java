package vn.lgsp.hub.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * Stops a hub outside the sandbox profile before anything starts when its configuration holds a
 * sandbox secret (every sandbox credential says "sandbox", the salt of its bcrypt hashes too), turns
 * the sandbox registers on, lacks the key that hashes personal IDs in the exchange log, or holds a
 * bcrypt hash of a cost below 10. The sandbox is the {@code sandbox} profile alone: with any other
 * profile beside it ({@code prod,sandbox}) these production rules apply. The message names the
 * setting, never a value.
 */
public class SecretsGuard implements EnvironmentPostProcessor, Ordered {

  static final String SANDBOX = "sandbox";

  /** Settings that hold secrets: credentials, keys, passwords. */
  private static final Pattern SECRET = Pattern.compile(
      "^hub\\..*(secret|password|key|credential).*$", Pattern.CASE_INSENSITIVE);

  /** The lists of configured client and operator secrets: plain, or bcrypt hashes whose cost is checked. */
  private static final List<String> CREDENTIALS = List.of("hub.security.clients", "hub.security.operators");

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    if (isSandbox(env)) {
      return;
    }
    Set<String> problems = new LinkedHashSet<>();
    for (String name : secretNames(env)) {
      checkSecret(name, env.getProperty(name), problems);
    }
    // credentials by index too: those given as environment variables (HUB_SECURITY_CLIENTS_0_SECRET)
    // are not listed under their property names
    for (String list : CREDENTIALS) {
      for (int i = 0; env.containsProperty(list + "[" + i + "].secret"); i++) {
        String name = list + "[" + i + "].secret";
        String value = env.getProperty(name);
        checkSecret(name, value, problems);
        if (value != null && value.startsWith(SecretHashes.BCRYPT_PREFIX)
            && SecretHashes.cost(value) < SecretHashes.MIN_BCRYPT_COST) {
          problems.add(name + " is a bcrypt hash of cost below " + SecretHashes.MIN_BCRYPT_COST);
        }
      }
    }
    if (env.getProperty("hub.sandbox.enabled", Boolean.class, false)) {
      problems.add("hub.sandbox.enabled is true");
    }
    String hashKey = env.getProperty("hub.audit.subject-hash-key");
    if (hashKey == null || hashKey.isBlank()) {
      problems.add("hub.audit.subject-hash-key (HUB_AUDIT_SUBJECTHASHKEY) is not set: personal IDs could not be"
          + " hashed in the exchange log");
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("lgsp-hub will not start outside the sandbox profile (active: "
          + Arrays.toString(env.getActiveProfiles()) + "): " + String.join("; ", problems)
          + ". Give production secrets through the environment or a secret store.");
    }
  }

  /** The sandbox profile and no other: the active profiles, or the default ones when none is active. */
  private static void checkSecret(String name, String value, Set<String> problems) {
    if (value != null && value.toLowerCase(Locale.ROOT).contains(SANDBOX)) {
      problems.add(name + " holds a sandbox secret");
    }
  }

  static boolean isSandbox(ConfigurableEnvironment env) {
    String[] active = env.getActiveProfiles();
    String[] profiles = active.length == 0 ? env.getDefaultProfiles() : active;
    return Arrays.stream(profiles).distinct().toList().equals(List.of(SANDBOX));
  }

  private static List<String> secretNames(ConfigurableEnvironment env) {
    List<String> names = new ArrayList<>();
    env.getPropertySources().forEach(source -> {
      if (source instanceof EnumerablePropertySource<?> enumerable) {
        for (String name : enumerable.getPropertyNames()) {
          if (SECRET.matcher(name).matches() && !names.contains(name)) {
            names.add(name);
          }
        }
      }
    });
    return names;
  }

  /** After the configuration files are read. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}

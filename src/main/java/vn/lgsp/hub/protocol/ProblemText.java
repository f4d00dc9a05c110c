package vn.lgsp.hub.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A problem's detail as a message key and its arguments, not as text: the edge renders it in the
 * caller's language from {@code i18n/problems_*.properties}. Arguments are shown to the caller, so
 * they follow the rule of {@link HubProblemException}: no backend message, no personal ID.
 */
public record ProblemText(String key, List<Object> args) {

  public ProblemText {
    Objects.requireNonNull(key, "key");
    args = List.copyOf(args);
  }

  public static ProblemText of(String key, Object... args) {
    return new ProblemText(key, Arrays.asList(args));
  }

  /** For operators' logs, which stay language-neutral: the key and its arguments. */
  @Override
  public String toString() {
    return args.isEmpty() ? key : key + " " + args;
  }
}

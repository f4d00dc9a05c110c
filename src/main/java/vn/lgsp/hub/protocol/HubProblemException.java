package vn.lgsp.hub.protocol;

/**
 * A failure with a known problem type. The detail is shown to the caller (in the caller's
 * language, see {@link ProblemText}), so it must be written for the caller: never a backend
 * message, a class name or a personal ID.
 */
public class HubProblemException extends RuntimeException {

  private final ProblemType type;
  private final transient ProblemText detail;

  public HubProblemException(ProblemType type, ProblemText detail) {
    this(type, detail, null);
  }

  public HubProblemException(ProblemType type, ProblemText detail, Throwable cause) {
    super(detail.toString(), cause, false, false);
    this.type = type;
    this.detail = detail;
  }

  /** A detail without arguments, by its message key. */
  public HubProblemException(ProblemType type, String detailKey) {
    this(type, ProblemText.of(detailKey));
  }

  public ProblemType type() {
    return type;
  }

  public ProblemText detail() {
    return detail;
  }
}

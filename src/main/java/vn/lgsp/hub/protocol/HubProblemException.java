package vn.lgsp.hub.protocol;

/**
 * A failure with a known problem type. The detail is shown to the caller, so it must be written
 * for the caller: never a backend message, a class name or a personal ID.
 */
public class HubProblemException extends RuntimeException {

  private final ProblemType type;

  public HubProblemException(ProblemType type, String detail) {
    super(detail, null, false, false);
    this.type = type;
  }

  public HubProblemException(ProblemType type, String detail, Throwable cause) {
    super(detail, cause, false, false);
    this.type = type;
  }

  public ProblemType type() {
    return type;
  }

  public String detail() {
    return getMessage();
  }
}

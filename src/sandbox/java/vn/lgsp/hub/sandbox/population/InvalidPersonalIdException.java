package vn.lgsp.hub.sandbox.population;

/** A personal ID that is not a well-formed CCCD number; the message is safe to show to callers. */
public class InvalidPersonalIdException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public InvalidPersonalIdException(String reason) {
    super(reason);
  }
}

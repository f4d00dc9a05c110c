package vn.lgsp.hub.sandbox.population;

/** A field that identity verification compares; {@link #code()} is the canonical field name. */
public enum VerifiedField {
  FULL_NAME("fullName"),
  DATE_OF_BIRTH("dateOfBirth");

  private final String code;

  VerifiedField(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}

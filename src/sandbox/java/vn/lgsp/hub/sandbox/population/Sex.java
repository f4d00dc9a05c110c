package vn.lgsp.hub.sandbox.population;

/** Sex as recorded in the register; {@link #code()} is the canonical JSON/XML value. */
public enum Sex {
  MALE("male"),
  FEMALE("female");

  private final String code;

  Sex(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}

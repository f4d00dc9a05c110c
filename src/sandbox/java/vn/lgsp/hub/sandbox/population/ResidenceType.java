package vn.lgsp.hub.sandbox.population;

/** Whether a person lives at the permanent address or is registered somewhere else temporarily. */
public enum ResidenceType {
  PERMANENT("permanent"),
  TEMPORARY("temporary");

  private final String code;

  ResidenceType(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}

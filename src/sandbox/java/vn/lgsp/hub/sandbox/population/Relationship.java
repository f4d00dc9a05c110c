package vn.lgsp.hub.sandbox.population;

/** A household member's relationship to the head of the household. */
public enum Relationship {
  HEAD("head"),
  SPOUSE("spouse"),
  CHILD("child"),
  PARENT("parent");

  private final String code;

  Relationship(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}

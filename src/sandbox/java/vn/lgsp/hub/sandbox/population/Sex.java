package vn.lgsp.hub.sandbox.population;

import vn.lgsp.hub.identity.PersonalId;

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

  /** The sex a personal ID encodes, as the hub decodes it. */
  public static Sex of(PersonalId.Sex sex) {
    return sex == PersonalId.Sex.MALE ? MALE : FEMALE;
  }

  /** The hub's name for this sex, to encode a personal ID. */
  public PersonalId.Sex hub() {
    return this == MALE ? PersonalId.Sex.MALE : PersonalId.Sex.FEMALE;
  }
}

package vn.lgsp.hub.sandbox.population;

/**
 * A CCCD personal ID as the sandbox register reads it, 12 digits {@code PPP G YY NNNNNN}, decoded by
 * the hub's rule ({@link vn.lgsp.hub.identity.PersonalId}: province, century-and-sex digit, birth
 * year, serial). The register adds its own acceptance: any 12 digits are well-formed here (the hub
 * checks more before it calls a register). The sandbox register is a snapshot taken on
 * {@link SyntheticPopulation#SNAPSHOT_DATE}, so an ID is {@link #isAssigned() assigned} to a person
 * only when its serial is below {@link #FIRST_UNASSIGNED_SERIAL} and its birth year is from 1900 to
 * {@link #LAST_BIRTH_YEAR}; the others belong to nobody.
 */
public record PersonalId(String value, String provinceCode, Sex sex, int birthYear, int serial) {

  /** Serials from here on belong to nobody: the sandbox's way to produce "not found". */
  public static final int FIRST_UNASSIGNED_SERIAL = 900_000;

  /** The last birth year the snapshot holds. */
  public static final int LAST_BIRTH_YEAR = SyntheticPopulation.SNAPSHOT_DATE.getYear() - 1;

  /** Parses an ID; the exception's message says what is wrong with it and never repeats it. */
  public static PersonalId parse(String value) {
    if (value == null || value.length() != 12 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidPersonalIdException("personalId must be exactly 12 digits");
    }
    return new PersonalId(value, value.substring(0, 3), Sex.of(vn.lgsp.hub.identity.PersonalId.sex(value)),
        vn.lgsp.hub.identity.PersonalId.birthYear(value), Integer.parseInt(value.substring(6)));
  }

  /** Builds the ID of a person with the given attributes. */
  public static PersonalId of(String provinceCode, Sex sex, int birthYear, int serial) {
    if (birthYear < 1900 || birthYear > LAST_BIRTH_YEAR) {
      throw new IllegalArgumentException("birth year out of range: " + birthYear);
    }
    return parse(vn.lgsp.hub.identity.PersonalId.digits(provinceCode, sex.hub(), birthYear, serial));
  }

  /** Whether the register holds a person under this ID. */
  public boolean isAssigned() {
    return serial < FIRST_UNASSIGNED_SERIAL && birthYear <= LAST_BIRTH_YEAR;
  }

  @Override
  public String toString() {
    return value;
  }
}

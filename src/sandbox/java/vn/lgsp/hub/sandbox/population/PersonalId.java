package vn.lgsp.hub.sandbox.population;

/**
 * A parsed CCCD personal ID, 12 digits {@code PPP G YY NNNNNN}: PPP the province code of birth
 * registration, G the century-and-sex digit (0/1 = born 19xx male/female, 2/3 = 20xx, 4/5 = 21xx,
 * 6/7 = 22xx, 8/9 = 23xx), YY the last two digits of the birth year, NNNNNN a serial.
 *
 * <p>Any 12 digits are well-formed. The sandbox register is a snapshot taken on
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
    int centuryAndSex = value.charAt(3) - '0';
    int birthYear = 1900 + 100 * (centuryAndSex / 2) + Integer.parseInt(value.substring(4, 6));
    Sex sex = centuryAndSex % 2 == 0 ? Sex.MALE : Sex.FEMALE;
    return new PersonalId(value, value.substring(0, 3), sex, birthYear, Integer.parseInt(value.substring(6)));
  }

  /** Builds the ID of a person with the given attributes. */
  public static PersonalId of(String provinceCode, Sex sex, int birthYear, int serial) {
    if (birthYear < 1900 || birthYear > LAST_BIRTH_YEAR) {
      throw new IllegalArgumentException("birth year out of range: " + birthYear);
    }
    int centuryAndSex = (birthYear >= 2000 ? 2 : 0) + (sex == Sex.FEMALE ? 1 : 0);
    return parse(String.format("%s%d%02d%06d", provinceCode, centuryAndSex, birthYear % 100, serial));
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

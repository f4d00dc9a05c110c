package vn.lgsp.hub.sandbox.population;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.Year;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A synthetic national population register: every record is computed from the personal ID and a
 * fixed seed (SHA-256, see {@link StableHash}), so there is no table to load, nothing random at run
 * time, and the same ID gives the same person on every machine. All data is made up.
 *
 * <ul>
 *   <li>Any 12 digits are a well-formed ID ({@link PersonalId#parse}). One with a serial below
 *       900000 and a birth year from 1900 to 2025 is a person whose sex and birth year are the ones
 *       the ID encodes; serials 900000-999999, and births after the snapshot, are nobody.</li>
 *   <li>The permanent address is in the province of the ID's code; about one person in five
 *       currently lives in another province (temporary residence).</li>
 *   <li>A household is generated around the person asked about: an adult heads it, with 0-4
 *       relatives (spouse, children, parents); a minor lives in the household of a parent. Each
 *       relative has a valid ID of an existing person whose sex and birth year agree with the ID,
 *       with plausible ages (parents at least 20 years older than their children, spouses adults),
 *       and children carry their father's family name.</li>
 * </ul>
 *
 * <p>Known and accepted inconsistency: each person's record is generated from that person's own
 * ID. A relative is therefore a real person of the register, but the relative's own record has its
 * own addresses, and a household query made with the relative's ID generates the relative's own
 * household, which need not be the one the relative appeared in.
 *
 * <p>Thread-safe and stateless; cheap enough to compute on every call.
 */
public final class SyntheticPopulation {

  /** The seed of the sandbox's population. Changing it changes every person. */
  public static final String DEFAULT_SEED = "lgsp-hub/sandbox/VN-GOV-BCA-DANCU/v1";

  /** The register is a snapshot taken on this day: everyone was born before it. */
  public static final LocalDate SNAPSHOT_DATE = LocalDate.of(2026, 1, 1);

  public static final String NATIONALITY = "VN";

  private static final List<String> FAMILY_NAMES = List.of(
      "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ",
      "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý");
  // every middle name carries a diacritic, so every full name does
  private static final List<String> MALE_MIDDLE_NAMES = List.of(
      "Văn", "Đức", "Quốc", "Hữu", "Thành", "Công", "Đình", "Xuân", "Trọng");
  private static final List<String> FEMALE_MIDDLE_NAMES = List.of(
      "Thị", "Ngọc", "Thúy", "Hồng", "Diệu", "Bích", "Mỹ", "Khánh");
  private static final List<String> MALE_GIVEN_NAMES = List.of(
      "An", "Bảo", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Huy", "Khánh", "Long",
      "Nam", "Phong", "Quân", "Sơn", "Thắng", "Trung", "Tuấn", "Việt");
  private static final List<String> FEMALE_GIVEN_NAMES = List.of(
      "Anh", "Chi", "Dung", "Giang", "Hà", "Hằng", "Hoa", "Hương", "Lan", "Linh",
      "Mai", "My", "Ngân", "Nhung", "Oanh", "Thảo", "Trang", "Vy", "Yến");
  private static final List<String> ETHNIC_MINORITIES = List.of(
      "Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "H'Mông", "Dao");
  private static final List<String> WARDS = List.of(
      "Phường Hòa Bình", "Phường Tân Định", "Phường Quang Trung", "Phường Trần Phú",
      "Phường Thắng Lợi", "Phường Tân Phong", "Phường An Khánh", "Phường Đông Hải",
      "Xã Tân Lập", "Xã Hòa Phú", "Xã An Thịnh", "Xã Phú Xuân", "Xã Đông Sơn", "Xã Yên Hòa");
  private static final List<String> STREETS = List.of(
      "Lê Lợi", "Trần Hưng Đạo", "Nguyễn Trãi", "Hai Bà Trưng", "Quang Trung",
      "Lý Thường Kiệt", "Phan Đình Phùng", "Nguyễn Huệ", "Hùng Vương", "Điện Biên Phủ");
  private static final List<String> HAMLETS = List.of(
      "Đông", "Tây", "Trung", "Thượng", "Hạ", "An Lạc", "Phú Mỹ", "Tân Thành");

  private static final int LAST_BIRTH_YEAR = PersonalId.LAST_BIRTH_YEAR;
  private static final int ADULT_AGE = 18;
  private static final int MAX_RELATIVES = 4;
  // a relative's ID is searched until its generated family name fits; 1000 tries at 1/16 each
  // leave a chance of about 1e-28 to fall back to an unfitting name
  private static final int MAX_ID_ATTEMPTS = 1000;
  private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+");

  private final StableHash hash;

  public SyntheticPopulation() {
    this(DEFAULT_SEED);
  }

  public SyntheticPopulation(String seed) {
    this.hash = new StableHash(Objects.requireNonNull(seed, "seed"));
  }

  // ------------------------------------------------------------------ public API

  /**
   * The person with this ID, or empty when the ID is well-formed but belongs to nobody.
   *
   * @throws InvalidPersonalIdException when the ID is not a well-formed CCCD number
   */
  public Optional<Citizen> find(String personalId) {
    return assigned(personalId).map(this::citizen);
  }

  /** Whether a person has this ID; false too for a malformed ID. */
  public boolean exists(String personalId) {
    try {
      return PersonalId.parse(personalId).isAssigned();
    } catch (InvalidPersonalIdException e) {
      return false;
    }
  }

  /**
   * Compares claimed identity data with the register: the name case-insensitively after NFC
   * normalisation and whitespace collapsing (diacritics count), the date of birth exactly.
   *
   * @throws InvalidPersonalIdException when the ID is not a well-formed CCCD number
   */
  public Optional<Verification> verify(String personalId, String fullName, LocalDate dateOfBirth) {
    return find(personalId).map(citizen -> {
      List<VerifiedField> mismatched = new ArrayList<>();
      if (!normaliseName(citizen.fullName()).equals(normaliseName(fullName))) {
        mismatched.add(VerifiedField.FULL_NAME);
      }
      if (!citizen.dateOfBirth().equals(dateOfBirth)) {
        mismatched.add(VerifiedField.DATE_OF_BIRTH);
      }
      return Verification.of(mismatched);
    });
  }

  /**
   * The person's residence confirmation.
   *
   * @throws InvalidPersonalIdException when the ID is not a well-formed CCCD number
   */
  public Optional<Residence> residence(String personalId) {
    return assigned(personalId).map(this::residence);
  }

  /**
   * The household the person belongs to (see the class comment about relatives).
   *
   * @throws InvalidPersonalIdException when the ID is not a well-formed CCCD number
   */
  public Optional<Household> household(String personalId) {
    return assigned(personalId).map(this::household);
  }

  /** Name comparison key: NFC, whitespace runs collapsed and trimmed, lower case; diacritics kept. */
  public static String normaliseName(String name) {
    if (name == null) {
      return "";
    }
    String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
    String collapsed = WHITESPACE.matcher(nfc).replaceAll(" ").strip();
    return Normalizer.normalize(collapsed.toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
  }

  // ------------------------------------------------------------------ people

  private Optional<PersonalId> assigned(String personalId) {
    PersonalId id = PersonalId.parse(personalId);
    return id.isAssigned() ? Optional.of(id) : Optional.empty();
  }

  private Citizen citizen(PersonalId id) {
    String key = id.value();
    int daysInYear = Year.of(id.birthYear()).length();
    LocalDate dateOfBirth = LocalDate.ofYearDay(id.birthYear(), 1 + hash.draw(daysInYear, key, "dayOfBirth"));

    String ethnicity = hash.chance(88, key, "ethnicity.majority")
        ? "Kinh" : hash.pick(ETHNIC_MINORITIES, key, "ethnicity");
    String originCode = hash.chance(70, key, "origin.sameProvince")
        ? id.provinceCode() : hash.pick(Provinces.codes(), key, "origin.province");
    String placeOfOrigin = hash.pick(WARDS, key, "origin.ward") + ", " + Provinces.name(originCode);

    Address permanent = address(id.provinceCode(), key, "permanent");
    Address current = hash.chance(20, key, "livesAway")
        ? address(hash.pick(Provinces.codesExcept(id.provinceCode()), key, "current.province"), key, "current")
        : permanent;
    String householdId = "HGD" + permanent.provinceCode() + hash.digits(8, key, "householdId");

    return new Citizen(key, fullName(id), dateOfBirth, id.sex(), NATIONALITY, ethnicity, placeOfOrigin,
        permanent, current, householdId);
  }

  private String familyName(PersonalId id) {
    return hash.pick(FAMILY_NAMES, id.value(), "familyName");
  }

  private String fullName(PersonalId id) {
    boolean male = id.sex() == Sex.MALE;
    String middle = hash.pick(male ? MALE_MIDDLE_NAMES : FEMALE_MIDDLE_NAMES, id.value(), "middleName");
    String given = hash.pick(male ? MALE_GIVEN_NAMES : FEMALE_GIVEN_NAMES, id.value(), "givenName");
    return familyName(id) + " " + middle + " " + given;
  }

  private Address address(String provinceCode, String key, String which) {
    String ward = hash.pick(WARDS, key, which, "ward");
    int number = hash.between(1, 199, key, which, "houseNumber");
    String line = ward.startsWith("Xã ")
        ? "Số " + number + " thôn " + hash.pick(HAMLETS, key, which, "hamlet")
        : "Số " + number + " đường " + hash.pick(STREETS, key, which, "street");
    return Address.of(line, ward, provinceCode);
  }

  // ------------------------------------------------------------------ residence

  private Residence residence(PersonalId id) {
    Citizen citizen = citizen(id);
    List<Draft> members = composition(id);
    Draft self = members.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    String headName = fullName(members.get(0).id());

    ResidenceType type = citizen.livesAway() ? ResidenceType.TEMPORARY : ResidenceType.PERMANENT;
    LocalDate earliest = citizen.dateOfBirth().plusDays(1);
    if (type == ResidenceType.TEMPORARY) {
      // a temporary registration is recent, but still after birth
      LocalDate recent = SNAPSHOT_DATE.minusYears(6);
      earliest = earliest.isAfter(recent) ? earliest : recent;
    }
    long span = ChronoUnit.DAYS.between(earliest, SNAPSHOT_DATE) + 1;
    LocalDate registeredSince = earliest.plusDays(hash.draw((int) span, id.value(), "registeredSince"));

    Address current = citizen.currentAddress();
    String confirmationNumber = "XNCT-" + current.provinceCode() + "-" + hash.digits(8, id.value(), "confirmation");
    String ward = current.ward();
    String issuingAuthority = "Công an " + Character.toLowerCase(ward.charAt(0)) + ward.substring(1);

    return new Residence(id.value(), citizen.fullName(), citizen.dateOfBirth(), citizen.permanentAddress(),
        current, type, registeredSince, citizen.householdId(), headName, self.relationship(),
        confirmationNumber, issuingAuthority);
  }

  // ------------------------------------------------------------------ households

  /** A member chosen for a household, before its record is generated. */
  private record Draft(PersonalId id, Relationship relationship) {
  }

  private Household household(PersonalId id) {
    Citizen citizen = citizen(id);
    List<HouseholdMember> members = composition(id).stream().map(draft -> {
      Citizen member = draft.id().equals(id) ? citizen : citizen(draft.id());
      return new HouseholdMember(member.personalId(), member.fullName(), member.dateOfBirth(), member.sex(),
          draft.relationship());
    }).toList();
    return new Household(citizen.householdId(), citizen.permanentAddress(), members);
  }

  /** The members of the person's household, head first, then spouse, children, parents. */
  private List<Draft> composition(PersonalId person) {
    Set<String> used = new HashSet<>();
    used.add(person.value());
    int ageAtSnapshot = LAST_BIRTH_YEAR - person.birthYear();
    return ageAtSnapshot < ADULT_AGE ? minorsHousehold(person, used) : adultsHousehold(person, used);
  }

  /** A minor is a child in a parent's household, possibly with siblings. */
  private List<Draft> minorsHousehold(PersonalId person, Set<String> used) {
    String key = person.value();
    int year = person.birthYear();
    String family = familyName(person);

    boolean hasFather = hash.chance(90, key, "father.present");
    boolean hasMother = !hasFather || hash.chance(90, key, "mother.present");
    PersonalId father = hasFather
        ? relative(person, "father", Sex.MALE, year - hash.between(22, 37, key, "father.age"), family, used)
        : null;
    PersonalId mother = hasMother
        ? relative(person, "mother", Sex.FEMALE, year - hash.between(20, 34, key, "mother.age"), null, used)
        : null;

    List<Draft> members = new ArrayList<>();
    if (father != null) {
      members.add(new Draft(father, Relationship.HEAD));
      if (mother != null) {
        members.add(new Draft(mother, Relationship.SPOUSE));
      }
    } else {
      members.add(new Draft(mother, Relationship.HEAD));
    }

    int youngestParent = Math.max(father == null ? 0 : father.birthYear(), mother == null ? 0 : mother.birthYear());
    List<PersonalId> children = new ArrayList<>();
    children.add(person);
    int siblings = Math.min(hash.draw(3, key, "siblings"), MAX_RELATIVES - members.size());
    List<Integer> siblingYears = childYears(siblings, youngestParent + 20, LAST_BIRTH_YEAR, year, key, "sibling");
    for (int i = 0; i < siblingYears.size(); i++) {
      String role = "sibling" + i;
      Sex sex = hash.chance(50, key, role, "female") ? Sex.FEMALE : Sex.MALE;
      children.add(relative(person, role, sex, siblingYears.get(i), family, used));
    }
    children.sort(Comparator.comparingInt(PersonalId::birthYear).thenComparing(PersonalId::value));
    children.forEach(child -> members.add(new Draft(child, Relationship.CHILD)));
    return members;
  }

  /** An adult heads a household with possibly a spouse, children and parents. */
  private List<Draft> adultsHousehold(PersonalId person, Set<String> used) {
    String key = person.value();
    int year = person.birthYear();
    boolean male = person.sex() == Sex.MALE;
    String family = familyName(person);
    List<Draft> members = new ArrayList<>();
    members.add(new Draft(person, Relationship.HEAD));

    PersonalId spouse = null;
    int ageAtSnapshot = LAST_BIRTH_YEAR - year;
    if (ageAtSnapshot >= 20 && hash.chance(65, key, "spouse.present")) {
      // in the draw, husbands tend to be a few years older than their wives
      int gap = hash.between(-1, 7, key, "spouse.gap");
      int spouseYear = male ? year + gap : year - gap;
      if (spouseYear >= 1900 && spouseYear <= LAST_BIRTH_YEAR - ADULT_AGE) {
        spouse = relative(person, "spouse", male ? Sex.FEMALE : Sex.MALE, spouseYear, null, used);
        members.add(new Draft(spouse, Relationship.SPOUSE));
      }
    }

    // children are born once both parents are at least 20, within 20 years of that
    int youngestParent = spouse == null ? year : Math.max(year, spouse.birthYear());
    int firstChildYear = youngestParent + 20;
    int lastChildYear = Math.min(LAST_BIRTH_YEAR, firstChildYear + 20);
    if (firstChildYear <= lastChildYear) {
      String childrenFamily = male || spouse == null ? family : familyName(spouse);
      int children = Math.min(hash.draw(4, key, "children"), MAX_RELATIVES + 1 - members.size());
      List<Integer> years = childYears(children, firstChildYear, lastChildYear, null, key, "child");
      List<PersonalId> born = new ArrayList<>();
      for (int i = 0; i < years.size(); i++) {
        String role = "child" + i;
        Sex sex = hash.chance(50, key, role, "female") ? Sex.FEMALE : Sex.MALE;
        born.add(relative(person, role, sex, years.get(i), childrenFamily, used));
      }
      born.sort(Comparator.comparingInt(PersonalId::birthYear).thenComparing(PersonalId::value));
      born.forEach(child -> members.add(new Draft(child, Relationship.CHILD)));
    }

    // a parent lives in the household now and then, if young enough to be alive (born 1940+)
    int fatherYear = year - hash.between(22, 37, key, "father.age");
    if (members.size() <= MAX_RELATIVES && fatherYear >= 1940 && hash.chance(35, key, "father.present")) {
      members.add(new Draft(relative(person, "father", Sex.MALE, fatherYear, family, used), Relationship.PARENT));
    }
    int motherYear = year - hash.between(20, 34, key, "mother.age");
    if (members.size() <= MAX_RELATIVES && motherYear >= 1940 && hash.chance(35, key, "mother.present")) {
      members.add(new Draft(relative(person, "mother", Sex.FEMALE, motherYear, null, used), Relationship.PARENT));
    }
    return members;
  }

  /**
   * Up to {@code count} birth years in {@code [from, to]} for children of the same parents, each
   * at least two years from the others (and from {@code existing}, a child already there, if not
   * null) so that no two siblings are born a few days apart. Fewer when the range is too tight.
   */
  private List<Integer> childYears(int count, int from, int to, Integer existing, String key, String role) {
    List<Integer> taken = new ArrayList<>();
    if (existing != null) {
      taken.add(existing);
    }
    List<Integer> years = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      for (int attempt = 0; attempt < 8; attempt++) {
        int candidate = hash.between(from, to, key, role + i, "year", Integer.toString(attempt));
        if (taken.stream().allMatch(year -> Math.abs(year - candidate) >= 2)) {
          taken.add(candidate);
          years.add(candidate);
          break;
        }
      }
    }
    return years;
  }

  /**
   * The ID of an existing person with the given sex and birth year, registered mostly in the
   * person's province, and, when asked, with the given family name (found by trying serials).
   */
  private PersonalId relative(PersonalId person, String role, Sex sex, int birthYear, String familyName,
                Set<String> used) {
    String key = person.value();
    String provinceCode = hash.chance(75, key, role, "sameProvince")
        ? person.provinceCode() : hash.pick(Provinces.codes(), key, role, "province");
    PersonalId fallback = null;
    for (int attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
      int serial = hash.draw(PersonalId.FIRST_UNASSIGNED_SERIAL, key, role, "serial", Integer.toString(attempt));
      PersonalId candidate = PersonalId.of(provinceCode, sex, birthYear, serial);
      if (used.contains(candidate.value())) {
        continue;
      }
      if (familyName == null || familyName.equals(familyName(candidate))) {
        used.add(candidate.value());
        return candidate;
      }
      if (fallback == null) {
        fallback = candidate;
      }
    }
    used.add(Objects.requireNonNull(fallback).value());
    return fallback;
  }
}

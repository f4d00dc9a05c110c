package vn.lgsp.hub.sandbox.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticPopulationTest {

  private static final Set<String> FAMILY_NAMES = Set.of(
      "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ",
      "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý");

  private final SyntheticPopulation population = new SyntheticPopulation();

  /** A spread of existing IDs: every known province, all four century/sex digits, many years. */
  private static List<String> sampleIds() {
    List<String> ids = new ArrayList<>();
    List<String> codes = Provinces.codes();
    for (int i = 0; i < 1_200; i++) {
      int centuryAndSex = i % 4;
      int yy = centuryAndSex < 2 ? (i * 7) % 100 : (i * 7) % (PersonalId.LAST_BIRTH_YEAR - 2000 + 1);
      int serial = (int) ((i * 7_919L) % PersonalId.FIRST_UNASSIGNED_SERIAL);
      ids.add(String.format("%s%d%02d%06d", codes.get(i % codes.size()), centuryAndSex, yy, serial));
    }
    return ids;
  }

  // ------------------------------------------------------------------ the brief's examples

  @Test
  void aHanoiManBorn1985() {
    Citizen citizen = population.find("001085000123").orElseThrow();

    assertThat(citizen.personalId()).isEqualTo("001085000123");
    assertThat(citizen.sex()).isEqualTo(Sex.MALE);
    assertThat(citizen.dateOfBirth().getYear()).isEqualTo(1985);
    assertThat(citizen.nationality()).isEqualTo("VN");
    assertThat(citizen.permanentAddress().provinceCode()).isEqualTo("001");
    assertThat(citizen.permanentAddress().province()).isEqualTo("Hà Nội");
  }

  @Test
  void aWomanBorn2001RegisteredInHoChiMinhCity() {
    Citizen citizen = population.find("079301000456").orElseThrow();

    assertThat(citizen.sex()).isEqualTo(Sex.FEMALE);
    assertThat(citizen.dateOfBirth().getYear()).isEqualTo(2001);
    assertThat(citizen.permanentAddress().province()).isEqualTo("Hồ Chí Minh");
    assertThat(citizen.permanentAddress().full()).endsWith(", Hồ Chí Minh");
  }

  @Test
  void serial999999IsNobody() {
    assertThat(population.find("001085999999")).isEmpty();
    assertThat(population.exists("001085999999")).isFalse();
    assertThat(population.exists("001085000123")).isTrue();
  }

  @Test
  void serialsFrom900000AreNobodyInEveryQuery() {
    for (String id : List.of("001085900000", "079301912345", "048190999999", "500222950000")) {
      assertThat(population.find(id)).as(id).isEmpty();
      assertThat(population.residence(id)).as(id).isEmpty();
      assertThat(population.household(id)).as(id).isEmpty();
      assertThat(population.verify(id, "Nguyễn Văn An", LocalDate.of(1985, 1, 1))).as(id).isEmpty();
    }
    assertThat(population.find("001085899999")).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"001226000001", "079399000001", "001485000123", "001985000123"})
  void peopleBornAfterTheSnapshotAreNobody(String id) {
    assertThat(population.find(id)).isEmpty();
    assertThat(population.household(id)).isEmpty();
    assertThat(population.exists(id)).isFalse();
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "12345", "0010850001234", "00108500012a", "001 85000123", "１２３４５６７８９０１２"})
  void malformedIdsAreRejectedWithAReason(String id) {
    assertThatThrownBy(() -> population.find(id))
        .isInstanceOf(InvalidPersonalIdException.class)
        .hasMessageStartingWith("personalId");
    assertThat(population.exists(id)).isFalse();
  }

  @Test
  void theLastValidBirthYearIsTheOneBeforeTheSnapshot() {
    LocalDate dateOfBirth = population.find("001225000001").orElseThrow().dateOfBirth();
    assertThat(dateOfBirth.getYear()).isEqualTo(2025);
    assertThat(dateOfBirth).isBefore(SyntheticPopulation.SNAPSHOT_DATE);
  }

  // ------------------------------------------------------------------ determinism

  @Test
  void theSameIdGivesTheSamePersonHouseholdAndResidence() {
    SyntheticPopulation other = new SyntheticPopulation();
    for (String id : sampleIds().subList(0, 200)) {
      assertThat(other.find(id)).isEqualTo(population.find(id));
      assertThat(other.residence(id)).isEqualTo(population.residence(id));
      assertThat(other.household(id)).isEqualTo(population.household(id));
    }
  }

  @Test
  void theGenerationIsPinnedSoThatChangesToItAreDeliberate() {
    // values computed once with DEFAULT_SEED; SHA-256 makes them the same on every JDK
    Citizen citizen = population.find("001085000123").orElseThrow();
    assertThat(citizen.fullName()).isEqualTo("Đỗ Công Sơn");
    assertThat(citizen.dateOfBirth()).isEqualTo(LocalDate.of(1985, 9, 12));
    assertThat(citizen.householdId()).isEqualTo("HGD00164995654");
  }

  @Test
  void anotherSeedGivesOtherPeople() {
    SyntheticPopulation other = new SyntheticPopulation("another seed");
    long different = sampleIds().stream().limit(50)
        .filter(id -> !other.find(id).equals(population.find(id)))
        .count();
    assertThat(different).isGreaterThan(45);
  }

  // ------------------------------------------------------------------ people

  @Test
  void everyPersonHasTheSexAndBirthYearTheIdEncodes() {
    for (String id : sampleIds()) {
      PersonalId parsed = PersonalId.parse(id);
      Citizen citizen = population.find(id).orElseThrow();
      assertThat(citizen.sex()).as(id).isEqualTo(parsed.sex());
      assertThat(citizen.dateOfBirth().getYear()).as(id).isEqualTo(parsed.birthYear());
      assertThat(citizen.dateOfBirth()).as(id).isBefore(SyntheticPopulation.SNAPSHOT_DATE);
      char centuryAndSex = id.charAt(3);
      assertThat(citizen.sex() == Sex.FEMALE).as(id).isEqualTo(centuryAndSex == '1' || centuryAndSex == '3');
      assertThat(citizen.dateOfBirth().getYear() >= 2000).as(id).isEqualTo(centuryAndSex >= '2');
    }
  }

  @Test
  void namesAreVietnameseWithDiacritics() {
    Set<String> distinctNames = new HashSet<>();
    for (String id : sampleIds()) {
      String name = population.find(id).orElseThrow().fullName();
      assertThat(name).as(id).isEqualTo(Normalizer.normalize(name, Normalizer.Form.NFC));
      assertThat(stripDiacritics(name)).as(id).isNotEqualTo(name);
      String[] parts = name.split(" ");
      assertThat(parts).as(id).hasSize(3);
      assertThat(FAMILY_NAMES).as(id).contains(parts[0]);
      distinctNames.add(name);
    }
    assertThat(distinctNames).hasSizeGreaterThan(600);
  }

  @Test
  void middleNamesFollowSex() {
    for (String id : sampleIds()) {
      Citizen citizen = population.find(id).orElseThrow();
      String middle = citizen.fullName().split(" ")[1];
      if (citizen.sex() == Sex.MALE) {
        assertThat(middle).as(id).isNotEqualTo("Thị");
      }
      if (middle.equals("Văn")) {
        assertThat(citizen.sex()).as(id).isEqualTo(Sex.MALE);
      }
    }
  }

  @Test
  void permanentAddressIsInTheProvinceOfTheIdAndAboutAFifthLiveElsewhere() {
    int livingAway = 0;
    List<String> ids = sampleIds();
    for (String id : ids) {
      Citizen citizen = population.find(id).orElseThrow();
      Address permanent = citizen.permanentAddress();
      assertThat(permanent.provinceCode()).as(id).isEqualTo(id.substring(0, 3));
      assertThat(permanent.province()).as(id).isEqualTo(Provinces.name(id.substring(0, 3)));
      assertThat(permanent.full()).as(id)
          .isEqualTo(permanent.line() + ", " + permanent.ward() + ", " + permanent.province());
      if (citizen.livesAway()) {
        livingAway++;
        assertThat(citizen.currentAddress().provinceCode()).as(id).isNotEqualTo(permanent.provinceCode());
        assertThat(Provinces.isKnown(citizen.currentAddress().provinceCode())).as(id).isTrue();
      } else {
        assertThat(citizen.currentAddress()).as(id).isEqualTo(permanent);
      }
    }
    assertThat((double) livingAway / ids.size()).isBetween(0.14, 0.26);
  }

  @Test
  void anUnknownProvinceCodeGetsAPlaceholderName() {
    Citizen citizen = population.find("500085000001").orElseThrow();
    assertThat(citizen.permanentAddress().province()).isEqualTo("Tỉnh mã 500");
    assertThat(citizen.permanentAddress().provinceCode()).isEqualTo("500");
  }

  // ------------------------------------------------------------------ verification

  @Test
  void verificationIgnoresCaseWhitespaceAndNormalisationFormButNotDiacritics() {
    Citizen citizen = population.find("001085000123").orElseThrow();
    String name = citizen.fullName();
    LocalDate dob = citizen.dateOfBirth();

    assertThat(population.verify("001085000123", name, dob)).contains(new Verification(true, List.of()));
    String decomposedUpperSpaced = "  " + Normalizer.normalize(name.toUpperCase(Locale.ROOT), Normalizer.Form.NFD)
        .replace(" ", " \t\u00A0 ") + " ";
    assertThat(population.verify("001085000123", decomposedUpperSpaced, dob).orElseThrow().match()).isTrue();

    assertThat(population.verify("001085000123", stripDiacritics(name), dob).orElseThrow())
        .isEqualTo(new Verification(false, List.of(VerifiedField.FULL_NAME)));
    assertThat(population.verify("001085000123", name, dob.plusDays(1)).orElseThrow())
        .isEqualTo(new Verification(false, List.of(VerifiedField.DATE_OF_BIRTH)));
    assertThat(population.verify("001085000123", "Nguyễn Văn Khác", null).orElseThrow().mismatchedFields())
        .containsExactly(VerifiedField.FULL_NAME, VerifiedField.DATE_OF_BIRTH);
  }

  // ------------------------------------------------------------------ households

  @Test
  void householdMembersAreExistingPeopleWithConsistentIdsAndPlausibleAges() {
    int multiMember = 0;
    for (String id : sampleIds()) {
      Household household = population.household(id).orElseThrow();
      List<HouseholdMember> members = household.members();
      Citizen person = population.find(id).orElseThrow();

      assertThat(household.householdId()).as(id).isEqualTo(person.householdId());
      assertThat(household.address()).as(id).isEqualTo(person.permanentAddress());
      assertThat(members).as(id).hasSizeBetween(1, 5);
      assertThat(members).as(id).extracting(HouseholdMember::personalId).contains(id).doesNotHaveDuplicates();
      assertThat(members.get(0).relationshipToHead()).as(id).isEqualTo(Relationship.HEAD);
      assertThat(members.stream().filter(m -> m.relationshipToHead() == Relationship.HEAD)).as(id).hasSize(1);
      assertThat(members.stream().filter(m -> m.relationshipToHead() == Relationship.SPOUSE)).as(id)
          .hasSizeLessThanOrEqualTo(1);
      if (members.size() > 1) {
        multiMember++;
      }

      for (HouseholdMember member : members) {
        String memberId = member.personalId();
        PersonalId parsed = PersonalId.parse(memberId);
        assertThat(parsed.isAssigned()).as(memberId).isTrue();
        Citizen record = population.find(memberId).orElseThrow();
        assertThat(member.fullName()).as(memberId).isEqualTo(record.fullName());
        assertThat(member.dateOfBirth()).as(memberId).isEqualTo(record.dateOfBirth());
        assertThat(member.sex()).as(memberId).isEqualTo(record.sex()).isEqualTo(parsed.sex());
        assertThat(member.dateOfBirth().getYear()).as(memberId).isEqualTo(parsed.birthYear());
      }
      assertPlausible(id, members);
    }
    assertThat(multiMember).isGreaterThan(sampleIds().size() / 2);
  }

  private static void assertPlausible(String id, List<HouseholdMember> members) {
    HouseholdMember head = members.get(0);
    List<HouseholdMember> couple = members.stream()
        .filter(m -> m.relationshipToHead() == Relationship.HEAD || m.relationshipToHead() == Relationship.SPOUSE)
        .toList();
    for (HouseholdMember member : members) {
      switch (member.relationshipToHead()) {
        case SPOUSE -> {
          assertThat(member.sex()).as(id).isNotEqualTo(head.sex());
          assertThat(ageOn(member, SyntheticPopulation.SNAPSHOT_DATE)).as(id).isGreaterThanOrEqualTo(18);
          assertThat(ageOn(head, SyntheticPopulation.SNAPSHOT_DATE)).as(id).isGreaterThanOrEqualTo(18);
        }
        case CHILD -> couple.forEach(parent ->
            assertThat(ageOn(parent, member.dateOfBirth())).as(id + " parent of " + member.personalId())
                .isGreaterThanOrEqualTo(18));
        case PARENT -> assertThat(ageOn(member, head.dateOfBirth())).as(id + " parent " + member.personalId())
            .isGreaterThanOrEqualTo(18);
        case HEAD -> assertThat(member).isSameAs(head);
        default -> throw new AssertionError(member.relationshipToHead());
      }
    }
    // the children of a couple carry the father's family name
    couple.stream().filter(m -> m.sex() == Sex.MALE).findFirst().ifPresent(father -> members.stream()
        .filter(m -> m.relationshipToHead() == Relationship.CHILD)
        .forEach(child -> assertThat(familyName(child)).as(id).isEqualTo(familyName(father))));
    // no two children of the household are born within a year of each other
    List<LocalDate> births = members.stream().filter(m -> m.relationshipToHead() == Relationship.CHILD)
        .map(HouseholdMember::dateOfBirth).sorted().toList();
    for (int i = 1; i < births.size(); i++) {
      assertThat(ChronoUnit.DAYS.between(births.get(i - 1), births.get(i))).as(id).isGreaterThan(365);
    }
  }

  @Test
  void aMinorIsAChildInAParentsHousehold() {
    Household household = population.household("001210000007").orElseThrow();
    HouseholdMember self = household.members().stream()
        .filter(m -> m.personalId().equals("001210000007")).findFirst().orElseThrow();
    assertThat(self.relationshipToHead()).isEqualTo(Relationship.CHILD);
    assertThat(ageOn(household.head(), self.dateOfBirth())).isGreaterThanOrEqualTo(18);
  }

  // ------------------------------------------------------------------ residence

  @Test
  void residenceMatchesThePersonAndTheHousehold() {
    for (String id : sampleIds().subList(0, 400)) {
      Citizen citizen = population.find(id).orElseThrow();
      Residence residence = population.residence(id).orElseThrow();
      Household household = population.household(id).orElseThrow();

      assertThat(residence.fullName()).isEqualTo(citizen.fullName());
      assertThat(residence.dateOfBirth()).isEqualTo(citizen.dateOfBirth());
      assertThat(residence.permanentAddress()).isEqualTo(citizen.permanentAddress());
      assertThat(residence.currentAddress()).isEqualTo(citizen.currentAddress());
      assertThat(residence.residenceType())
          .isEqualTo(citizen.livesAway() ? ResidenceType.TEMPORARY : ResidenceType.PERMANENT);
      assertThat(residence.registeredSince()).as(id)
          .isAfter(citizen.dateOfBirth())
          .isBeforeOrEqualTo(SyntheticPopulation.SNAPSHOT_DATE);
      assertThat(residence.householdId()).isEqualTo(household.householdId());
      assertThat(residence.householdHeadName()).isEqualTo(household.head().fullName());
      HouseholdMember self = household.members().stream()
          .filter(m -> m.personalId().equals(id)).findFirst().orElseThrow();
      assertThat(residence.relationshipToHead()).isEqualTo(self.relationshipToHead());
      assertThat(residence.confirmationNumber()).matches("XNCT-\\d{3}-\\d{8}");
      String ward = citizen.currentAddress().ward();
      assertThat(residence.issuingAuthority())
          .isEqualTo("Công an " + Character.toLowerCase(ward.charAt(0)) + ward.substring(1));
    }
  }

  // ------------------------------------------------------------------ provinces and IDs

  @Test
  void theProvinceListHasThe63HistoricCodes() {
    assertThat(Provinces.codes()).hasSize(63).doesNotHaveDuplicates().allMatch(code -> code.matches("0\\d\\d"));
    assertThat(Provinces.codes()).isSorted().startsWith("001").endsWith("096");
    assertThat(Provinces.name("001")).isEqualTo("Hà Nội");
    assertThat(Provinces.name("031")).isEqualTo("Hải Phòng");
    assertThat(Provinces.name("048")).isEqualTo("Đà Nẵng");
    assertThat(Provinces.name("079")).isEqualTo("Hồ Chí Minh");
    assertThat(Provinces.name("092")).isEqualTo("Cần Thơ");
    assertThat(Provinces.name("003")).isEqualTo("Tỉnh mã 003");
  }

  @Test
  void personalIdsRoundTrip() {
    PersonalId id = PersonalId.of("079", Sex.FEMALE, 2001, 456);
    assertThat(id.value()).isEqualTo("079301000456");
    assertThat(PersonalId.parse("001085000123"))
        .isEqualTo(new PersonalId("001085000123", "001", Sex.MALE, 1985, 123));
    assertThat(PersonalId.of("001", Sex.MALE, 1999, 899_999).isAssigned()).isTrue();
    assertThat(PersonalId.of("001", Sex.MALE, 1999, 900_000).isAssigned()).isFalse();
    assertThat(PersonalId.parse("001485000123"))
        .isEqualTo(new PersonalId("001485000123", "001", Sex.MALE, 2185, 123));
    assertThat(PersonalId.parse("001985000123").sex()).isEqualTo(Sex.FEMALE);
    assertThat(PersonalId.parse("001985000123").birthYear()).isEqualTo(2385);
  }

  // ------------------------------------------------------------------ helpers

  private static long ageOn(HouseholdMember member, LocalDate day) {
    return ChronoUnit.YEARS.between(member.dateOfBirth(), day);
  }

  private static String familyName(HouseholdMember member) {
    return member.fullName().split(" ")[0];
  }

  private static String stripDiacritics(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
        .replace('đ', 'd').replace('Đ', 'D');
  }
}

package vn.lgsp.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PersonalIdTest {

  @Test
  void decodesProvinceBirthYearAndSex() {
    PersonalId id = PersonalId.of("001085000123");
    assertThat(id.provinceCode()).isEqualTo("001");
    assertThat(id.birthYear()).isEqualTo(1985);
    assertThat(id.sex()).isEqualTo(PersonalId.Sex.MALE);
    assertThat(id.serial()).isEqualTo("000123");
  }

  @ParameterizedTest
  @CsvSource({
    "079301000456, 2001, FEMALE",
    "048000000001, 1900, MALE",
    "096199999999, 1999, FEMALE",
    "031220000007, 2020, MALE"
  })
  void centuryDigitGivesCenturyAndSex(String value, int year, PersonalId.Sex sex) {
    assertThat(PersonalId.of(value).birthYear()).isEqualTo(year);
    assertThat(PersonalId.of(value).sex()).isEqualTo(sex);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "12345", "0010850001234", "00108500012", "00108500012a", "000085000123",
        "097085000123", "001299000123", "001485000123", "００１０８５０００１２３"
      })
  void rejectsMalformedOrImpossibleIds(String value) {
    assertThat(PersonalId.isValid(value)).isFalse();
    assertThatThrownBy(() -> PersonalId.of(value)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void birthYearInTheFutureIsRelativeToTheGivenYear() {
    assertThat(PersonalId.problemWith("001226000001", 2026)).isNull();
    assertThat(PersonalId.problemWith("001227000001", 2026).key()).contains("future");
  }

  @Test
  void reasonsAndStringFormNeverRepeatTheId() {
    assertThat(PersonalId.problemWith("001299000123", 2026).toString()).doesNotContain("001299000123");
    assertThat(PersonalId.of("001085000123").toString()).doesNotContain("085000123");
  }

  @Test
  void nullIsInvalid() {
    assertThat(PersonalId.isValid(null)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"079,FEMALE,2001,456,079301000456", "001,MALE,1985,123,001085000123", "001,MALE,2185,123,001485000123",
      "500,FEMALE,2385,1,500985000001"})
  void encodesAndDecodesDigitsWithoutTheChecks(String province, PersonalId.Sex sex, int year, int serial, String digits) {
    assertThat(PersonalId.digits(province, sex, year, serial)).isEqualTo(digits);
    assertThat(PersonalId.birthYear(digits)).isEqualTo(year);
    assertThat(PersonalId.sex(digits)).isEqualTo(sex);
  }

  @Test
  void noDigitsForAttributesNoIdEncodes() {
    assertThatThrownBy(() -> PersonalId.digits("001", PersonalId.Sex.MALE, 1899, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PersonalId.digits("001", PersonalId.Sex.MALE, 2400, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PersonalId.digits("01", PersonalId.Sex.MALE, 1985, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}

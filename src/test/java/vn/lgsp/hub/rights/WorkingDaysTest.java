package vn.lgsp.hub.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The provider's time to answer counts working days: weekends and public holidays do not count. */
class WorkingDaysTest {

  private static final LocalDate FRIDAY = LocalDate.of(2027, 2, 5);

  @Test
  void weekendsDoNotCount() {
    assertThat(WorkingDays.after(FRIDAY, FRIDAY, Set.of())).as("asked today").isZero();
    assertThat(WorkingDays.after(FRIDAY, FRIDAY.plusDays(2), Set.of())).as("Saturday, Sunday").isZero();
    assertThat(WorkingDays.after(FRIDAY, FRIDAY.plusDays(3), Set.of())).as("Monday").isEqualTo(1);
    assertThat(WorkingDays.after(FRIDAY, FRIDAY.plusDays(7), Set.of())).as("a week later").isEqualTo(5);
  }

  @Test
  void holidaysDoNotCount() {
    // Tết 2027: Saturday 6 to Wednesday 10 February, of which Monday to Wednesday are working days lost
    Set<LocalDate> tet = Set.of(LocalDate.of(2027, 2, 8), LocalDate.of(2027, 2, 9), LocalDate.of(2027, 2, 10));
    assertThat(WorkingDays.after(FRIDAY, FRIDAY.plusDays(7), tet)).isEqualTo(2);
    assertThat(WorkingDays.after(FRIDAY, FRIDAY.plusDays(12), tet)).isEqualTo(5);
  }

  @Test
  void aVeryOldRequestIsCountedWithoutWalkingEveryDay() {
    assertThat(WorkingDays.after(LocalDate.of(1990, 1, 1), LocalDate.of(2027, 1, 1), Set.of())).isEqualTo(366);
  }
}

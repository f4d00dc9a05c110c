package vn.lgsp.hub.rights;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/** Working days, as a time to answer counts them: Monday to Friday, not a public holiday. */
final class WorkingDays {

  /** Longer than any time to answer; a request older than this is overdue whatever the count. */
  private static final int MAX_COUNTED = 366;

  private WorkingDays() {}

  /** The working days after {@code from}, up to and including {@code to}: a request made today has had none. */
  static int after(LocalDate from, LocalDate to, Set<LocalDate> holidays) {
    int count = 0;
    LocalDate day = from;
    while (day.isBefore(to) && count < MAX_COUNTED) {
      day = day.plusDays(1);
      boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
      if (!weekend && !holidays.contains(day)) {
        count++;
      }
    }
    return count;
  }
}

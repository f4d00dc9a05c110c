package vn.lgsp.hub.rights;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.LocalDate;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Access requests.
 *
 * @param answerWithinWorkingDays a request the provider has not answered within this many working days
 *     (Monday to Friday, not a holiday) is flagged to the operators as overdue
 * @param holidays public holidays, which are not working days (Tết and the others, set each year)
 * @param maxValidity the longest a right may be asked for, in days from the request
 */
@Validated
@ConfigurationProperties("hub.rights")
public record RightsProperties(
    @DefaultValue("5") @Min(1) @Max(60) int answerWithinWorkingDays,
    Set<LocalDate> holidays,
    @DefaultValue("1830") @Min(1) @Max(3660) int maxValidity) {

  public RightsProperties {
    holidays = holidays == null ? Set.of() : Set.copyOf(holidays);
  }
}

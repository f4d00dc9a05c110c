package vn.lgsp.hub.sandbox.population;

import java.time.LocalDate;

/** One member of a household. */
public record HouseholdMember(
    String personalId,
    String fullName,
    LocalDate dateOfBirth,
    Sex sex,
    Relationship relationshipToHead) {
}

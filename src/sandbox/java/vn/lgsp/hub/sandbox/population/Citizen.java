package vn.lgsp.hub.sandbox.population;

import java.time.LocalDate;

/** A person's identity record (GetCitizenInfo). */
public record Citizen(
    String personalId,
    String fullName,
    LocalDate dateOfBirth,
    Sex sex,
    String nationality,
    String ethnicity,
    String placeOfOrigin,
    Address permanentAddress,
    Address currentAddress,
    String householdId) {

  /** True when the person lives somewhere other than the permanent address. */
  public boolean livesAway() {
    return !currentAddress.equals(permanentAddress);
  }
}

package vn.lgsp.hub.sandbox.population;

import java.time.LocalDate;

/** A residence confirmation (GetResidence), as the ward police would issue it. */
public record Residence(
    String personalId,
    String fullName,
    LocalDate dateOfBirth,
    Address permanentAddress,
    Address currentAddress,
    ResidenceType residenceType,
    LocalDate registeredSince,
    String householdId,
    String householdHeadName,
    Relationship relationshipToHead,
    String confirmationNumber,
    String issuingAuthority) {
}

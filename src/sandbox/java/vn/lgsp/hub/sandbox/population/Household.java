package vn.lgsp.hub.sandbox.population;

import java.util.List;

/** A household (hộ gia đình): its id, its registered address and its members, head first. */
public record Household(String householdId, Address address, List<HouseholdMember> members) {

  public Household {
    members = List.copyOf(members);
  }

  public HouseholdMember head() {
    return members.get(0);
  }
}

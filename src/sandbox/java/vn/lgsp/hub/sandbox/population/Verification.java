package vn.lgsp.hub.sandbox.population;

import java.util.List;

/** The outcome of VerifyCitizen: whether the claimed data match, and if not, which fields differ. */
public record Verification(boolean match, List<VerifiedField> mismatchedFields) {

  public Verification {
    mismatchedFields = List.copyOf(mismatchedFields);
  }

  static Verification of(List<VerifiedField> mismatchedFields) {
    return new Verification(mismatchedFields.isEmpty(), mismatchedFields);
  }
}

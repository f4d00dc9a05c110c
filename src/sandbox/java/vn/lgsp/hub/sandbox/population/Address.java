package vn.lgsp.hub.sandbox.population;

import java.util.Objects;

/**
 * A Vietnamese address after the two-level reform: house number and street or hamlet, then the
 * ward (phường/xã) and the province. {@code full} is the whole address on one line.
 */
public record Address(String line, String ward, String province, String provinceCode, String full) {

  public Address {
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(ward, "ward");
    Objects.requireNonNull(province, "province");
    Objects.requireNonNull(provinceCode, "provinceCode");
    Objects.requireNonNull(full, "full");
  }

  /** Builds the address with {@code full} joined from the parts. */
  public static Address of(String line, String ward, String provinceCode) {
    String province = Provinces.name(provinceCode);
    return new Address(line, ward, province, provinceCode, line + ", " + ward + ", " + province);
  }
}

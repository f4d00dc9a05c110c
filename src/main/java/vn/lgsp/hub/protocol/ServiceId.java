package vn.lgsp.hub.protocol;

/**
 * An X-Road service: the provider subsystem plus a service code, for example {@code
 * VN/GOV/BCA/DANCU/citizen-info}. The optional version is written {@code code.v1} in X-Road paths
 * and kept apart here.
 */
public record ServiceId(SubsystemId provider, String serviceCode) {

  public ServiceId {
    if (provider == null) {
      throw new IllegalArgumentException("missing provider");
    }
    SubsystemId.requirePart(serviceCode);
  }

  public static ServiceId parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("missing service id");
    }
    int cut = text.lastIndexOf('/');
    if (cut < 0) {
      throw new IllegalArgumentException("a service id has five parts");
    }
    return new ServiceId(SubsystemId.parse(text.substring(0, cut)), text.substring(cut + 1));
  }

  @Override
  public String toString() {
    return provider + "/" + serviceCode;
  }
}

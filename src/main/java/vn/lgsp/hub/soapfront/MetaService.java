package vn.lgsp.hub.soapfront;

import java.util.Optional;
import vn.lgsp.hub.protocol.Bilingual;

/**
 * The X-Road service metadata protocol's SOAP services (PR-META): called like any service, with the provider's
 * subsystem and the metaservice's code in the {@code service} header and an element of X-Road's namespace as the
 * body; answered from the REST directory service each one stands for, so that they are authenticated, checked
 * and recorded exactly as the REST metaservices are.
 */
enum MetaService {
  LIST_METHODS("listMethods", "listMethods",
      new Bilingual("Danh sách dịch vụ của hệ thống cung cấp", "Services of a provider"),
      new Bilingual("Các dịch vụ mà hệ thống cung cấp ghi trong header service công bố (X-Road listMethods).",
          "The services the provider named in the service header publishes (X-Road listMethods).")),
  ALLOWED_METHODS("allowedMethods", "allowedMethods",
      new Bilingual("Danh sách dịch vụ được phép sử dụng", "Services the caller may use"),
      new Bilingual("Các dịch vụ của hệ thống cung cấp mà bên gọi có quyền sử dụng (X-Road allowedMethods).",
          "The provider's services that the caller may use (X-Road allowedMethods).")),
  GET_WSDL("getWsdl", "getOpenAPI",
      new Bilingual("Mô tả WSDL của dịch vụ", "WSDL description of a service"),
      new Bilingual("Tài liệu WSDL của một dịch vụ, gửi kèm theo thông điệp dưới dạng tệp đính kèm SOAP (X-Road getWsdl).",
          "The WSDL document of a service, sent as a SOAP attachment of the answer (X-Road getWsdl)."));

  private final String code;
  private final String restDirectoryService;
  private final Bilingual title;
  private final Bilingual description;

  MetaService(String code, String restDirectoryService, Bilingual title, Bilingual description) {
    this.code = code;
    this.restDirectoryService = restDirectoryService;
    this.title = title;
    this.description = description;
  }

  Bilingual title() {
    return title;
  }

  Bilingual description() {
    return description;
  }

  String code() {
    return code;
  }

  String restDirectoryService() {
    return restDirectoryService;
  }

  static Optional<MetaService> named(String serviceCode) {
    for (MetaService meta : values()) {
      if (meta.code.equals(serviceCode)) {
        return Optional.of(meta);
      }
    }
    return Optional.empty();
  }
}

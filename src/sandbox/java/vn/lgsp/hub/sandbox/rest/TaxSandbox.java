package vn.lgsp.hub.sandbox.rest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.lgsp.hub.identity.PersonalId;
import vn.lgsp.hub.identity.TaxCode;
import vn.lgsp.hub.sandbox.population.Citizen;
import vn.lgsp.hub.sandbox.population.StableHash;
import vn.lgsp.hub.sandbox.population.SyntheticPopulation;

/**
 * The sandbox tax register ({@code VN/GOV/BTC/THUE}), REST/JSON. Taxpayers are computed from the
 * ID: about 10% of persons have no tax record, about 15% of those with one owe tax; every legacy
 * tax code with a correct check digit is a business, except about 10% unknown.
 */
public final class TaxSandbox extends JsonHttpServer {

  private static final String[] OFFICES = {"Chi cục Thuế khu vực I", "Chi cục Thuế khu vực II", "Chi cục Thuế khu vực IV",
      "Chi cục Thuế khu vực XVII"};
  private static final String[] BUSINESS = {"Công ty TNHH Thương mại An Phát", "Công ty Cổ phần Dịch vụ Hòa Bình",
      "Hộ kinh doanh Minh Tâm", "Công ty TNHH Xây dựng Đại Việt", "Hợp tác xã Nông nghiệp Tân Lập"};
  private static final String[] TAX_TYPES = {"personal-income", "land-use", "registration-fee"};

  private final SyntheticPopulation population;
  private final StableHash hash = new StableHash("lgsp-sandbox-tax");

  public TaxSandbox(int port, SyntheticPopulation population) {
    super("tax-register", port);
    this.population = population;
    route("GET", "/tax/v1/taxpayers/([^/]+)", r -> taxpayer(r.group(1)));
    route("GET", "/tax/v1/obligations/([^/]+)", r -> obligations(r.group(1)));
    route("GET", "/tax/v2/clearances/([^/]+)", r -> clearance(r.group(1)));
    route("GET", "/tax/openapi.json", r -> Reply.ok(JSON.readTree(CLEARANCE_OPENAPI)));
  }

  /**
   * The OpenAPI document of the tax clearance service, which the finance ministry publishes through the
   * hub at runtime (README, "A ministry publishes a service"); not one of the hub's configured services.
   */
  static final String CLEARANCE_OPENAPI = """
      {
        "openapi": "3.0.3",
        "info": {"title": "Tax clearance (General Department of Taxation)", "version": "2.0"},
        "servers": [{"url": "/tax/v2"}],
        "paths": {
          "/clearances/{personalId}": {
            "get": {
              "operationId": "getTaxClearance",
              "summary": "Tax clearance certificate of a person",
              "description": "Whether the person has met every tax obligation, with the certificate's number and date.",
              "parameters": [{"name": "personalId", "in": "path", "required": true,
                              "schema": {"type": "string", "pattern": "^[0-9]{12}$"}}],
              "responses": {
                "200": {"description": "The certificate",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Clearance"}}}},
                "400": {"description": "Not a personal ID"},
                "404": {"description": "No taxpayer with this ID"}
              }
            }
          }
        },
        "components": {
          "schemas": {
            "Clearance": {
              "type": "object",
              "properties": {
                "personalId": {"type": "string"},
                "fullName": {"type": "string"},
                "cleared": {"type": "boolean"},
                "outstandingAmount": {"type": "integer", "description": "VND"},
                "certificateNumber": {"type": "string"},
                "issuedOn": {"type": "string", "format": "date"},
                "taxOffice": {"type": "string"}
              }
            }
          }
        }
      }
      """;

  private Reply clearance(String personalId) {
    if (!PersonalId.isValid(personalId)) {
      return Reply.error(400, "invalid-personal-id");
    }
    Optional<Citizen> citizen = person(personalId);
    if (citizen.isEmpty()) {
      return Reply.error(404, "not-found");
    }
    Reply owed = obligations(personalId);
    @SuppressWarnings("unchecked")
    long outstanding = (Long) ((Map<String, Object>) owed.body()).get("outstandingAmount");
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("personalId", personalId);
    answer.put("fullName", citizen.get().fullName());
    answer.put("cleared", outstanding == 0);
    answer.put("outstandingAmount", outstanding);
    answer.put("certificateNumber", outstanding == 0 ? "XNT-" + hash.between(100000, 999999, personalId, "certificate") : null);
    answer.put("issuedOn", SyntheticPopulation.SNAPSHOT_DATE);
    answer.put("taxOffice", OFFICES[hash.draw(OFFICES.length, personalId, "office")]);
    return Reply.ok(answer);
  }

  private Reply taxpayer(String id) {
    if (!TaxCode.isValid(id)) {
      return Reply.error(400, "invalid-tax-code");
    }
    if (id.length() == 12) {
      return person(id).<Reply>map(c -> Reply.ok(personRecord(c))).orElse(Reply.error(404, "not-found"));
    }
    String code = id.substring(0, 10);
    if (hash.chance(10, code, "unknown")) {
      return Reply.error(404, "not-found");
    }
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("taxCode", id.length() == 13 ? code + "-" + id.substring(10) : id);
    record.put("personalId", null);
    record.put("name", BUSINESS[hash.draw(BUSINESS.length, code, "name")]);
    record.put("status", status(code));
    record.put("registeredOn", LocalDate.of(hash.between(1995, 2024, code, "year"), hash.between(1, 12, code, "month"), 1));
    record.put("taxOffice", OFFICES[hash.draw(OFFICES.length, code, "office")]);
    record.put("address", "Số " + hash.between(1, 300, code, "no") + " đường Lê Lợi");
    return Reply.ok(record);
  }

  private Reply obligations(String personalId) {
    if (!PersonalId.isValid(personalId)) {
      return Reply.error(400, "invalid-personal-id");
    }
    Optional<Citizen> citizen = person(personalId);
    if (citizen.isEmpty()) {
      return Reply.error(404, "not-found");
    }
    List<Map<String, Object>> items = new ArrayList<>();
    if (hasDebt(personalId)) {
      int count = hash.between(1, 3, personalId, "items");
      for (int i = 0; i < count; i++) {
        String n = Integer.toString(i);
        items.add(Map.of(
            "period", "2025-Q" + hash.between(1, 4, personalId, "quarter", n),
            "taxType", TAX_TYPES[hash.draw(TAX_TYPES.length, personalId, "type", n)],
            "amount", hash.between(200, 20_000, personalId, "amount", n) * 1000L));
      }
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("personalId", personalId);
    answer.put("hasOutstandingDebt", !items.isEmpty());
    answer.put("outstandingAmount", items.stream().mapToLong(i -> (Long) i.get("amount")).sum());
    answer.put("currency", "VND");
    answer.put("asOf", SyntheticPopulation.SNAPSHOT_DATE);
    answer.put("items", items);
    return Reply.ok(answer);
  }

  /** A person with a tax record: exists in the population register and is not among the ~10% without. */
  private Optional<Citizen> person(String personalId) {
    return population.find(personalId).filter(c -> !hash.chance(10, personalId, "no-record"));
  }

  /** Whether the sandbox person owes tax (about 15% of taxpayers): for tests and documentation. */
  public boolean hasDebt(String personalId) {
    return hash.chance(15, personalId, "debt");
  }

  private Map<String, Object> personRecord(Citizen c) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("taxCode", c.personalId());
    record.put("personalId", c.personalId());
    record.put("name", c.fullName());
    record.put("status", status(c.personalId()));
    LocalDate registered = c.dateOfBirth().plusYears(hash.between(18, 30, c.personalId(), "registered"));
    record.put("registeredOn", registered.isAfter(SyntheticPopulation.SNAPSHOT_DATE) ? SyntheticPopulation.SNAPSHOT_DATE : registered);
    record.put("taxOffice", OFFICES[hash.draw(OFFICES.length, c.personalId(), "office")]);
    record.put("address", c.permanentAddress().full());
    return record;
  }

  private String status(String key) {
    int draw = hash.draw(100, key, "status");
    return draw < 90 ? "active" : draw < 95 ? "suspended" : "closed";
  }
}

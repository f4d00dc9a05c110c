package vn.lgsp.hub.sandbox.rest;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.lgsp.hub.identity.PersonalId;
import vn.lgsp.hub.sandbox.population.Citizen;
import vn.lgsp.hub.sandbox.population.StableHash;
import vn.lgsp.hub.sandbox.population.SyntheticPopulation;

/**
 * The sandbox social insurance register ({@code VN/GOV/BHXH/BAOHIEM}), REST/JSON. Adults have
 * contribution periods (about 20% with a gap between employers); everybody has a health
 * insurance card, about 15% expired on the snapshot date.
 */
public final class InsuranceSandbox extends JsonHttpServer {

  private static final String[] EMPLOYERS = {"Công ty TNHH May Thành Công", "Công ty CP Sữa Việt", "Trường THPT Chu Văn An",
      "Bệnh viện Đa khoa tỉnh", "Công ty TNHH Phần mềm Sao Mai", "UBND phường Tân Định"};
  private static final String[] HOSPITALS = {"Bệnh viện Bạch Mai", "Bệnh viện Chợ Rẫy", "Bệnh viện Đà Nẵng",
      "Trạm y tế phường", "Bệnh viện Đa khoa tỉnh"};
  private static final LocalDate SNAPSHOT = SyntheticPopulation.SNAPSHOT_DATE;

  private final SyntheticPopulation population;
  private final StableHash hash = new StableHash("lgsp-sandbox-bhxh");

  public InsuranceSandbox(int port, SyntheticPopulation population) {
    super("social-insurance", port);
    this.population = population;
    route("GET", "/bhxh/v1/contributions/([^/]+)", r -> contributions(r.group(1)));
    route("GET", "/bhxh/v1/health-cards/([^/]+)", r -> healthCard(r.group(1)));
  }

  private Optional<Citizen> person(String personalId) {
    return PersonalId.isValid(personalId) ? population.find(personalId) : Optional.empty();
  }

  private Reply contributions(String personalId) {
    if (!PersonalId.isValid(personalId)) {
      return Reply.error(400, "invalid-personal-id");
    }
    return history(personalId).map(Reply::ok).orElse(Reply.error(404, "not-found"));
  }

  /** The contribution history of an adult of the register; empty for minors and nobody. */
  private Optional<Map<String, Object>> history(String personalId) {
    Optional<Citizen> citizen = person(personalId).filter(c -> c.dateOfBirth().plusYears(18).isBefore(SNAPSHOT));
    if (citizen.isEmpty()) {
      return Optional.empty();
    }
    YearMonth start = YearMonth.from(citizen.get().dateOfBirth().plusYears(hash.between(18, 24, personalId, "start")));
    YearMonth end = YearMonth.from(SNAPSHOT);
    List<Map<String, Object>> periods = new ArrayList<>();
    boolean gap = hash.chance(20, personalId, "gap");
    int count = hash.between(1, 3, personalId, "periods");
    YearMonth from = start;
    for (int i = 0; i < count && from.isBefore(end); i++) {
      String n = Integer.toString(i);
      boolean last = i == count - 1;
      YearMonth to = last ? null : from.plusMonths(hash.between(6, 60, personalId, "length", n));
      if (to != null && !to.isBefore(end)) {
        to = null;
        last = true;
      }
      Map<String, Object> period = new LinkedHashMap<>();
      period.put("from", from.toString());
      period.put("to", to == null ? null : to.toString());
      period.put("employer", EMPLOYERS[hash.draw(EMPLOYERS.length, personalId, "employer", n)]);
      period.put("salaryBase", hash.between(4_000, 40_000, personalId, "salary", n) * 1000L);
      periods.add(period);
      if (last) {
        break;
      }
      from = to.plusMonths(gap && i == 0 ? hash.between(3, 18, personalId, "gap") : 1);
    }
    long months = 0;
    for (Map<String, Object> p : periods) {
      YearMonth f = YearMonth.parse((String) p.get("from"));
      YearMonth t = p.get("to") == null ? end : YearMonth.parse((String) p.get("to"));
      months += ChronoUnit.MONTHS.between(f, t) + 1;
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("personalId", personalId);
    answer.put("insuranceCode", insuranceCode(personalId));
    answer.put("periods", periods);
    answer.put("totalMonths", months);
    answer.put("hasGap", gap && periods.size() > 1);
    return Optional.of(answer);
  }

  private Reply healthCard(String personalId) {
    if (!PersonalId.isValid(personalId)) {
      return Reply.error(400, "invalid-personal-id");
    }
    if (person(personalId).isEmpty()) {
      return Reply.error(404, "not-found");
    }
    LocalDate validTo = hasExpiredCard(personalId)
        ? SNAPSHOT.minusDays(hash.between(1, 300, personalId, "expired"))
        : SNAPSHOT.plusDays(hash.between(30, 365, personalId, "valid"));
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("personalId", personalId);
    card.put("cardNumber", "GD4" + personalId.substring(1, 3) + insuranceCode(personalId));
    card.put("validFrom", validTo.minusYears(1).plusDays(1));
    card.put("validTo", validTo);
    card.put("valid", !validTo.isBefore(SNAPSHOT));
    card.put("registeredHospital", HOSPITALS[hash.draw(HOSPITALS.length, personalId, "hospital")]);
    card.put("benefitLevel", new int[] {80, 95, 100}[hash.draw(3, personalId, "benefit")]);
    return Reply.ok(card);
  }

  /** The legacy 10-digit social insurance code of a sandbox person. */
  public String insuranceCode(String personalId) {
    return personalId.substring(1, 3) + String.format("%08d", hash.draw(100_000_000, personalId, "code"));
  }

  /** Whether the person's contribution history shows a gap between employers (about one adult in six). */
  public boolean hasGap(String personalId) {
    return PersonalId.isValid(personalId)
        && history(personalId).map(h -> Boolean.TRUE.equals(h.get("hasGap"))).orElse(false);
  }

  /** Whether the person's health card had expired on the snapshot date (about 15%). */
  public boolean hasExpiredCard(String personalId) {
    return hash.chance(15, personalId, "card-expired");
  }
}

package vn.lgsp.hub.sandbox.population;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 63 province-level units as they stood before the 2025 merger, keyed by their three-digit
 * code (the prefix of a CCCD personal ID). Codes run 001..096 with gaps, as in the official list.
 */
public final class Provinces {

  private static final Map<String, String> NAMES = build();
  private static final List<String> CODES = List.copyOf(NAMES.keySet());

  private Provinces() {
  }

  /** The province's name, or "Tỉnh mã PPP" for a code that is not in the list. */
  public static String name(String code) {
    String name = NAMES.get(code);
    return name != null ? name : "Tỉnh mã " + code;
  }

  public static boolean isKnown(String code) {
    return NAMES.containsKey(code);
  }

  /** All known codes in ascending order. */
  public static List<String> codes() {
    return CODES;
  }

  /** Known codes other than the given one, in ascending order. */
  static List<String> codesExcept(String code) {
    List<String> others = new ArrayList<>(CODES);
    others.remove(code);
    return Collections.unmodifiableList(others);
  }

  private static Map<String, String> build() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("001", "Hà Nội");
    m.put("002", "Hà Giang");
    m.put("004", "Cao Bằng");
    m.put("006", "Bắc Kạn");
    m.put("008", "Tuyên Quang");
    m.put("010", "Lào Cai");
    m.put("011", "Điện Biên");
    m.put("012", "Lai Châu");
    m.put("014", "Sơn La");
    m.put("015", "Yên Bái");
    m.put("017", "Hòa Bình");
    m.put("019", "Thái Nguyên");
    m.put("020", "Lạng Sơn");
    m.put("022", "Quảng Ninh");
    m.put("024", "Bắc Giang");
    m.put("025", "Phú Thọ");
    m.put("026", "Vĩnh Phúc");
    m.put("027", "Bắc Ninh");
    m.put("030", "Hải Dương");
    m.put("031", "Hải Phòng");
    m.put("033", "Hưng Yên");
    m.put("034", "Thái Bình");
    m.put("035", "Hà Nam");
    m.put("036", "Nam Định");
    m.put("037", "Ninh Bình");
    m.put("038", "Thanh Hóa");
    m.put("040", "Nghệ An");
    m.put("042", "Hà Tĩnh");
    m.put("044", "Quảng Bình");
    m.put("045", "Quảng Trị");
    m.put("046", "Thừa Thiên Huế");
    m.put("048", "Đà Nẵng");
    m.put("049", "Quảng Nam");
    m.put("051", "Quảng Ngãi");
    m.put("052", "Bình Định");
    m.put("054", "Phú Yên");
    m.put("056", "Khánh Hòa");
    m.put("058", "Ninh Thuận");
    m.put("060", "Bình Thuận");
    m.put("062", "Kon Tum");
    m.put("064", "Gia Lai");
    m.put("066", "Đắk Lắk");
    m.put("067", "Đắk Nông");
    m.put("068", "Lâm Đồng");
    m.put("070", "Bình Phước");
    m.put("072", "Tây Ninh");
    m.put("074", "Bình Dương");
    m.put("075", "Đồng Nai");
    m.put("077", "Bà Rịa - Vũng Tàu");
    m.put("079", "Hồ Chí Minh");
    m.put("080", "Long An");
    m.put("082", "Tiền Giang");
    m.put("083", "Bến Tre");
    m.put("084", "Trà Vinh");
    m.put("086", "Vĩnh Long");
    m.put("087", "Đồng Tháp");
    m.put("089", "An Giang");
    m.put("091", "Kiên Giang");
    m.put("092", "Cần Thơ");
    m.put("093", "Hậu Giang");
    m.put("094", "Sóc Trăng");
    m.put("095", "Bạc Liêu");
    m.put("096", "Cà Mau");
    return Collections.unmodifiableMap(m);
  }
}

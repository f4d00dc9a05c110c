package vn.lgsp.hub.catalog;

import vn.lgsp.hub.protocol.Bilingual;

/**
 * The title and description of a route that calls no connector operation (the composite, the data
 * tracker, the directory), declared as a bean beside the route. A register's service has its texts
 * in its connector operation ({@code connectors/*.yaml}) instead: each route has them in one place.
 */
public record ServiceTexts(String routeId, Bilingual title, Bilingual description) {

  public ServiceTexts {
    if (routeId == null || blank(title) || blank(description)) {
      throw new IllegalArgumentException("route " + routeId + ": a title and a description, each in vi and en");
    }
  }

  private static boolean blank(Bilingual text) {
    return text == null || text.vi() == null || text.vi().isBlank() || text.en() == null || text.en().isBlank();
  }
}

package vn.lgsp.hub.support;

import java.util.UUID;

/**
 * Unique words for a test run (a purpose, a log marker) that the hub keeps as they are: the log and the
 * exchange record mask runs of 9 to 13 digits as possible personal IDs, and a random UUID holds such a run
 * now and then (about one in thirty), so a purpose built from one would sometimes be stored masked and a
 * test looking for it would find nothing. Digits become the letters g to p.
 */
public final class TestIds {

  private TestIds() {}

  public static String unique(String prefix) {
    StringBuilder id = new StringBuilder(prefix).append('-');
    for (char c : UUID.randomUUID().toString().toCharArray()) {
      id.append(Character.isDigit(c) ? (char) ('g' + c - '0') : c);
    }
    return id.toString();
  }
}

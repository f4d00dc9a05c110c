package vn.lgsp.hub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Readings of a process from Linux's /proc: CPU time and resident memory. */
final class Proc {

  private static final double TICKS_PER_SECOND = 100.0;

  private Proc() {}

  static double cpuSeconds(long pid) throws IOException {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (!Files.exists(stat)) {
      return 0;
    }
    String text = Files.readString(stat);
    String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
  }

  /** {@code VmRSS} (now) or {@code VmHWM} (peak) in MiB. */
  static double memoryMiB(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return 0;
  }
}

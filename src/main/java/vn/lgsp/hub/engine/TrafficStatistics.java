package vn.lgsp.hub.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Live traffic per route for operators, kept in memory as in X-Road's operational monitoring: one
 * hour of 10-second buckets per route, each with counts, durations and a coarse latency
 * histogram. It answers the console (rate, error rate, p95, the hour's chart) and the service
 * health summary (last success and failure, counts and durations over ten minutes) without
 * touching the database, so it keeps working while the database is down.
 *
 * <p>A failure is an exchange the hub or the provider could not serve (5xx); refusals of the
 * caller's request (4xx) are answered exchanges, counted apart as rejected.
 *
 * <p>Kept beside Micrometer on purpose: a Timer's percentiles decay over one fixed window, with no
 * per-10-second history, no 60 s / 300 s / 10 min windows on the hub clock and no 4xx/5xx split.
 */
@Component
public class TrafficStatistics {

  static final long BUCKET_MILLIS = 10_000;
  static final int BUCKETS = 360;

  /** Upper bounds (ms) of the latency histogram; the last bucket is unbounded. */
  static final long[] BOUNDS_MS = {1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100, 150, 200, 300, 500, 700, 1000, 1500,
      2000, 3000, 5000, 7000, 10000};

  /** The traffic of one route in one time window. */
  public record Window(
      Instant from, Instant to, long count, long failed, long rejected, double minMs, double avgMs, double maxMs,
      double p95Ms) {

    public double ratePerSecond() {
      return count / Math.max(1.0, (to.toEpochMilli() - from.toEpochMilli()) / 1000.0);
    }

    public double errorRate() {
      return count == 0 ? 0 : (double) failed / count;
    }
  }

  /** The ten-minute health of one route's service. */
  public record Health(String routeId, String serviceId, Instant lastSuccess, Instant lastFailure, Window window) {}

  private final Map<String, Series> routes = new ConcurrentHashMap<>();
  private final Clock clock;

  public TrafficStatistics(Clock clock) {
    this.clock = clock;
  }

  void record(String routeId, String serviceId, int status, long durationNanos, Instant at) {
    routes.computeIfAbsent(routeId, id -> new Series(serviceId)).add(status, durationNanos, at.toEpochMilli());
  }

  /** The traffic of a route over the last {@code seconds}; empty when it had none. */
  public Window window(String routeId, int seconds) {
    Series series = routes.get(routeId);
    long now = clock.millis();
    return series == null ? empty(now, seconds) : series.window(now - seconds * 1000L, now);
  }

  /** The last hour of a route in 10-second buckets, oldest first (empty buckets included). */
  public List<Window> hour(String routeId) {
    Series series = routes.get(routeId);
    long now = clock.millis();
    long first = (now / BUCKET_MILLIS - BUCKETS + 1) * BUCKET_MILLIS;
    List<Window> buckets = new ArrayList<>(BUCKETS);
    for (long start = first; start <= now; start += BUCKET_MILLIS) {
      buckets.add(series == null ? empty(start + BUCKET_MILLIS, (int) (BUCKET_MILLIS / 1000)) : series.bucket(start));
    }
    return buckets;
  }

  /** The health summary of every route that had traffic, over the last ten minutes. */
  public List<Health> health() {
    long now = clock.millis();
    List<Health> all = new ArrayList<>();
    routes.forEach((id, s) -> all.add(new Health(id, s.serviceId, instant(s.lastSuccess), instant(s.lastFailure),
        s.window(now - 600_000, now))));
    return all;
  }

  private static Instant instant(long millis) {
    return millis == 0 ? null : Instant.ofEpochMilli(millis);
  }

  private static Window empty(long to, int seconds) {
    return new Window(Instant.ofEpochMilli(to - seconds * 1000L), Instant.ofEpochMilli(to), 0, 0, 0, 0, 0, 0, 0);
  }

  /** One route's ring of buckets; synchronized per route, which is cheap next to an exchange. */
  private static final class Series {
    private final String serviceId;
    private final long[] bucketStart = new long[BUCKETS];
    private final long[] count = new long[BUCKETS];
    private final long[] failed = new long[BUCKETS];
    private final long[] rejected = new long[BUCKETS];
    private final long[] sumNanos = new long[BUCKETS];
    private final long[] minNanos = new long[BUCKETS];
    private final long[] maxNanos = new long[BUCKETS];
    private final long[][] histogram = new long[BUCKETS][BOUNDS_MS.length + 1];
    private volatile long lastSuccess;
    private volatile long lastFailure;

    Series(String serviceId) {
      this.serviceId = serviceId;
    }

    synchronized void add(int status, long nanos, long atMillis) {
      long start = atMillis / BUCKET_MILLIS * BUCKET_MILLIS;
      int i = (int) ((atMillis / BUCKET_MILLIS) % BUCKETS);
      if (bucketStart[i] != start) {
        bucketStart[i] = start;
        count[i] = 0;
        failed[i] = 0;
        rejected[i] = 0;
        sumNanos[i] = 0;
        minNanos[i] = Long.MAX_VALUE;
        maxNanos[i] = 0;
        java.util.Arrays.fill(histogram[i], 0);
      }
      count[i]++;
      if (status >= 500) {
        failed[i]++;
        lastFailure = atMillis;
      } else if (status >= 400) {
        rejected[i]++;
      } else {
        lastSuccess = atMillis;
      }
      sumNanos[i] += nanos;
      minNanos[i] = Math.min(minNanos[i], nanos);
      maxNanos[i] = Math.max(maxNanos[i], nanos);
      histogram[i][slot(nanos)]++;
    }

    /** One 10-second bucket, read from its own slot of the ring. */
    synchronized Window bucket(long start) {
      int i = (int) ((start / BUCKET_MILLIS) % BUCKETS);
      long end = start + BUCKET_MILLIS;
      if (bucketStart[i] != start || count[i] == 0) {
        return new Window(Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), 0, 0, 0, 0, 0, 0, 0);
      }
      return new Window(Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), count[i], failed[i], rejected[i],
          ms(minNanos[i]), ms(sumNanos[i] / count[i]), ms(maxNanos[i]),
          percentile(histogram[i], count[i], 0.95, ms(maxNanos[i])));
    }

    synchronized Window window(long fromMillis, long toMillis) {
      long n = 0;
      long f = 0;
      long r = 0;
      long sum = 0;
      long min = Long.MAX_VALUE;
      long max = 0;
      long[] hist = new long[BOUNDS_MS.length + 1];
      for (int i = 0; i < BUCKETS; i++) {
        if (count[i] == 0 || bucketStart[i] + BUCKET_MILLIS <= fromMillis || bucketStart[i] > toMillis) {
          continue;
        }
        n += count[i];
        f += failed[i];
        r += rejected[i];
        sum += sumNanos[i];
        min = Math.min(min, minNanos[i]);
        max = Math.max(max, maxNanos[i]);
        for (int b = 0; b < hist.length; b++) {
          hist[b] += histogram[i][b];
        }
      }
      return new Window(Instant.ofEpochMilli(fromMillis), Instant.ofEpochMilli(toMillis), n, f, r,
          n == 0 ? 0 : ms(min), n == 0 ? 0 : ms(sum / n), ms(max), percentile(hist, n, 0.95, ms(max)));
    }

    private static int slot(long nanos) {
      long ms = nanos / 1_000_000;
      for (int b = 0; b < BOUNDS_MS.length; b++) {
        if (ms < BOUNDS_MS[b]) {
          return b;
        }
      }
      return BOUNDS_MS.length;
    }

    /** The upper bound of the bucket holding the quantile (capped at the maximum seen). */
    private static double percentile(long[] hist, long n, double q, double maxMs) {
      if (n == 0) {
        return 0;
      }
      long rank = (long) Math.ceil(q * n);
      long seen = 0;
      for (int b = 0; b < hist.length; b++) {
        seen += hist[b];
        if (seen >= rank) {
          return b < BOUNDS_MS.length ? Math.min(BOUNDS_MS[b], maxMs) : maxMs;
        }
      }
      return maxMs;
    }

    private static double ms(long nanos) {
      return Math.round(nanos / 10_000.0) / 100.0;
    }
  }
}

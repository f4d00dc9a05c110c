package vn.lgsp.hub.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.HdrHistogram.Recorder;

/**
 * Load on one URL shape: closed-loop (a number of workers, each sending its next request when the
 * last is answered, keep-alive) or open-loop at a fixed rate (latency measured from when each
 * request was due, so a stalled server is not flattered). A warm-up is run and not counted.
 */
final class Load {

  /** What one measured phase gave. */
  record Result(String name, long requests, long errors, double seconds, org.HdrHistogram.Histogram latency,
      Set<String> answeredIds) {

    double throughput() {
      return requests / seconds;
    }

    double ms(double percentile) {
      return latency.getValueAtPercentile(percentile) / 1_000_000.0;
    }
  }

  /** A request of the scenario: its id (X-Road-Id, or null) and the request. */
  record Call(String id, HttpRequest request) {}

  /** One sequence over all phases, so that a warm-up and a measured phase never reuse an id. */
  private final AtomicLong sequence = new AtomicLong();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(8)).build();

  Result closedLoop(String name, int workers, Duration warmUp, Duration duration, LongFunction<Call> calls)
      throws InterruptedException {
    run(workers, warmUp, calls, null, null, new AtomicLong(), new AtomicLong(), "warm-" + name);
    Recorder recorder = new Recorder(3_600_000_000_000L, 3);
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    Set<String> ids = ConcurrentHashMap.newKeySet();
    long started = System.nanoTime();
    run(workers, duration, calls, recorder, ids, ok, errors, name);
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Result(name, ok.get(), errors.get(), seconds, recorder.getIntervalHistogram(), ids);
  }

  private void run(int workers, Duration duration, LongFunction<Call> calls, Recorder recorder, Set<String> ids,
      AtomicLong ok, AtomicLong errors, String name) throws InterruptedException {
    long deadline = System.nanoTime() + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      Thread t = new Thread(() -> {
        while (System.nanoTime() < deadline) {
          Call call = calls.apply(sequence.getAndIncrement());
          long sent = System.nanoTime();
          try {
            HttpResponse<byte[]> r = http.send(call.request(), HttpResponse.BodyHandlers.ofByteArray());
            long took = System.nanoTime() - sent;
            if (r.statusCode() == 200) {
              ok.incrementAndGet();
              if (recorder != null) {
                recorder.recordValue(took);
              }
            } else {
              errors.incrementAndGet();
            }
            if (ids != null && call.id() != null) {
              ids.add(call.id());
            }
          } catch (Exception e) {
            errors.incrementAndGet();
          }
        }
      }, name + "-" + w);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
  }

  /** Open loop: {@code rate} requests a second for {@code duration}, latency from each request's due time. */
  Result fixedRate(String name, double rate, Duration duration, LongFunction<Call> calls) throws InterruptedException {
    Recorder recorder = new Recorder(3_600_000_000_000L, 3);
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    Set<String> ids = ConcurrentHashMap.newKeySet();
    long total = (long) (rate * duration.toSeconds());
    long interval = (long) (1e9 / rate);
    long start = System.nanoTime() + 50_000_000;
    CountDownLatch done = new CountDownLatch((int) total);
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    for (long i = 0; i < total; i++) {
      long due = start + i * interval;
      ticker.schedule(() -> {
        Call call = calls.apply(sequence.getAndIncrement());
        http.sendAsync(call.request(), HttpResponse.BodyHandlers.ofByteArray()).whenComplete((r, e) -> {
          if (e == null && r.statusCode() == 200) {
            ok.incrementAndGet();
            recorder.recordValue(Math.max(0, System.nanoTime() - due));
            if (call.id() != null) {
              ids.add(call.id());
            }
          } else {
            errors.incrementAndGet();
            if (e == null && call.id() != null) {
              ids.add(call.id());
            }
          }
          done.countDown();
        });
      }, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
    done.await(duration.toSeconds() + 30, TimeUnit.SECONDS);
    ticker.shutdownNow();
    return new Result(name, ok.get(), errors.get(), duration.toSeconds(), recorder.getIntervalHistogram(), ids);
  }

  static HttpRequest get(String url, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
    headers.forEach(b::header);
    return b.build();
  }
}

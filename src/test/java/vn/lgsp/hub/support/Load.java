package vn.lgsp.hub.support;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load on a hub: a few consumers looking citizens up without pause, each call with
 * its own X-Road-Id and the run's purpose (X-Road-Issue), remembering which calls were answered.
 * Calls that fail (the hub killed, say) are counted, not answered.
 */
public final class Load implements AutoCloseable {

  public final String purpose = TestIds.unique("LOAD");
  private final Map<String, Integer> answered = new ConcurrentHashMap<>();
  private final Map<String, String> problemTypes = new ConcurrentHashMap<>();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread[] workers;

  public Load(HubClient hub, int consumers) {
    this(hub, hub.token(HubClient.HANOI), consumers);
  }

  /** Load with a token Hanoi's one-stop system got elsewhere (from another hub, say). */
  public Load(HubClient hub, String token, int consumers) {
    workers = new Thread[consumers];
    for (int i = 0; i < consumers; i++) {
      int worker = i;
      workers[i] = new Thread(() -> {
        long n = 0;
        while (running.get()) {
          String messageId = purpose + "-" + worker + "-" + n;
          String person = String.format("001085%06d", (worker * 1000 + n++) % 900_000);
          try {
            HubClient.Response r = hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/" + person)
                .bearer(token).header("X-Road-Client", HubClient.HANOI).header("X-Road-Issue", purpose)
                .header("X-Road-Id", messageId).send();
            answered.put(messageId, r.status());
            if (r.status() != 200) {
              problemTypes.put(messageId, problemType(r));
            }
          } catch (RuntimeException e) {
            failed.incrementAndGet();
          }
        }
      }, "load-" + i);
      workers[i].start();
    }
  }

  /** X-Road-Id to HTTP status of every call that got an answer. */
  public Map<String, Integer> answered() {
    return answered;
  }

  /** X-Road-Id to the problem type of every call answered with an error. */
  public Map<String, String> problemTypes() {
    return problemTypes;
  }

  private static String problemType(HubClient.Response r) {
    try {
      return r.json().path("type").asString("?");
    } catch (RuntimeException e) {
      return "not problem+json";
    }
  }

  public Set<String> answeredIds() {
    return answered.keySet();
  }

  public long failed() {
    return failed.get();
  }

  @Override
  public void close() {
    running.set(false);
    for (Thread worker : workers) {
      try {
        worker.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

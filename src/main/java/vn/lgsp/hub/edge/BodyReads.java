package vn.lgsp.hub.edge;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Reads request bodies within bounds of time and of concurrency: a body must arrive whole within
 * the deadline, with no silence longer than the idle timeout (enforced by Tomcat's socket reads);
 * one address may have only so many bodies in reading at once, and all addresses together only so
 * many that most request threads stay free for bodiless lookups and the health probes.
 */
@Component
public class BodyReads {

  /** Why a body was not read. */
  enum Outcome { READ, TOO_MANY, TOO_SLOW, TOO_LARGE }

  /** A body read, or why not. */
  record Result(Outcome outcome, byte[] body) {}

  private final BodyReadProperties limits;
  private final Map<String, AtomicInteger> reading = new ConcurrentHashMap<>();
  private final AtomicInteger readingTotal = new AtomicInteger();

  public BodyReads(BodyReadProperties limits) {
    this.limits = limits;
  }

  BodyReadProperties limits() {
    return limits;
  }

  Result read(String address, InputStream in, int maxBytes) throws IOException {
    AtomicInteger count = reading.computeIfAbsent(address, a -> new AtomicInteger());
    boolean tooMany = count.incrementAndGet() > limits.perAddress();
    if (readingTotal.incrementAndGet() > limits.total() || tooMany) {
      release(address, count);
      return new Result(Outcome.TOO_MANY, null);
    }
    try {
      return readWithin(in, maxBytes, System.nanoTime() + limits.deadline().toNanos());
    } catch (IOException e) {
      if (isTimeout(e)) {
        return new Result(Outcome.TOO_SLOW, null);
      }
      throw e;
    } finally {
      release(address, count);
    }
  }

  private static Result readWithin(InputStream in, int maxBytes, long deadline) throws IOException {
    byte[] buffer = new byte[Math.min(maxBytes + 1, 16 * 1024)];
    int size = 0;
    while (true) {
      if (System.nanoTime() > deadline) {
        return new Result(Outcome.TOO_SLOW, null);
      }
      if (size == buffer.length) {
        if (size > maxBytes) {
          return new Result(Outcome.TOO_LARGE, null);
        }
        buffer = Arrays.copyOf(buffer, Math.min(maxBytes + 1, buffer.length * 2));
      }
      int n = in.read(buffer, size, buffer.length - size);
      if (n < 0) {
        return new Result(Outcome.READ, Arrays.copyOf(buffer, size));
      }
      size += n;
    }
  }

  /** Tomcat reports a read that waited past its upload timeout as a timeout, sometimes wrapped. */
  private static boolean isTimeout(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InterruptedIOException) {
        return true;
      }
    }
    return false;
  }

  private void release(String address, AtomicInteger count) {
    readingTotal.decrementAndGet();
    if (count.decrementAndGet() <= 0) {
      reading.remove(address, count);
    }
  }
}

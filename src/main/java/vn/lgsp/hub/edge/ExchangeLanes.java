package vn.lgsp.hub.edge;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The two bounded thread pools that platform-http routes run on. Callers' requests run on the
 * front lane; the source calls of a composite (which arrive on the fan-out connector, see
 * {@link LoopbackConnector}) run on the fan-out lane. A composite holds a front thread while it
 * waits for its sources, and its sources never wait for a front thread, so no request waits for a
 * thread held by its own caller. Both queues are bounded: a full lane refuses
 * ({@link java.util.concurrent.RejectedExecutionException}) instead of queueing without end.
 */
@Component
public class ExchangeLanes implements DisposableBean {

  private final ThreadPoolExecutor front;
  private final ThreadPoolExecutor fanOut;
  private final LoopbackConnector loopback;

  public ExchangeLanes(LaneProperties properties, LoopbackConnector loopback, MeterRegistry meters) {
    this.loopback = loopback;
    this.front = lane("front", properties.frontThreads(), properties.frontQueue(), meters);
    this.fanOut = lane("fan-out", properties.fanOutThreads(), properties.fanOutQueue(), meters);
  }

  /** The lane a request runs on: fan-out for a composite's source calls, front for the rest. */
  public ExecutorService of(HttpServletRequest request) {
    return loopback.isFanOut(request) ? fanOut : front;
  }

  ExecutorService front() {
    return front;
  }

  private static ThreadPoolExecutor lane(String name, int threads, int queue, MeterRegistry meters) {
    BlockingQueue<Runnable> waiting = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
    ThreadPoolExecutor pool = new ThreadPoolExecutor(
        threads, threads, 60, TimeUnit.SECONDS, waiting, named(name), new ThreadPoolExecutor.AbortPolicy());
    // idle lanes give their threads back
    pool.allowCoreThreadTimeOut(true);
    // executor.* meters with name=hub.lane.<lane>: active threads, queued requests, completed
    new ExecutorServiceMetrics(pool, "hub.lane." + name, Tags.empty()).bindTo(meters);
    return pool;
  }

  private static ThreadFactory named(String lane) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, lane + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void destroy() {
    front.shutdown();
    fanOut.shutdown();
  }
}

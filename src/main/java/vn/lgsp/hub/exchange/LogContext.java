package vn.lgsp.hub.exchange;

import org.slf4j.MDC;

/** Log context keys: every line logged while an exchange is handled carries them. */
public final class LogContext {

  public static final String MESSAGE_ID = "xRoadId";

  public static final String TRACE_ID = "traceId";

  private LogContext() {}

  /** The exchange is done: its keys leave the thread. */
  public static void clear() {
    MDC.remove(MESSAGE_ID);
    MDC.remove(TRACE_ID);
  }
}

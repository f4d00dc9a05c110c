package vn.lgsp.hub.exchange;

import java.time.Instant;
import java.util.Map;

/**
 * The hub's span of one exchange in the caller's trace, while it is exported (OpenTelemetry): calls
 * to registers name it as their parent, and it ends with the answer.
 */
public interface ExchangeSpan {

  /** The span's id: 16 lower-case hex digits. */
  String spanId();

  /** Ends the span at {@code end} with these attributes; {@code failed} for a fault of the hub or a register. */
  void end(Map<String, Object> attributes, boolean failed, Instant end);
}

package vn.lgsp.hub.audit.pipeline;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.audit.AuditProperties;
import vn.lgsp.hub.audit.chain.ExchangeChain;

/**
 * Gauges of the exchange-log pipeline: records waiting in the broker for the writer
 * ({@code hub.exchange_log.queue_depth}) and records in the dead-letter queue
 * ({@code hub.exchange_log.dead_letter_depth}, which should be zero: alert on it; only a fault of the
 * hub puts a record there, never what a caller sent) and stored records after the last seal
 * ({@code hub.exchange_log.unsealed_records}: a number that only grows means sealing stopped).
 */
@Component
public class ExchangeLogMeters {

  public ExchangeLogMeters(QueueDepth depth, ExchangeChain chain, AuditProperties audit, MeterRegistry meters) {
    Gauge.builder("hub.exchange_log.queue_depth", () -> depth.of(audit.queue()).orElse(-1))
        .description("exchange records waiting in the broker to be stored (-1: unknown)").register(meters);
    Gauge.builder("hub.exchange_log.dead_letter_depth", () -> depth.of(audit.deadLetterQueue()).orElse(-1))
        .description("exchange records a fault of the hub kept out of the chain (-1: unknown)").register(meters);
    Gauge.builder("hub.exchange_log.unsealed_records", () -> unsealed(chain))
        .description("stored exchange records after the last seal (-1: the database cannot be asked)").register(meters);
  }

  private static long unsealed(ExchangeChain chain) {
    try {
      ExchangeChain.Head head = chain.head();
      return head.lastSeq() - head.sealedSeq();
    } catch (DataAccessException e) {
      return -1;
    }
  }
}

package vn.lgsp.hub.engine;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.HubProperties;
import vn.lgsp.hub.audit.record.SubjectHasher;
import vn.lgsp.hub.exchange.ExchangeContext;
import vn.lgsp.hub.exchange.ExchangeSpan;
import vn.lgsp.hub.protocol.TraceContext;

/**
 * The exchange's place in the caller's W3C trace and, when {@code hub.tracing.otlp-endpoint} is set,
 * its span exported over OTLP: one SERVER span per exchange that passed the edge, child of the
 * caller's span (or the root of a new trace), with the X-Road id (masked as in the logs), client,
 * service and status as attributes and never a personal ID (the span is named after the service, not
 * the path). Calls to
 * registers carry the span as their parent. The caller's sampling flag is honoured. Spans leave in
 * batches on a thread of their own: an unreachable collector costs the request path nothing.
 */
@Component
public class ExchangeTracing implements DisposableBean {

  static final AttributeKey<String> XROAD_ID = AttributeKey.stringKey("xroad.id");

  private final SdkTracerProvider provider;
  private final Tracer tracer;

  public ExchangeTracing(TracingProperties props, HubProperties hub) {
    if (!props.exporting()) {
      this.provider = null;
      this.tracer = null;
      return;
    }
    OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
        .setEndpoint(props.otlpEndpoint())
        .setTimeout(props.exportTimeout())
        .build();
    this.provider = SdkTracerProvider.builder()
        .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
            AttributeKey.stringKey("service.name"), props.serviceName(),
            AttributeKey.stringKey("service.instance.id"), hub.node()))))
        .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
        .build();
    this.tracer = provider.get("vn.lgsp.hub");
  }

  public boolean exporting() {
    return tracer != null;
  }

  /** Sets the exchange's traceparent (the caller's if valid, else a new trace) and starts its span. */
  public void begin(ExchangeContext context, String callerTraceparent) {
    if (tracer == null) {
      context.traceparent(TraceContext.continueOrStart(callerTraceparent));
      return;
    }
    String valid = TraceContext.valid(callerTraceparent);
    SpanBuilder builder = tracer.spanBuilder("exchange").setSpanKind(SpanKind.SERVER)
        .setStartTimestamp(context.requestInAt());
    if (valid != null) {
      builder.setParent(Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(
          TraceContext.traceId(valid), TraceContext.parentId(valid),
          TraceFlags.fromHex(TraceContext.flags(valid), 0), TraceState.getDefault()))));
    } else {
      builder.setNoParent();
    }
    Span span = builder.startSpan();
    SpanContext started = span.getSpanContext();
    context.traceparent(valid != null ? valid
        : "00-" + started.getTraceId() + "-" + started.getSpanId() + "-" + started.getTraceFlags().asHex());
    context.span(new OtelSpan(span));
  }

  /** Ends the exchange's span with what the caller was answered. */
  public void end(ExchangeContext context, String serviceTag, int status, Instant done) {
    ExchangeSpan span = context.span();
    if (span == null) {
      return;
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    // a caller's message id may hold digits: masked as in the logs, since the span leaves the hub
    attributes.put(XROAD_ID.getKey(), SubjectHasher.maskForLog(context.messageId()));
    attributes.put("xroad.service", serviceTag);
    if (context.client() != null) {
      attributes.put("xroad.client", context.client().toString());
    }
    attributes.put("http.request.method", context.method());
    attributes.put("http.response.status_code", (long) status);
    if (context.problem() != null) {
      attributes.put("error.type", context.problem().code());
    }
    span.end(attributes, status >= 500, done);
  }

  /** Sends what is still buffered, then stops. */
  @Override
  public void destroy() {
    if (provider != null) {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  /** An OpenTelemetry span behind the exchange's handle. */
  private record OtelSpan(Span span) implements ExchangeSpan {

    @Override
    public String spanId() {
      return span.getSpanContext().getSpanId();
    }

    @Override
    public void end(Map<String, Object> attributes, boolean failed, Instant end) {
      AttributesBuilder all = Attributes.builder();
      attributes.forEach((key, value) -> {
        if (value instanceof Long number) {
          all.put(AttributeKey.longKey(key), number);
        } else if (value != null) {
          all.put(AttributeKey.stringKey(key), value.toString());
        }
      });
      span.updateName(String.valueOf(attributes.getOrDefault("xroad.service", "exchange")));
      span.setAllAttributes(all.build());
      if (failed) {
        span.setStatus(StatusCode.ERROR);
      }
      span.end(end);
    }
  }
}

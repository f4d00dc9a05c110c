package vn.lgsp.hub.composite;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.lgsp.hub.exchange.ExchangeContext;
import vn.lgsp.hub.edge.LoopbackClient;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.TraceContext;

/**
 * Gathers what a dossier needs from several registers in one call. Each source is called in
 * parallel as an ordinary exchange through the hub's own front door, with the caller's token and
 * headers: so the caller's own access rights and field limits apply per source, and each source
 * call has its own record, linked by the X-Road-Id {@code <composite id>:<section>}. A source
 * that is denied, missing or down gives its section a status; it does not fail the whole answer.
 * The source calls go through the fan-out connector ({@link LoopbackClient#fanOut}), so they run
 * on threads of their own while this call holds its front thread.
 */
@Component
public class CitizenProfileAssembler {

  static final String INCLUDE = "include";
  static final String OK = "ok";
  static final String UNAVAILABLE = "unavailable";
  static final String HUB_OVERLOADED = "hub-overloaded";

  private final CompositeProperties properties;
  private final LoopbackClient loopback;
  private final ObjectMapper json;

  public CitizenProfileAssembler(CompositeProperties properties, LoopbackClient loopback, ObjectMapper json) {
    this.properties = properties;
    this.loopback = loopback;
    this.json = json;
  }

  /** Route step: the composite answer for the {@code personalId} path parameter. */
  public JsonNode assemble(Exchange exchange) {
    ExchangeContext context = ExchangeContext.of(exchange);
    String personalId = context.subjectId();
    List<String> sections = sections(exchange.getIn().getHeader(INCLUDE, String.class));
    Map<String, CompletableFuture<HttpResponse<byte[]>>> calls = new LinkedHashMap<>();
    for (String section : sections) {
      CompositeProperties.Source source = properties.sources().get(section);
      Map<String, String> headers = LoopbackClient.forwarded(exchange.getIn().getHeader("Authorization", String.class),
          context.client().toString(), context.messageId() + ":" + section, context.userId(), context.issue());
      // each source's exchange continues this one's trace, as a child of its span
      headers.put(TraceContext.HEADER, context.outboundTraceparent());
      String path = "/r1/" + source.service()
          + UriComponentsBuilder.fromPath(source.path()).encode().buildAndExpand(Map.of("personalId", personalId)).toUriString();
      calls.put(section, loopback.fanOut(path, headers, properties.timeout()));
    }
    ObjectNode answer = json.createObjectNode();
    answer.put("personalId", personalId);
    ObjectNode out = answer.putObject("sources");
    long deadline = System.nanoTime() + properties.timeout().toNanos();
    calls.forEach((section, call) -> out.set(section, section(call, deadline)));
    return answer;
  }

  /**
   * A section's status when its source did not answer 200. The hub's own limits
   * ({@code Server.Hub.Overloaded}) are told apart from a register that is down: the first passes
   * with load, the second is the register's.
   */
  static String status(int httpStatus, String problemType) {
    if (ProblemType.HUB_OVERLOADED.code().equals(problemType)) {
      return HUB_OVERLOADED;
    }
    return httpStatus == 404 ? "not-found" : httpStatus == 403 ? "denied" : UNAVAILABLE;
  }

  private List<String> sections(String include) {
    if (include == null || include.isBlank()) {
      return List.copyOf(properties.sources().keySet());
    }
    List<String> requested = Arrays.stream(include.split(",")).map(String::trim).distinct().toList();
    for (String section : requested) {
      if (!properties.sources().containsKey(section)) {
        throw new HubProblemException(
            ProblemType.INVALID_REQUEST,
            ProblemText.of("composite.unknown-section", String.join(",", properties.sources().keySet())));
      }
    }
    return requested;
  }

  private ObjectNode section(CompletableFuture<HttpResponse<byte[]>> call, long deadline) {
    ObjectNode section = json.createObjectNode();
    try {
      HttpResponse<byte[]> response = call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (response.statusCode() == 200) {
        section.put("status", OK);
        section.set("data", json.readTree(response.body()));
      } else {
        String problem = json.readTree(response.body()).path("type").asString(null);
        section.put("status", status(response.statusCode(), problem));
        section.put("problem", problem);
      }
    } catch (TimeoutException | ExecutionException | JacksonException e) {
      call.cancel(true);
      section.put("status", UNAVAILABLE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      section.put("status", UNAVAILABLE);
    }
    return section;
  }
}

package vn.lgsp.hub.connectors;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.TraceContext;
import vn.lgsp.hub.protocol.signatures.ContentDigest;

/**
 * A REST/JSON backend called with the JDK's HTTP client. Only what the descriptor names is sent:
 * the path with URL-encoded inputs and, for {@code request: json}, the inputs as a JSON object;
 * never a header of the caller's. Signs requests when the descriptor asks for it.
 */
final class RestConnector implements Connector {

  private static final Logger log = LoggerFactory.getLogger(RestConnector.class);

  private final ConnectorDescriptor descriptor;
  private final ResilienceFactory.Guard guard;
  private final HttpClient http;
  private final ObjectMapper json;
  private final RequestSigner signer;
  private final RegisterSignatures answerSignatures;
  private final URI base;

  RestConnector(ConnectorDescriptor descriptor, ResilienceFactory.Guard guard, ObjectMapper json, Clock clock,
      SSLContext tls) {
    this.descriptor = descriptor;
    this.guard = guard;
    this.json = json;
    this.base = URI.create(descriptor.rest().baseUrl());
    HttpClient.Builder builder = HttpClient.newBuilder()
        .connectTimeout(descriptor.timeouts().connect())
        .followRedirects(HttpClient.Redirect.NEVER)
        // HTTP/2's flow-control window lets a backend push some MiB ahead of what the hub reads;
        // over HTTP/1.1 the socket is read only as the (bounded) body handler asks for more
        .version(HttpClient.Version.HTTP_1_1);
    if (tls != null) {
      builder.sslContext(tls);
    }
    this.http = builder.build();
    ConnectorDescriptor.Signing signing = descriptor.rest().signing();
    this.signer = signing == null ? null : new RequestSigner(signing.key(), clock);
    ConnectorDescriptor.AnswerSignature required = descriptor.rest().answerSignature();
    this.answerSignatures = required == null ? null : new RegisterSignatures(descriptor.id(), required, clock);
  }

  @Override
  public ConnectorDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public JsonNode invoke(String operationName, Map<String, String> inputs, String consumer, String traceparent) {
    return answer(operationName, inputs, consumer, traceparent).data();
  }

  @Override
  public Answer answer(String operationName, Map<String, String> inputs, String consumer, String traceparent) {
    ConnectorDescriptor.Operation operation = descriptor.operations().get(operationName);
    HttpRequest request = request(operation, inputs, traceparent);
    try {
      return guard.call(consumer, operation.idempotent(), () -> call(operation, request));
    } catch (RuntimeException e) {
      throw ProviderFailures.classify(descriptor.id(), e);
    }
  }

  private HttpRequest request(ConnectorDescriptor.Operation operation, Map<String, String> inputs, String traceparent) {
    String path = base.getPath().replaceAll("/$", "") + expand(operation.path(), inputs);
    byte[] body = new byte[0];
    if ("json".equals(operation.request())) {
      ObjectNode object = json.createObjectNode();
      inputs.forEach(object::put);
      try {
        body = json.writeValueAsBytes(object);
      } catch (JacksonException e) {
        throw new IllegalStateException(e);
      }
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(descriptor.timeouts().read())
            .header("Accept", "application/json");
    if (body.length > 0) {
      builder.header("Content-Type", "application/json");
      if (answerSignatures != null) {
        // a register that signs its answers binds them to this digest of the request ("content-digest";req)
        builder.header("Content-Digest", ContentDigest.sha256(body));
      }
    }
    if (traceparent != null) {
      builder.header(TraceContext.HEADER, traceparent);
    }
    if (signer != null) {
      String[] signature = signer.sign(operation.method(), path, body);
      builder.header(RequestSigner.TIMESTAMP_HEADER, signature[0]).header(RequestSigner.SIGNATURE_HEADER, signature[1]);
    }
    return builder.method(operation.method(), HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }

  /** The path with its {@code {name}} inputs filled in, each strictly URL-encoded ({@code /} included). */
  static String expand(String template, Map<String, String> inputs) {
    for (String name : new UriTemplate(template).getVariableNames()) {
      if (inputs.get(name) == null) {
        throw new IllegalStateException("path input '" + name + "' is not declared");
      }
    }
    return UriComponentsBuilder.fromPath(template).encode().buildAndExpand(inputs).toUriString();
  }

  private Answer call(ConnectorDescriptor.Operation operation, HttpRequest request) {
    HttpResponse<byte[]> response;
    BoundedBody body = new BoundedBody(descriptor.maxResponseSize().toBytes());
    try {
      response = http.send(request, body);
    } catch (IOException e) {
      log.debug("{} call failed", descriptor.id(), e);
      throw ProviderFailures.classify(descriptor.id(), body.exceeded() ? new ResponseTooLargeException(e) : e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HubProblemException(ProblemType.PROVIDER_UNAVAILABLE, ProblemText.of("provider.interrupted", descriptor.id()), e);
    }
    int status = response.statusCode();
    if (status / 100 != 2) {
      throw mapStatus(operation, status);
    }
    String signature = answerSignatures == null ? null
        : answerSignatures.verify(request, status, response.headers(), response.body());
    try {
      JsonNode answer = json.readTree(response.body());
      JsonNode selected = JsonResponseMapping.apply(operation.response(), answer);
      if (selected == null) {
        throw new HubProblemException(ProblemType.PROVIDER_FAULT, ProblemText.of("provider.no-data", descriptor.id()));
      }
      return new Answer(selected, signature);
    } catch (JacksonException e) {
      throw new HubProblemException(ProblemType.PROVIDER_FAULT, ProblemText.of("provider.unreadable", descriptor.id()), e);
    }
  }

  private HubProblemException mapStatus(ConnectorDescriptor.Operation operation, int status) {
    ConnectorDescriptor.FaultOutcome outcome = operation.faults().get(Integer.toString(status));
    if (outcome == ConnectorDescriptor.FaultOutcome.NOT_FOUND) {
      return new HubProblemException(ProblemType.NOT_FOUND, "provider.not-found");
    }
    if (outcome == ConnectorDescriptor.FaultOutcome.INVALID_REQUEST || status == 400 || status == 422) {
      // the register blames the request: the caller's fault, never counted against the register
      return new HubProblemException(ProblemType.INVALID_REQUEST, "provider.refused-as-invalid");
    }
    log.debug("{} answered HTTP {}", descriptor.id(), status);
    return new HubProblemException(ProblemType.PROVIDER_FAULT, ProblemText.of("provider.fault", descriptor.id()));
  }
}

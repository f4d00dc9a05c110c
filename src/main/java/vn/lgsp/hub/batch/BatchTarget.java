package vn.lgsp.hub.batch;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import vn.lgsp.hub.catalog.PublishedService;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;

/**
 * The endpoint of a service that a job's inputs call, and how one input becomes its request: the
 * input's fields fill the path parameters of a GET endpoint ({@code {"personalId": ...}} for
 * {@code /{personalId}}), or the input is the JSON body of a POST endpoint that has none.
 *
 * @param method the endpoint's method
 * @param service the service id, e.g. {@code VN/GOV/BCA/DANCU/citizen-info}
 * @param path the path below the service, e.g. {@code /{personalId}}
 * @param parameters the path's parameters, in order
 */
record BatchTarget(String method, String service, String path, List<String> parameters) {

  private static final Pattern PARAMETER = Pattern.compile("\\{([^}/]+)}");

  /** One item's request: its method, its path and query on the hub, and its body (null for none). */
  record Request(String method, String pathAndQuery, byte[] body) {}

  /** The target a job stored as its {@link #endpoint()}. */
  static BatchTarget of(String service, String endpoint) {
    String[] methodAndPath = endpoint.split(" ", 2);
    return new BatchTarget(methodAndPath[0], service, methodAndPath[1], parameters(methodAndPath[1]));
  }

  /** The endpoint as a job stores it: method and path below the service, e.g. {@code GET /{personalId}}. */
  String endpoint() {
    return method + " " + path;
  }

  /** The endpoint all {@code inputs} fit: a GET whose path parameters are exactly their fields, else a POST. */
  static BatchTarget choose(String service, List<PublishedService> endpoints, List<ObjectNode> inputs) {
    Set<String> fields = fieldNames(inputs.get(0));
    BatchTarget post = null;
    for (PublishedService endpoint : endpoints) {
      BatchTarget target = new BatchTarget(endpoint.method(), service, endpoint.path(), parameters(endpoint.path()));
      if ("GET".equals(endpoint.method()) && !target.parameters.isEmpty() && Set.copyOf(target.parameters).equals(fields)) {
        target.checkAll(inputs);
        return target;
      }
      if ("POST".equals(endpoint.method()) && target.parameters.isEmpty()) {
        post = target;
      }
    }
    if (post == null) {
      String expected = endpoints.stream().map(e -> String.join(",", parameters(e.path()))).filter(p -> !p.isEmpty())
          .distinct().reduce((a, b) -> a + " | " + b).orElse("-");
      throw new HubProblemException(ProblemType.INVALID_REQUEST, ProblemText.of("batch.input-fields", 1, expected));
    }
    return post;
  }

  /** The request of one input. */
  Request request(ObjectNode input) {
    if (parameters.isEmpty()) {
      return new Request(method, "/r1/" + service + path, input.toString().getBytes(StandardCharsets.UTF_8));
    }
    Map<String, String> values = new LinkedHashMap<>();
    parameters.forEach(name -> values.put(name, input.get(name).asString()));
    return new Request(method, "/r1/" + service
        + UriComponentsBuilder.fromPath(path).encode().buildAndExpand(values).toUriString(), null);
  }

  /** Every input has exactly the path's parameters, each a non-empty text or number. */
  private void checkAll(List<ObjectNode> inputs) {
    Set<String> expected = Set.copyOf(parameters);
    for (int i = 0; i < inputs.size(); i++) {
      ObjectNode input = inputs.get(i);
      boolean fits = fieldNames(input).equals(expected) && parameters.stream().map(input::get)
          .allMatch(value -> (value.isString() || value.isNumber()) && !value.asString().isBlank());
      if (!fits) {
        throw new HubProblemException(ProblemType.INVALID_REQUEST,
            ProblemText.of("batch.input-fields", i + 1, String.join(",", parameters)));
      }
    }
  }

  private static Set<String> fieldNames(JsonNode input) {
    return new TreeSet<>(input.propertyNames());
  }

  private static List<String> parameters(String path) {
    Matcher m = PARAMETER.matcher(path == null ? "" : path);
    List<String> names = new java.util.ArrayList<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}

package vn.lgsp.hub.connectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Loads every {@code connectors/*.yaml} at start and builds its client. A descriptor that does
 * not validate stops the start with a message naming the file and the field: a half-configured
 * register is worse than none.
 */
@Component
public class ConnectorRegistry {

  /** Replaced whole on each change (copy on write): read on every call, changed when a service is published. */
  private volatile Map<String, Connector> connectors = Map.of();
  /**
   * The connectors of the service files (the connectors directory, or a version of its files in the database),
   * with the text each was made from: a published service may not replace one, and an unchanged text keeps its
   * connector (breaker, bulkhead) when the files change.
   */
  private volatile Map<String, String> fromFiles = Map.of();
  private final Path directory;
  private final Environment environment;
  private final Validator validator;
  private final ResilienceFactory resilience;
  private final ObjectMapper json;
  private final Clock clock;

  public ConnectorRegistry(
      ConnectorProperties properties,
      Environment environment,
      Validator validator,
      ResilienceFactory resilience,
      ObjectMapper json,
      Clock clock) {
    this.directory = properties.directory();
    this.environment = environment;
    this.validator = validator;
    this.resilience = resilience;
    this.json = json;
    this.clock = clock;
    Map<String, String> texts = new LinkedHashMap<>();
    for (Path file : descriptorFiles(directory)) {
      try {
        texts.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw invalid(file, e.getMessage());
      }
    }
    replaceFiles(texts, directory);
  }

  /**
   * Puts the connectors of a set of service files in force in place of the files' connectors before (published
   * services' stay): {@code descriptors} maps a file name of the connectors directory to its text, {@code wsdls}
   * is where their WSDLs are. A connector whose text did not change stays as it is.
   *
   * @throws IllegalStateException naming the file that is invalid; nothing is changed then
   */
  public synchronized void replaceFiles(Map<String, String> descriptors, Path wsdls) {
    Map<String, Connector> next = new LinkedHashMap<>(connectors);
    fromFiles.keySet().forEach(next::remove);
    Map<String, String> texts = new LinkedHashMap<>();
    for (Map.Entry<String, String> file : descriptors.entrySet()) {
      Path path = directory.resolve(file.getKey());
      ConnectorDescriptor descriptor = readFile(path, file.getValue());
      if (texts.containsKey(descriptor.id()) || next.containsKey(descriptor.id())) {
        throw invalid(path, "duplicate connector id '" + descriptor.id() + "'");
      }
      texts.put(descriptor.id(), file.getValue());
      Connector unchanged = file.getValue().equals(fromFiles.get(descriptor.id())) ? connectors.get(descriptor.id()) : null;
      next.put(descriptor.id(), unchanged != null ? unchanged : build(path, descriptor, wsdls));
    }
    connectors = Collections.unmodifiableMap(next);
    fromFiles = Collections.unmodifiableMap(texts);
  }

  /**
   * Checks a descriptor file's text as {@link #replaceFiles} would read it, without building its connector.
   *
   * @return the descriptor
   * @throws IllegalStateException naming what is wrong
   */
  public ConnectorDescriptor checkFile(String name, String text) {
    return readFile(directory.resolve(name), text);
  }

  private ConnectorDescriptor readFile(Path file, String text) {
    try {
      return read(environment.resolveRequiredPlaceholders(text), descriptorMapper(), validator);
    } catch (IllegalArgumentException e) {
      throw invalid(file, e.getMessage());
    }
  }

  private Connector build(Path file, ConnectorDescriptor descriptor, Path wsdls) {
    resilience.forget(descriptor.id());
    ResilienceFactory.Guard guard = resilience.guardFor(descriptor);
    SSLContext tls;
    try {
      // key and trust stores are files of the hub, beside the descriptors, never data
      tls = ConnectorTls.context(descriptor.tls(), directory.toAbsolutePath());
    } catch (IllegalStateException e) {
      throw invalid(file, e.getMessage());
    }
    return descriptor.protocol() == ConnectorDescriptor.Protocol.SOAP
        ? soap(file, wsdls.resolve(descriptor.soap().wsdl()).normalize(), descriptor, guard, tls)
        : new RestConnector(descriptor, guard, json, clock, tls);
  }

  public Connector get(String id) {
    Connector connector = connectors.get(id);
    if (connector == null) {
      throw new IllegalArgumentException("no connector '" + id + "' in the connectors directory");
    }
    return connector;
  }

  public Collection<Connector> all() {
    return connectors.values();
  }

  /**
   * Checks a published service's descriptor (YAML; REST, or SOAP with the WSDL it was made from; no TLS
   * stores) as a file's is checked, without resolving placeholders (a provider must not read the hub's
   * configuration through its backend address).
   *
   * @param withWsdl whether the publication carries its WSDL (a SOAP connector needs one)
   * @throws IllegalArgumentException naming what is wrong
   */
  public ConnectorDescriptor check(String yamlText, boolean withWsdl) {
    ConnectorDescriptor descriptor = read(yamlText, descriptorMapper(), validator);
    boolean soap = descriptor.protocol() == ConnectorDescriptor.Protocol.SOAP;
    if (soap != withWsdl || descriptor.tls() != null) {
      throw new IllegalArgumentException("a published service's connector is REST, or SOAP with its WSDL, without TLS files");
    }
    if (fromFiles.containsKey(descriptor.id())) {
      throw new IllegalArgumentException("connector id '" + descriptor.id() + "' belongs to a file");
    }
    return descriptor;
  }

  /**
   * Adds or replaces a published service's connector; calls in flight finish on the one they started with.
   *
   * @param wsdl the WSDL file of a SOAP connector, its name the descriptor's {@code soap.wsdl}; null for REST
   */
  public synchronized void register(String yamlText, Path wsdl) {
    ConnectorDescriptor descriptor = check(yamlText, wsdl != null);
    resilience.forget(descriptor.id());
    ResilienceFactory.Guard guard = resilience.guardFor(descriptor);
    Connector connector = wsdl == null ? new RestConnector(descriptor, guard, json, clock, null)
        : soap(wsdl, wsdl, descriptor, guard, null);
    Map<String, Connector> next = new LinkedHashMap<>(connectors);
    next.put(descriptor.id(), connector);
    connectors = Collections.unmodifiableMap(next);
  }

  /** Whether the connector comes from a file of the connectors directory (not from a published service). */
  public boolean isFromFiles(String id) {
    return fromFiles.containsKey(id);
  }

  /** Removes a published service's connector; a file's stays. */
  public synchronized void remove(String id) {
    if (fromFiles.containsKey(id) || !connectors.containsKey(id)) {
      return;
    }
    Map<String, Connector> next = new LinkedHashMap<>(connectors);
    next.remove(id);
    connectors = Collections.unmodifiableMap(next);
  }

  private static List<Path> descriptorFiles(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new IllegalStateException(
          "hub.connectors.directory: " + directory.toAbsolutePath() + " is not a directory");
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + directory.toAbsolutePath(), e);
    }
  }

  private static ConnectorDescriptor read(String text, ObjectMapper yaml, Validator validator) {
    ConnectorDescriptor descriptor;
    try {
      descriptor = yaml.readValue(text, ConnectorDescriptor.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
    Set<ConstraintViolation<ConnectorDescriptor>> violations = validator.validate(descriptor);
    if (!violations.isEmpty()) {
      throw new IllegalArgumentException(
          violations.stream()
              .map(v -> v.getPropertyPath() + " " + v.getMessage())
              .sorted()
              .collect(Collectors.joining("; ")));
    }
    boolean soap = descriptor.protocol() == ConnectorDescriptor.Protocol.SOAP;
    if (soap ? descriptor.soap() == null : descriptor.rest() == null) {
      throw new IllegalArgumentException("protocol " + descriptor.protocol() + " needs its section ('soap' or 'rest')");
    }
    descriptor.operations().forEach((name, op) -> checkOperation(soap, name, op));
    return descriptor;
  }

  /** Templates may only use declared inputs; each protocol needs its own operation fields. */
  private static void checkOperation(boolean soap, String name, ConnectorDescriptor.Operation op) {
    Map<String, String> sample = new LinkedHashMap<>();
    op.input().keySet().forEach(k -> sample.put(k, "x"));
    try {
      if (soap) {
        if (op.request() == null || op.request().isBlank()) {
          throw new IllegalStateException("a SOAP operation needs a request template");
        }
        RequestTemplate.render(op.request(), sample);
      } else {
        if (op.method() == null || op.path() == null || !op.path().startsWith("/")) {
          throw new IllegalStateException("a REST operation needs a method and a path starting with /");
        }
        if (op.request() != null && !"json".equals(op.request())) {
          throw new IllegalStateException("a REST request is absent or 'json'");
        }
        RestConnector.expand(op.path(), sample);
      }
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException("operation " + name + ": " + e.getMessage(), e);
    }
  }

  /** A SOAP connector; {@code file} names what is wrong in a refusal. */
  private static Connector soap(Path file, Path wsdl, ConnectorDescriptor descriptor, ResilienceFactory.Guard guard,
      SSLContext tls) {
    if (!Files.isRegularFile(wsdl)) {
      throw invalid(file, "soap.wsdl: no file " + wsdl);
    }
    try {
      URL wsdlUrl = wsdl.toUri().toURL();
      return new SoapConnector(descriptor, wsdlUrl, guard, tls);
    } catch (MalformedURLException e) {
      throw invalid(file, "soap.wsdl: " + e.getMessage());
    }
  }

  private static IllegalStateException invalid(Path file, String why) {
    return new IllegalStateException("connector descriptor " + file + " is invalid: " + why);
  }

  private static ObjectMapper descriptorMapper() {
    SimpleModule units = new SimpleModule();
    units.addDeserializer(
        Duration.class,
        new ValueDeserializer<>() {
          @Override
          public Duration deserialize(JsonParser p, DeserializationContext ctx) {
            return DurationStyle.detectAndParse(p.getValueAsString());
          }
        });
    units.addDeserializer(
        DataSize.class,
        new ValueDeserializer<>() {
          @Override
          public DataSize deserialize(JsonParser p, DeserializationContext ctx) {
            return DataSize.parse(p.getValueAsString());
          }
        });
    return YAMLMapper.builder()
        .addModule(units)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }
}

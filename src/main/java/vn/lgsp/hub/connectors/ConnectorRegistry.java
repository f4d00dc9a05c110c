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

  private final Map<String, Connector> connectors = new LinkedHashMap<>();

  public ConnectorRegistry(
      ConnectorProperties properties,
      Environment environment,
      Validator validator,
      ResilienceFactory resilience,
      ObjectMapper json,
      Clock clock) {
    ObjectMapper yaml = descriptorMapper();
    for (Path file : descriptorFiles(properties.directory())) {
      ConnectorDescriptor descriptor = read(file, yaml, environment, validator);
      if (connectors.containsKey(descriptor.id())) {
        throw invalid(file, "duplicate connector id '" + descriptor.id() + "'");
      }
      ResilienceFactory.Guard guard = resilience.guardFor(descriptor);
      SSLContext tls;
      try {
        tls = ConnectorTls.context(descriptor.tls(), file.toAbsolutePath().getParent());
      } catch (IllegalStateException e) {
        throw invalid(file, e.getMessage());
      }
      connectors.put(
          descriptor.id(),
          descriptor.protocol() == ConnectorDescriptor.Protocol.SOAP
              ? soap(file, descriptor, guard, tls)
              : new RestConnector(descriptor, guard, json, clock, tls));
    }
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

  private static ConnectorDescriptor read(
      Path file, ObjectMapper yaml, Environment environment, Validator validator) {
    ConnectorDescriptor descriptor;
    try {
      String text = environment.resolveRequiredPlaceholders(Files.readString(file, StandardCharsets.UTF_8));
      descriptor = yaml.readValue(text, ConnectorDescriptor.class);
    } catch (IOException | JacksonException | IllegalArgumentException e) {
      throw invalid(file, e.getMessage());
    }
    Set<ConstraintViolation<ConnectorDescriptor>> violations = validator.validate(descriptor);
    if (!violations.isEmpty()) {
      throw invalid(
          file,
          violations.stream()
              .map(v -> v.getPropertyPath() + " " + v.getMessage())
              .sorted()
              .collect(Collectors.joining("; ")));
    }
    boolean soap = descriptor.protocol() == ConnectorDescriptor.Protocol.SOAP;
    if (soap ? descriptor.soap() == null : descriptor.rest() == null) {
      throw invalid(file, "protocol " + descriptor.protocol() + " needs its section ('soap' or 'rest')");
    }
    descriptor.operations().forEach((name, op) -> checkOperation(file, soap, name, op));
    return descriptor;
  }

  /** Templates may only use declared inputs; each protocol needs its own operation fields. */
  private static void checkOperation(Path file, boolean soap, String name, ConnectorDescriptor.Operation op) {
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
      throw invalid(file, "operation " + name + ": " + e.getMessage());
    }
  }

  private static Connector soap(Path file, ConnectorDescriptor descriptor, ResilienceFactory.Guard guard, SSLContext tls) {
    Path wsdl = file.getParent().resolve(descriptor.soap().wsdl()).normalize();
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

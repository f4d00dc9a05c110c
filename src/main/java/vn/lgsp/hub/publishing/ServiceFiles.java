package vn.lgsp.hub.publishing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import vn.lgsp.hub.connectors.ConnectorDescriptor;
import vn.lgsp.hub.connectors.ConnectorProperties;
import vn.lgsp.hub.connectors.ConnectorRegistry;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;

/**
 * The service files as one set: {@code connectors/*.yaml} (descriptors), {@code connectors/*.wsdl} and
 * {@code routes/*.yaml}, each by its path in a checkout. Reads the set from the directories, and checks a set
 * sent to the admin API as the hub would read it at start, before any of it is applied: each descriptor valid
 * (placeholders resolved), each SOAP descriptor's WSDL in the set and readable, route ids kebab-case and unique,
 * each {@code connector:} step naming a connector and operation that exist, no route id of a published service.
 */
@Component
public class ServiceFiles {

  static final String CONNECTORS = "connectors/";
  static final String ROUTES = "routes/";
  private static final int MAX_FILES = 200;
  private static final int MAX_FILE_CHARS = 512 * 1024;
  private static final Pattern NAME =
      Pattern.compile("(connectors/[A-Za-z0-9._-]{1,100}\\.(yaml|wsdl)|routes/[A-Za-z0-9._-]{1,100}\\.yaml)");
  private static final Pattern ROUTE_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern CONNECTOR_STEP = Pattern.compile("connector:([A-Za-z0-9_-]+)/([A-Za-z0-9_-]+)");
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private final ConnectorRegistry connectors;
  private final ServicePublications publications;
  private final Path connectorDirectory;
  private final Path routeDirectory;

  public ServiceFiles(ConnectorRegistry connectors, ServicePublications publications, ConnectorProperties properties,
      Environment environment) {
    this.connectors = connectors;
    this.publications = publications;
    this.connectorDirectory = properties.directory();
    this.routeDirectory = Path.of(environment.getProperty("hub.routes.directory", "routes"));
  }

  /** The set as the directories hold it now. */
  public Map<String, String> fromDisk() {
    Map<String, String> files = new TreeMap<>();
    read(connectorDirectory, CONNECTORS, files, ".yaml", ".wsdl");
    read(routeDirectory, ROUTES, files, ".yaml");
    return files;
  }

  private static void read(Path directory, String prefix, Map<String, String> files, String... endings) {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (Stream<Path> listed = Files.list(directory)) {
      for (Path file : listed.sorted().toList()) {
        String name = file.getFileName().toString();
        if (Stream.of(endings).anyMatch(name::endsWith) && Files.isRegularFile(file)) {
          files.put(prefix + name, Files.readString(file, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + directory.toAbsolutePath(), e);
    }
  }

  /** The descriptors of a set, by their file name in the connectors directory. */
  static Map<String, String> descriptors(Map<String, String> files) {
    Map<String, String> descriptors = new LinkedHashMap<>();
    files.forEach((name, text) -> {
      if (name.startsWith(CONNECTORS) && name.endsWith(".yaml")) {
        descriptors.put(name.substring(CONNECTORS.length()), text);
      }
    });
    return descriptors;
  }

  /** The route ids a route file defines (none if it does not read). */
  static List<String> routeIds(String text) {
    List<String> ids = new ArrayList<>();
    try {
      JsonNode routes = YAML.readTree(text);
      if (routes != null && routes.isArray()) {
        routes.forEach(item -> {
          if (item.path("route").path("id").isString()) {
            ids.add(item.path("route").path("id").asString());
          }
        });
      }
    } catch (JacksonException e) {
      // a file that does not read has no route to remove
    }
    return ids;
  }

  /**
   * Checks a set sent as {@code {"<path>": "<text>", ...}}.
   *
   * @return the set, sorted by path
   * @throws HubProblemException naming the first file that is wrong and why; its text is not echoed
   */
  public Map<String, String> check(JsonNode sent) {
    if (sent == null || !sent.isObject() || sent.isEmpty() || sent.size() > MAX_FILES) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, ProblemText.of("service-files.field", "files"));
    }
    Map<String, String> files = new TreeMap<>();
    for (Map.Entry<String, JsonNode> file : sent.properties()) {
      if (!NAME.matcher(file.getKey()).matches() || !file.getValue().isString()
          || file.getValue().asString().isBlank() || file.getValue().asString().length() > MAX_FILE_CHARS) {
        throw refused(file.getKey(), "a name connectors/<name>.yaml|.wsdl or routes/<name>.yaml, and a text");
      }
      files.put(file.getKey(), file.getValue().asString());
    }
    Map<String, Set<String>> operations = new LinkedHashMap<>();
    for (Map.Entry<String, String> descriptor : descriptors(files).entrySet()) {
      String name = CONNECTORS + descriptor.getKey();
      ConnectorDescriptor read;
      try {
        read = connectors.checkFile(descriptor.getKey(), descriptor.getValue());
      } catch (IllegalStateException e) {
        // neither the hub's path nor the file's text goes back: "in value ..." would quote the whole file
        throw refused(name, e.getMessage().replaceFirst("^connector descriptor \\S+ is invalid: ", "")
            .replaceFirst("(?s) in value \".*", ""));
      }
      if (operations.put(read.id(), read.operations().keySet()) != null) {
        throw refused(name, "duplicate connector id '" + read.id() + "'");
      }
      if (read.soap() != null) {
        String wsdl = files.get(CONNECTORS + read.soap().wsdl());
        if (wsdl == null) {
          throw refused(name, "soap.wsdl: no file " + CONNECTORS + read.soap().wsdl() + " in the set");
        }
        try {
          WsdlImport.check(wsdl);
        } catch (HubProblemException e) {
          throw refused(CONNECTORS + read.soap().wsdl(), "not a whole, readable WSDL 1.1");
        }
      }
    }
    Set<String> published = new HashSet<>();
    Set<String> publishedConnectors = new HashSet<>();
    publications.live().forEach(p -> {
      published.addAll(p.routeIds());
      publishedConnectors.add(p.connectorId());
    });
    Set<String> ids = new HashSet<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      if (file.getKey().startsWith(ROUTES)) {
        checkRoutes(file.getKey(), file.getValue(), ids, published, operations, publishedConnectors);
      }
    }
    return files;
  }

  private static void checkRoutes(String name, String text, Set<String> ids, Set<String> published,
      Map<String, Set<String>> operations, Set<String> publishedConnectors) {
    JsonNode routes;
    try {
      routes = YAML.readTree(text);
    } catch (JacksonException e) {
      throw refused(name, "not YAML");
    }
    if (routes == null || !routes.isArray() || routes.isEmpty()) {
      throw refused(name, "a list of routes");
    }
    for (JsonNode item : routes) {
      JsonNode route = item.path("route");
      String id = route.path("id").asString("");
      if (!ROUTE_ID.matcher(id).matches() || !route.path("from").path("uri").isString()) {
        throw refused(name, "each route needs a kebab-case id and a from uri");
      }
      if (!ids.add(id) || published.contains(id)) {
        throw refused(name, "route id '" + id + "' is taken");
      }
      Matcher steps = CONNECTOR_STEP.matcher(route.toString());
      while (steps.find()) {
        Set<String> known = operations.get(steps.group(1));
        if (known == null ? !publishedConnectors.contains(steps.group(1)) : !known.contains(steps.group(2))) {
          throw refused(name, "route '" + id + "' calls connector:" + steps.group(1) + "/" + steps.group(2)
              + ", which the set does not have");
        }
      }
    }
  }

  private static HubProblemException refused(String name, String why) {
    return new HubProblemException(ProblemType.INVALID_REQUEST, ProblemText.of("service-files.file", name, why));
  }
}

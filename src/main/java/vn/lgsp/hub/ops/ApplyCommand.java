package vn.lgsp.hub.ops;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The GitOps path: {@code java -jar lgsp-hub.jar apply-access-rights|apply-services --hub=URL --reason=TEXT
 * [--dry-run] PATH...} sends files to a running hub's admin API as one change, as the operator named by
 * {@code --operator} (default {@code operator}), whose password comes from the environment variable
 * {@code LGSP_HUB_OPERATOR_SECRET}, never the command line. {@code apply-access-rights} sends the YAML files
 * with {@code hub.access} (a file, or those of a directory) to {@code /admin/api/access-rights/apply};
 * {@code apply-services} sends the service files of a checkout ({@code connectors/*.yaml}, {@code *.wsdl},
 * {@code routes/*.yaml}) to {@code /admin/api/service-files/apply}, as the whole set. Prints each change, then
 * the new version. Exit status 0: applied (or, with {@code --dry-run}, checked); 1: the hub refused (its
 * problem's detail is printed); 2: the command could not run.
 */
public final class ApplyCommand {

  /** What a command applies: its name, the admin endpoint, the files it sends and how a change reads. */
  public enum Target {
    RIGHTS("apply-access-rights", "/admin/api/access-rights/apply", "access rights",
        "a YAML file with hub.access (as config/access-rights.yaml), or a directory of them"),
    SERVICES("apply-services", "/admin/api/service-files/apply", "service files",
        "a checkout's directory holding connectors/ and routes/ (all their files are sent, as the whole set)");

    private final String command;
    private final String endpoint;
    private final String what;
    private final String path;

    Target(String command, String endpoint, String what, String path) {
      this.command = command;
      this.endpoint = endpoint;
      this.what = what;
      this.path = path;
    }

    public String command() {
      return command;
    }

    /** The target a program argument names, if any. */
    public static Optional<Target> named(String argument) {
      return Stream.of(values()).filter(t -> t.command.equals(argument)).findFirst();
    }

    String usage() {
      return "usage: java -jar lgsp-hub.jar " + command
          + " --hub=URL --reason=TEXT [--operator=NAME] [--dry-run] PATH...\n"
          + "  PATH        " + path + "\n" + """
            --hub       the hub's address, e.g. http://localhost:8080
            --reason    why, recorded with the new version and in the exchange-log chain
            --operator  the operator to sign in as (default operator); the password comes from the
                        environment variable LGSP_HUB_OPERATOR_SECRET
            --dry-run   show what would change, change nothing
          """;
    }

    Map<String, String> files(List<Path> paths) throws IOException {
      return this == RIGHTS ? rightsFiles(paths) : serviceFiles(paths);
    }

    String describe(JsonNode change) {
      return this == RIGHTS
          ? change.get("change").asString() + " " + change.get("client").asString() + " "
              + change.path("service").asString("(client settings)")
          : change.get("change").asString() + " " + change.get("file").asString();
    }
  }

  static final String SECRET_VARIABLE = "LGSP_HUB_OPERATOR_SECRET";

  private ApplyCommand() {}

  public static int run(Target target, String[] args, Map<String, String> environment, PrintStream out,
      PrintStream err) {
    String hub = null;
    String reason = null;
    String operator = "operator";
    boolean dryRun = false;
    List<Path> paths = new ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith("--hub=")) {
        hub = arg.substring("--hub=".length());
      } else if (arg.startsWith("--reason=")) {
        reason = arg.substring("--reason=".length());
      } else if (arg.startsWith("--operator=")) {
        operator = arg.substring("--operator=".length());
      } else if (arg.equals("--dry-run")) {
        dryRun = true;
      } else if (arg.startsWith("--")) {
        err.print("unknown option " + arg + "\n" + target.usage());
        return 2;
      } else {
        paths.add(Path.of(arg));
      }
    }
    String secret = environment.get(SECRET_VARIABLE);
    if (hub == null || reason == null || paths.isEmpty() || secret == null || secret.isEmpty()) {
      err.print((secret == null || secret.isEmpty() ? SECRET_VARIABLE + " is not set\n" : "") + target.usage());
      return 2;
    }
    JsonMapper json = JsonMapper.builder().build();
    ObjectNode body = json.createObjectNode();
    body.put("reason", reason);
    body.put("dryRun", dryRun);
    ObjectNode files = body.putObject("files");
    try {
      target.files(paths).forEach(files::put);
      HttpResponse<String> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(
          HttpRequest.newBuilder(URI.create(hub.replaceAll("/$", "") + target.endpoint))
              .timeout(Duration.ofSeconds(60))
              .header("Content-Type", "application/json")
              .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                  (operator + ":" + secret).getBytes(StandardCharsets.UTF_8)))
              .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode result = json.readTree(answer.body());
      if (answer.statusCode() != 200) {
        err.println("refused: " + answer.statusCode() + " " + result.path("type").asString() + ": "
            + result.path("detail").asString(result.path("title").asString()));
        return 1;
      }
      for (JsonNode entry : result.get("diff")) {
        out.println(target.describe(entry));
      }
      JsonNode version = result.get("version");
      out.println(dryRun ? "dry run: nothing changed (" + result.get("diff").size() + " changes)"
          : version.isNull() ? "nothing to change" : target.what + " version " + version.get("version").asLong());
      return 0;
    } catch (IOException | IllegalArgumentException | JacksonException e) {
      err.println("cannot apply: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 2;
    }
  }

  /**
   * Each file's name and text: a file named, or every {@code *.yaml} of a directory that holds rights (config/
   * holds the hub's other settings too, which need not travel).
   */
  private static Map<String, String> rightsFiles(List<Path> paths) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        List<Path> listed;
        try (Stream<Path> entries = Files.list(path)) {
          listed = entries.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : listed) {
          String text = Files.readString(file, StandardCharsets.UTF_8);
          if (text.contains("access:")) {
            files.put(file.getFileName().toString(), text);
          }
        }
      } else {
        files.put(path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8));
      }
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no YAML file with hub.access in " + paths);
    }
    return files;
  }

  /** The service files of each checkout directory, by their paths in it: connectors/*.yaml|wsdl, routes/*.yaml. */
  private static Map<String, String> serviceFiles(List<Path> paths) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    for (Path root : paths) {
      for (String directory : List.of("connectors", "routes")) {
        Path listed = root.resolve(directory);
        if (!Files.isDirectory(listed)) {
          throw new IllegalArgumentException("no directory " + listed);
        }
        try (Stream<Path> entries = Files.list(listed)) {
          for (Path file : entries.sorted().toList()) {
            String name = file.getFileName().toString();
            if (name.endsWith(".yaml") || (directory.equals("connectors") && name.endsWith(".wsdl"))) {
              files.put(directory + "/" + name, Files.readString(file, StandardCharsets.UTF_8));
            }
          }
        }
      }
    }
    return files;
  }
}

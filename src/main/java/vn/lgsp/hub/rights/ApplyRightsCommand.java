package vn.lgsp.hub.rights;

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
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code java -jar lgsp-hub.jar apply-access-rights --hub=URL --reason=TEXT [--dry-run] PATH...}: the
 * GitOps path for the rights. Sends the YAML files (a file, or every {@code *.yaml} of a directory) to a
 * running hub's {@code POST /admin/api/access-rights/apply} as one change, as the operator named by
 * {@code --operator} (default {@code operator}), whose password comes from the environment variable
 * {@code LGSP_HUB_OPERATOR_SECRET}, never the command line. Prints each right added, removed or changed,
 * then the new version. Exit status 0: applied (or, with {@code --dry-run}, checked); 1: the hub refused
 * (its problem's detail is printed); 2: the command could not run.
 */
public final class ApplyRightsCommand {

  public static final String NAME = "apply-access-rights";
  static final String SECRET_VARIABLE = "LGSP_HUB_OPERATOR_SECRET";

  static final String USAGE = """
      usage: java -jar lgsp-hub.jar apply-access-rights --hub=URL --reason=TEXT [--operator=NAME] [--dry-run] PATH...
        PATH        a YAML file with hub.access (as config/access-rights.yaml), or a directory of them
        --hub       the hub's address, e.g. http://localhost:8080
        --reason    why, recorded with the new version and in the exchange-log chain
        --operator  the operator to sign in as (default operator); the password comes from the
                    environment variable LGSP_HUB_OPERATOR_SECRET
        --dry-run   show what would change, change nothing
      """;

  private ApplyRightsCommand() {}

  public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
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
        err.print("unknown option " + arg + "\n" + USAGE);
        return 2;
      } else {
        paths.add(Path.of(arg));
      }
    }
    String secret = environment.get(SECRET_VARIABLE);
    if (hub == null || reason == null || paths.isEmpty() || secret == null || secret.isEmpty()) {
      err.print((secret == null || secret.isEmpty() ? SECRET_VARIABLE + " is not set\n" : "") + USAGE);
      return 2;
    }
    JsonMapper json = JsonMapper.builder().build();
    ObjectNode body = json.createObjectNode();
    body.put("reason", reason);
    body.put("dryRun", dryRun);
    ObjectNode files = body.putObject("files");
    try {
      yamlFiles(paths).forEach(files::put);
      HttpResponse<String> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(
          HttpRequest.newBuilder(URI.create(hub.replaceAll("/$", "") + "/admin/api/access-rights/apply"))
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
        out.println(entry.get("change").asString() + " " + entry.get("client").asString() + " "
            + entry.path("service").asString("(client settings)"));
      }
      JsonNode version = result.get("version");
      out.println(dryRun ? "dry run: nothing changed (" + result.get("diff").size() + " changes)"
          : version.isNull() ? "nothing to change" : "access rights version " + version.get("version").asLong());
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
  private static Map<String, String> yamlFiles(List<Path> paths) throws IOException {
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
}

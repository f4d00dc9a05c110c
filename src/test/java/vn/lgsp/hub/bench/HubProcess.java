package vn.lgsp.hub.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hub as it ships ({@code target/lgsp-hub.jar}, embedded default, sandbox registers, real
 * exchange log), in a working folder of its own holding a copy of {@code config/}, {@code routes/}
 * and {@code connectors/} plus one more register: the benchmark's stub, published like any other.
 */
final class HubProcess implements AutoCloseable {

  static final String SERVICE = "VN/GOV/BENCH/ECHO/record";
  /** The population register's lookup, published once more with the stub's SOAP servlet as its backend. */
  static final String SOAP_SERVICE = "VN/GOV/BENCH/SOAPECHO/citizen-info";
  private static final Pattern LISTENING = Pattern.compile("Tomcat started on ports? (\\d+)");

  private final Process process;
  private final Path folder;
  private final Path log;
  final int port;
  /** From the process's start to its first ready answer (on a fresh folder, the database is created too). */
  final double secondsToReady;

  /**
   * Starts the hub in {@code folder}: a fresh one (its data directory emptied, the configuration copied) or, with
   * {@code fresh} false, the folder of an earlier run as it was left (a restart: database and broker journal exist).
   */
  HubProcess(Path repository, Path folder, int stubPort, List<String> jvmOptions, boolean fresh) throws Exception {
    this.folder = folder;
    if (fresh) {
      prepare(repository, folder);
    }
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", repository.resolve("target/lgsp-hub.jar").toString(), "--server.port=0",
        "--hub.data-dir=data", "--hub.endpoints.bench-stub=http://127.0.0.1:" + stubPort));
    long started = System.nanoTime();
    process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
        .redirectOutput(folder.resolve(fresh ? "hub.log" : "hub-restart.log").toFile()).start();
    this.log = folder.resolve(fresh ? "hub.log" : "hub-restart.log");
    port = awaitPort();
    secondsToReady = (System.nanoTime() - started) / 1e9;
  }

  private static void prepare(Path repository, Path folder) throws IOException {
    if (Files.exists(folder)) {
      try (Stream<Path> old = Files.walk(folder)) {
        old.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
    for (String dir : List.of("config", "routes", "connectors")) {
      copy(repository.resolve(dir), folder.resolve(dir));
    }
    Files.writeString(folder.resolve("connectors/bench-stub.yaml"), """
        # the benchmark's stub register: answers ~1 KiB of JSON at once
        id: bench-stub
        provider: VN/GOV/BENCH/ECHO
        protocol: rest
        rest:
          baseUrl: ${hub.endpoints.bench-stub}
        timeouts: {connect: 1s, read: 5s}
        circuitBreaker:
          failureRateThreshold: 90
          slidingWindowSize: 100
          minimumNumberOfCalls: 100
          waitInOpenState: 5s
          permittedCallsInHalfOpenState: 10
        bulkhead: {maxConcurrentCalls: 256, maxWait: 1s}
        operations:
          record:
            title: {vi: Bản ghi đo tải, en: Benchmark record}
            description: {vi: Bản ghi của máy chủ giả lập dùng để đo tải., en: A record of the benchmark's stub backend.}
            idempotent: true
            method: GET
            path: /bench/v1/records/{personalId}
            input: {personalId: personal-id}
            response: {}
        """);
    Files.writeString(folder.resolve("routes/bench-record.yaml"), """
        - route:
            id: bench-record
            routeConfigurationId: xroad-service
            from:
              uri: platform-http:/r1/VN/GOV/BENCH/ECHO/record/{personalId}
              parameters:
                httpMethodRestrict: GET
              steps:
                - to: connector:bench-stub/record
        """);
    // the population register's connector as it is (its WSDL, mapping, schema), addressed to the stub instead
    String population = Files.readString(folder.resolve("connectors/population-register.yaml"), StandardCharsets.UTF_8);
    Files.writeString(folder.resolve("connectors/bench-soap-stub.yaml"), population
        .replace("id: population-register", "id: bench-soap-stub")
        .replace("provider: VN/GOV/BCA/DANCU", "provider: VN/GOV/BENCH/SOAPECHO")
        .replace("${hub.endpoints.population-register}", "${hub.endpoints.bench-stub}/soap/population-register"),
        StandardCharsets.UTF_8);
    Files.writeString(folder.resolve("routes/bench-soap-record.yaml"), """
        - route:
            id: bench-soap-record
            routeConfigurationId: xroad-service
            from:
              uri: platform-http:/r1/VN/GOV/BENCH/SOAPECHO/citizen-info/{personalId}
              parameters:
                httpMethodRestrict: GET
              steps:
                - to: connector:bench-soap-stub/GetCitizenInfo
        """);
    Path rights = folder.resolve("config/access-rights.yaml");
    String text = Files.readString(rights, StandardCharsets.UTF_8);
    String hanoi = "      - client: VN/GOV/UBND-HN/MOTCUA\n        services:\n";
    if (!text.contains(hanoi)) {
      throw new IllegalStateException("config/access-rights.yaml has no grants of Hanoi's system to extend");
    }
    Files.writeString(rights, text.replace(hanoi, hanoi + "          - service: " + SERVICE + "\n          - service: " + SOAP_SERVICE
        + "\n"), StandardCharsets.UTF_8);
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private int awaitPort() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the hub stopped while starting; see " + log);
      }
      Matcher m = LISTENING.matcher(Files.readString(log));
      if (m.find()) {
        int p = Integer.parseInt(m.group(1));
        try {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p
              + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            return p;
          }
        } catch (IOException e) {
          // not yet
        }
      }
      process.waitFor(250, TimeUnit.MILLISECONDS);
    }
    throw new IllegalStateException("the hub did not become ready in 180 s");
  }

  long pid() {
    return process.pid();
  }

  /** CPU seconds used so far by the hub's JVM and, separately, by its PostgreSQL processes. */
  double[] cpuSeconds() throws IOException {
    double jvm = Proc.cpuSeconds(process.pid());
    double postgres = 0;
    // pg_ctl detaches the server from the hub: find it by its pid file, then its backends
    Path pidFile = folder.resolve("data/postgres/data/postmaster.pid");
    if (Files.exists(pidFile)) {
      long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
      postgres += Proc.cpuSeconds(postmaster);
      for (ProcessHandle child : ProcessHandle.of(postmaster).map(p -> p.descendants().toList()).orElse(List.of())) {
        postgres += Proc.cpuSeconds(child.pid());
      }
    }
    return new double[] {jvm, postgres};
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}

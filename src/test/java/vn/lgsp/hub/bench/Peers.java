package vn.lgsp.hub.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's peers and its C load generator, from Debian: {@code wrk} (closed loop, so that the generator is
 * not the limit) and nginx as a plain reverse proxy in front of the stub (the floor for one proxy hop). Each is
 * installed with {@code apt-get} when missing (the bench runs as root on its machine; it is not part of CI); a peer
 * that cannot be had is left out of the run, and said so.
 */
final class Peers {

  private Peers() {}

  /** The program {@code name} on the PATH, installing Debian's {@code pkg} when missing; null when it cannot be had. */
  static Path tool(String name, String pkg) {
    Path found = which(name);
    if (found != null) {
      return found;
    }
    try {
      Process install = new ProcessBuilder("apt-get", "install", "-y", "-q", pkg).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      install.getOutputStream().close();
      if (install.waitFor(5, TimeUnit.MINUTES) && install.exitValue() == 0) {
        return which(name);
      }
    } catch (IOException e) {
      // no apt-get here
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.out.println("peer left out: " + name + " is not installed and apt-get could not install " + pkg);
    return null;
  }

  private static Path which(String name) {
    for (String dir : (System.getenv("PATH") + ":/usr/sbin:/sbin").split(":")) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** What {@code wrk --latency} measured. */
  record WrkResult(long requests, double seconds, long errors, double p50Ms, double p90Ms, double p99Ms) {
    double throughput() {
      return requests / seconds;
    }
  }

  private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m)");
  private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|90|99)(?:\\.000)?%\\s+([\\d.]+)(us|ms|s)\\s*$",
      Pattern.MULTILINE);
  private static final Pattern ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

  /** A closed-loop run of {@code wrk}: two threads, {@code connections} keep-alive connections. */
  static WrkResult wrk(Path wrk, String url, int connections, Duration duration, Map<String, String> headers)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(wrk.toString(), "-t2", "-c" + connections,
        "-d" + duration.toSeconds() + "s", "--latency", "--timeout", "10s"));
    headers.forEach((name, value) -> command.addAll(List.of("-H", name + ": " + value)));
    command.add(url);
    Process run = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    run.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS);
    Matcher total = TOTAL.matcher(out);
    if (!total.find()) {
      throw new IllegalStateException("wrk printed no total:\n" + out);
    }
    double seconds = Double.parseDouble(total.group(2)) * switch (total.group(3)) {
      case "us" -> 1e-6;
      case "ms" -> 1e-3;
      case "m" -> 60;
      default -> 1;
    };
    double[] percentiles = new double[3];
    Matcher p = PERCENTILE.matcher(out);
    while (p.find()) {
      double ms = Double.parseDouble(p.group(2)) * switch (p.group(3)) {
        case "us" -> 1e-3;
        case "s" -> 1e3;
        default -> 1;
      };
      int index = switch (p.group(1)) {
        case "50" -> 0;
        case "90" -> 1;
        default -> 2;
      };
      percentiles[index] = ms;
    }
    long errors = 0;
    Matcher e = ERRORS.matcher(out);
    if (e.find()) {
      for (int i = 1; i <= 4; i++) {
        errors += Long.parseLong(e.group(i));
      }
    }
    Matcher non2xx = NON_2XX.matcher(out);
    if (non2xx.find()) {
      errors += Long.parseLong(non2xx.group(1));
    }
    return new WrkResult(Long.parseLong(total.group(1)), seconds, errors, percentiles[0], percentiles[1], percentiles[2]);
  }

  /**
   * Spring Cloud Gateway (bench/gateway: WebFlux, Spring Security's resource server) validating the hub's JWTs with
   * the hub's published keys and routing to the stub; built with the Maven wrapper when its jar is missing. Null
   * when it cannot be built or started (said so).
   */
  static Gateway gateway(Path repository, Path folder, int port, int upstreamPort, int hubPort, String issuer)
      throws IOException, InterruptedException {
    Path jar = repository.resolve("bench/gateway/target/bench-gateway.jar");
    if (!Files.exists(jar)) {
      Process build = new ProcessBuilder(repository.resolve("mvnw").toString(), "-B", "-q", "-f",
          repository.resolve("bench/gateway/pom.xml").toString(), "package", "-DskipTests")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!build.waitFor(10, TimeUnit.MINUTES) || build.exitValue() != 0 || !Files.exists(jar)) {
        System.out.println("peer left out: Spring Cloud Gateway (bench/gateway) could not be built");
        return null;
      }
    }
    Files.createDirectories(folder);
    Process gateway = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-jar", jar.toString(), "--server.port=" + port, "--bench.upstream=http://127.0.0.1:" + upstreamPort,
        "--bench.jwks=http://127.0.0.1:" + hubPort + "/oauth2/jwks", "--bench.issuer=" + issuer,
        "--bench.audience=lgsp-hub").redirectErrorStream(true).redirectOutput(folder.resolve("gateway.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!NginxProxy.listening(port)) {
      if (!gateway.isAlive() || System.nanoTime() > deadline) {
        gateway.destroyForcibly();
        System.out.println("peer left out: Spring Cloud Gateway did not start; see " + folder.resolve("gateway.log"));
        return null;
      }
      gateway.waitFor(200, TimeUnit.MILLISECONDS);
    }
    return new Gateway(gateway, port);
  }

  /** The running gateway and its port. */
  record Gateway(Process process, int port) implements AutoCloseable {
    @Override
    public void close() throws InterruptedException {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** nginx as a plain reverse proxy to one upstream, with keep-alive both ways and no access log. */
  static final class NginxProxy implements AutoCloseable {
    final int port;
    private final Process process;

    NginxProxy(Path nginx, Path folder, int port, int upstreamPort) throws IOException, InterruptedException {
      this.port = port;
      Files.createDirectories(folder.resolve("logs"));
      Files.writeString(folder.resolve("nginx.conf"), String.format(Locale.ROOT, """
          worker_processes 1;
          pid %1$s/nginx.pid;
          error_log %1$s/logs/error.log warn;
          events { worker_connections 4096; }
          http {
            access_log off;
            client_body_temp_path %1$s/body;
            proxy_temp_path %1$s/proxy;
            fastcgi_temp_path %1$s/fastcgi;
            uwsgi_temp_path %1$s/uwsgi;
            scgi_temp_path %1$s/scgi;
            upstream stub { server 127.0.0.1:%3$d; keepalive 128; }
            server {
              listen 127.0.0.1:%2$d;
              keepalive_requests 1000000;
              location / {
                proxy_pass http://stub;
                proxy_http_version 1.1;
                proxy_set_header Connection "";
              }
            }
          }
          """, folder.toAbsolutePath(), port, upstreamPort));
      process = new ProcessBuilder(nginx.toString(), "-p", folder.toAbsolutePath().toString(), "-c",
          folder.resolve("nginx.conf").toAbsolutePath().toString(), "-g", "daemon off;")
          .redirectErrorStream(true).redirectOutput(folder.resolve("logs/nginx.out").toFile()).start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!listening(port)) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("nginx did not start; see " + folder.resolve("logs"));
        }
        process.waitFor(100, TimeUnit.MILLISECONDS);
      }
    }

    static boolean listening(int port) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    long pid() {
      return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}

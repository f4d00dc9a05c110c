package vn.lgsp.hub.sandbox;

import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import vn.lgsp.hub.ops.AdminAction;

/**
 * Sandbox only: operators stop and start the synthetic registers ({@code population-register},
 * {@code tax-register}, {@code social-insurance}, {@code vcb-accounts}) to see a backend go away and
 * come back in health, metrics and the console, without touching real systems.
 */
@RestController
@RequestMapping("/admin/api/sandbox/backends")
@ConditionalOnProperty(name = "hub.sandbox.enabled", havingValue = "true")
public class SandboxBackendsController {

  /** By bean name: each backend bean is named after the connector it stands in for (SandboxConfiguration). */
  private final Map<String, SandboxBackend> backends;

  public SandboxBackendsController(Map<String, SandboxBackend> backends) {
    this.backends = backends;
  }

  @GetMapping
  public List<Map<String, Object>> list() {
    return backends.entrySet().stream()
        .map(e -> Map.<String, Object>of("name", e.getKey(), "running", e.getValue().isRunning(), "port", e.getValue().port()))
        .toList();
  }

  @AdminAction("sandbox.backend-stop")
  @PostMapping("/{name}/stop")
  public Map<String, Object> stop(@PathVariable String name) {
    backend(name).stop();
    return Map.of("name", name, "running", false);
  }

  @AdminAction("sandbox.backend-start")
  @PostMapping("/{name}/start")
  public Map<String, Object> start(@PathVariable String name) {
    backend(name).start();
    return Map.of("name", name, "running", true);
  }

  private SandboxBackend backend(String name) {
    SandboxBackend backend = backends.get(name);
    if (backend == null) {
      throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
    }
    return backend;
  }
}

package vn.lgsp.hub.ops;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;
import vn.lgsp.hub.directory.Directory;

/** Operators see every client of the hub, covert ones included, in the format of {@code /listClients}. */
@RestController
@RequestMapping("/admin/api")
public class AdminClientsController {

  private final Directory directory;

  public AdminClientsController(Directory directory) {
    this.directory = directory;
  }

  @GetMapping("/clients")
  public ObjectNode clients(@RequestParam(required = false) String instanceId) {
    return directory.listClients(instanceId, true);
  }
}

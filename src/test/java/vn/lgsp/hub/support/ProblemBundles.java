package vn.lgsp.hub.support;

import tools.jackson.databind.json.JsonMapper;
import vn.lgsp.hub.edge.HubMessages;
import vn.lgsp.hub.edge.ProblemWriter;

/** The edge's problem writer as the application builds it, for tests without a Spring context. */
public final class ProblemBundles {

  private ProblemBundles() {}

  public static ProblemWriter writer() {
    return new ProblemWriter(HubMessages.bundles(), JsonMapper.builder().build());
  }
}

package vn.lgsp.hub.audit.pipeline;

import java.util.OptionalLong;

/** How many messages wait in a broker queue; empty when the broker cannot tell (not embedded). */
public interface QueueDepth {

  OptionalLong of(String queue);
}

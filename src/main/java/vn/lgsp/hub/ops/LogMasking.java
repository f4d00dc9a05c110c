package vn.lgsp.hub.ops;

import java.util.Set;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import vn.lgsp.hub.audit.record.SubjectHasher;

/**
 * Structured (JSON) logs get the same defence in depth as the text pattern: in the message and the
 * stack trace, every digit run that could be a personal ID, tax or insurance code is masked. Ids of
 * the log context (X-Road-Id, trace id) stay as they are: they are what operators search for.
 */
public class LogMasking implements StructuredLoggingJsonMembersCustomizer<Object> {

  private static final Set<String> FREE_TEXT = Set.of("message", "stack_trace", "full_message", "short_message");

  @Override
  public void customize(JsonWriter.Members<Object> members) {
    members.applyingValueProcessor(JsonWriter.ValueProcessor.<String>of(String.class, SubjectHasher::maskForLog)
        // an array element's path has no name (Boot 4's ECS format writes arrays, e.g. tags)
        .whenHasPath(path -> path.name() != null && FREE_TEXT.contains(path.name())));
  }
}

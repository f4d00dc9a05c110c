package vn.lgsp.hub.audit.chain;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of the exchange log's JSON-lines files: the export and archive files
 * ({@link vn.lgsp.hub.audit.files.ExportFile}) and the seal witness ({@link WitnessLog}), which write
 * seals alike. Here, below both, so that the chain's witness does not reach up into the files.
 */
public final class JsonLines {

  // java.time values are ISO 8601 text by default in Jackson 3
  public static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .changeDefaultPropertyInclusion(incl -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
      .build();

  private JsonLines() {}
}

package vn.lgsp.hub.rights;

import jakarta.validation.Validator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.IgnoreTopLevelConverterNotFoundBindHandler;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.stereotype.Component;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.access.AccessProperties;
import vn.lgsp.hub.access.AccessProperties.ClientGrants;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;

/**
 * Reads configuration files sent to the admin API exactly as the hub reads them at start: YAML bound to
 * {@code hub.access} by Spring Boot's binder, with the same validation. A file that does not parse or
 * bind is refused with its name, and nothing of any file is applied.
 */
@Component
public class ConfigurationFiles {

  private static final int MAX_FILES = 50;

  private final SpringValidatorAdapter validator;

  public ConfigurationFiles(Validator validator) {
    this.validator = new SpringValidatorAdapter(validator);
  }

  /** The rights of all files, in their order: {@code {"access-rights.yaml": "<text>", ...}}. */
  public List<ClientGrants> rights(JsonNode files) {
    if (files == null || !files.isObject() || files.isEmpty() || files.size() > MAX_FILES) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, ProblemText.of("rights.field", "files"));
    }
    List<ClientGrants> rights = new ArrayList<>();
    for (Map.Entry<String, JsonNode> file : files.properties()) {
      String name = file.getKey();
      if (!name.matches("[A-Za-z0-9._-]{1,100}\\.ya?ml") || !file.getValue().isString()) {
        throw refused(name);
      }
      rights.addAll(bind(name, file.getValue().asString()).grants());
    }
    return rights;
  }

  private AccessProperties bind(String name, String text) {
    try {
      List<PropertySource<?>> sources = new YamlPropertySourceLoader().load(name,
          new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8)));
      Binder binder = new Binder(ConfigurationPropertySources.from(sources));
      return binder.bind("hub.access", Bindable.of(AccessProperties.class),
              new ValidationBindHandler(new IgnoreTopLevelConverterNotFoundBindHandler(), validator))
          .orElseGet(() -> new AccessProperties(List.of(), List.of(), Map.of()));
    } catch (IOException | RuntimeException e) {
      // a YAML syntax error, a value of the wrong type, a validation failure: the file is named, its text not echoed
      throw refused(name);
    }
  }

  private static HubProblemException refused(String name) {
    return new HubProblemException(ProblemType.INVALID_REQUEST, ProblemText.of("rights.file", name));
  }
}

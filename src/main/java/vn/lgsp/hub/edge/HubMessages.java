package vn.lgsp.hub.edge;

import java.nio.charset.StandardCharsets;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The hub's words for people, one bundle per language ({@code i18n/problems_vi.properties},
 * {@code _en}): declared here because Boot's own message source only starts when a base bundle
 * without a language exists, and the hub has none on purpose (every key in every language,
 * checked by {@code ProblemBundlesTest}).
 */
@Configuration(proxyBeanMethods = false)
public class HubMessages {

  @Bean
  static MessageSource messageSource() {
    return bundles();
  }

  public static ResourceBundleMessageSource bundles() {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("i18n/problems");
    messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
    messages.setFallbackToSystemLocale(false);
    // every message is a MessageFormat pattern, with or without arguments: one quoting rule ('')
    messages.setAlwaysUseMessageFormat(true);
    return messages;
  }
}

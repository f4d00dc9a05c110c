package vn.lgsp.hub.ops;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Admin actions are recorded for every admin endpoint, once, here. */
@Configuration(proxyBeanMethods = false)
public class OpsWebConfiguration implements WebMvcConfigurer {

  private final AdminActionRecorder recorder;

  public OpsWebConfiguration(AdminActionRecorder recorder) {
    this.recorder = recorder;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(recorder).addPathPatterns("/admin/api/**");
  }
}

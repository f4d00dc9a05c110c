package vn.lgsp.hub.ops;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Admin actions are recorded for every admin endpoint, once, here; the console page is mapped. */
@Configuration(proxyBeanMethods = false)
public class OpsWebConfiguration implements WebMvcConfigurer {

  private final AdminActionRecorder recorder;

  public OpsWebConfiguration(AdminActionRecorder recorder) {
    this.recorder = recorder;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(recorder).addPathPatterns("/admin/api/**", "/api/v1/**");
  }

  /** The console is a static page under /console/; its address is the folder. */
  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/console", "/console/");
    registry.addViewController("/console/").setViewName("forward:/console/index.html");
  }
}

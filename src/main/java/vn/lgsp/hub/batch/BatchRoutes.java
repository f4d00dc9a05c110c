package vn.lgsp.hub.batch;

import java.util.Set;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.catalog.AcceptedQueryParameters;
import vn.lgsp.hub.catalog.RouteConventions;
import vn.lgsp.hub.catalog.ServiceTexts;
import vn.lgsp.hub.protocol.Bilingual;

/**
 * Batch lookups: a consumer hands over many inputs for one service and collects one result per
 * input. The API's calls run through the engine like the directory's (authenticated, logged, open to
 * every client for its own jobs); each item then runs as an ordinary exchange of the service
 * ({@link BatchWorker}).
 */
@Component
public class BatchRoutes extends RouteBuilder {

  /** The batch API as a service of the hub, the service id of its calls' records. */
  public static final String BATCH_JOBS = "VN/GOV/LGSP/HUB/batch-jobs";

  private static final String JOBS = "platform-http:/batch/v1/jobs";
  private static final String JOB = JOBS + "/{" + BatchApi.JOB_ID + "}";

  @Bean
  static AcceptedQueryParameters batchSubmitQuery() {
    return new AcceptedQueryParameters("batch-job-submit", Set.of(BatchApi.SERVICE));
  }

  @Bean
  static AcceptedQueryParameters batchResultsQuery() {
    return new AcceptedQueryParameters("batch-job-results", Set.of(BatchApi.FORMAT));
  }

  @Bean
  static ServiceTexts batchSubmitTexts() {
    return new ServiceTexts("batch-job-submit", new Bilingual("Gửi yêu cầu tra cứu theo lô", "Submit a batch lookup"),
        new Bilingual("Gửi tới 100.000 đầu vào (JSON lines hoặc CSV) cho một dịch vụ; mỗi đầu vào được tra cứu như một"
            + " lời gọi riêng, theo quyền, mục đích và hạn mức của bên gọi.",
            "Hands over up to 100,000 inputs (JSON lines or CSV) for one service; each input is looked up as a call of"
                + " its own, under the caller's rights, purpose and limits."));
  }

  @Bean
  static ServiceTexts batchListTexts() {
    return new ServiceTexts("batch-jobs", new Bilingual("Các lô tra cứu của bên gọi", "The caller's batch lookups"),
        new Bilingual("Các lô tra cứu bên gọi đã gửi, mới nhất trước, với tiến độ.",
            "The batch lookups the caller submitted, newest first, with their progress."));
  }

  @Bean
  static ServiceTexts batchStatusTexts() {
    return new ServiceTexts("batch-job-status", new Bilingual("Tiến độ một lô tra cứu", "A batch lookup's progress"),
        new Bilingual("Trạng thái, số đầu vào đã xong, lỗi, còn lại và thời gian ước tính.",
            "Its state, the inputs done, failed and remaining, and the estimated time left."));
  }

  @Bean
  static ServiceTexts batchCancelTexts() {
    return new ServiceTexts("batch-job-cancel", new Bilingual("Hủy một lô tra cứu", "Cancel a batch lookup"),
        new Bilingual("Các đầu vào chưa tra cứu sẽ không được tra cứu; kết quả đã có vẫn giữ.",
            "The inputs not yet looked up are not looked up; the results so far are kept."));
  }

  @Bean
  static ServiceTexts batchResultsTexts() {
    return new ServiceTexts("batch-job-results", new Bilingual("Kết quả một lô tra cứu", "A batch lookup's results"),
        new Bilingual("Một dòng cho mỗi đầu vào (JSON lines hoặc CSV): trạng thái, mã giao dịch và kết quả hoặc lỗi.",
            "One line per input (JSON lines or CSV): its status, its exchange's id, and the answer or the problem."));
  }

  @Override
  public void configure() {
    metaservice(from(JOBS + "?httpMethodRestrict=POST").routeId("batch-job-submit")).bean(BatchApi.class, "submit");
    metaservice(from(JOBS + "?httpMethodRestrict=GET").routeId("batch-jobs")).bean(BatchApi.class, "list");
    metaservice(from(JOB + "?httpMethodRestrict=GET").routeId("batch-job-status")).bean(BatchApi.class, "status");
    metaservice(from(JOB + "?httpMethodRestrict=DELETE").routeId("batch-job-cancel")).bean(BatchApi.class, "cancel");
    metaservice(from(JOB + "/results?httpMethodRestrict=GET").routeId("batch-job-results"))
        .bean(BatchApi.class, "results");
  }

  private static org.apache.camel.model.RouteDefinition metaservice(org.apache.camel.model.RouteDefinition route) {
    return route.routeConfigurationId(RouteConventions.METASERVICE_CONFIGURATION)
        .routeProperty(RouteConventions.SERVICE_PROPERTY, BATCH_JOBS);
  }
}

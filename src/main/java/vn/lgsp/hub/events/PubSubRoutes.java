package vn.lgsp.hub.events;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.catalog.RouteConventions;
import vn.lgsp.hub.catalog.ServiceTexts;
import vn.lgsp.hub.protocol.Bilingual;

/**
 * The GovStack IM Pub/Sub API (shared/specs/govstack-im/GovStack_IM_PubSub_API.yaml) below the room's
 * path {@code /r1/{instanceId}/{memberClass}/{memberCode}/{applicationCode}}: event types, publishing,
 * subscriptions, pull. Each call runs through the engine like the directory's; what a call may do is
 * the room's and the rights' question ({@link PubSubApi}).
 */
@Component
public class PubSubRoutes extends RouteBuilder {

  private static final String ROOM = "platform-http:/r1/{instanceId}/{memberClass}/{memberCode}/{applicationCode}";
  private static final String TYPES = ROOM + "/api/v1/eventType";
  private static final String TYPE = TYPES + "/{eventType}";
  private static final String PUBLISH = ROOM + "/pub/v1/{eventType}";
  private static final String EVENT = PUBLISH + "/{eventId}";
  private static final String SUBSCRIPTIONS = ROOM + "/api/v1/subs";
  private static final String SUBSCRIPTION = SUBSCRIPTIONS + "/{eventType}";
  private static final String PULL = ROOM + "/pull/v1/{eventType}";
  private static final String CONFIRM = PULL + "/{eventId}";

  private static final Bilingual ABOUT = new Bilingual(
      "Sự kiện của cơ sở dữ liệu (GovStack IM Pub/Sub): cơ quan chủ quản công bố thay đổi, hệ thống được cấp quyền"
          + " nhận theo cơ chế đẩy hoặc kéo, chỉ các trường được phép.",
      "Register events (GovStack IM Pub/Sub): the owning agency publishes changes, systems with a right receive them"
          + " by push or pull, only the fields they may see.");

  @Override
  public void configure() {
    route("pubsub-create-event-type", TYPES, "POST", "createEventType");
    route("pubsub-event-types", TYPES, "GET", "eventTypes");
    route("pubsub-event-type", TYPE, "GET", "eventType");
    route("pubsub-delete-event-type", TYPE, "DELETE", "deleteEventType");
    route("pubsub-publish", PUBLISH, "POST", "publish");
    route("pubsub-event-status", EVENT, "GET", "eventStatus");
    route("pubsub-delete-event", EVENT, "DELETE", "deleteEvent");
    route("pubsub-subscriptions", SUBSCRIPTIONS, "GET", "subscriptions");
    route("pubsub-subscribe", SUBSCRIPTION, "POST", "subscribe");
    route("pubsub-subscription", SUBSCRIPTION, "GET", "subscription");
    route("pubsub-update-subscription", SUBSCRIPTION, "PATCH", "updateSubscription");
    route("pubsub-unsubscribe", SUBSCRIPTION, "DELETE", "unsubscribe");
    route("pubsub-pull", PULL, "GET", "pull");
    route("pubsub-confirm", CONFIRM, "DELETE", "confirm");
  }

  private void route(String id, String path, String method, String step) {
    from(path + "?httpMethodRestrict=" + method).routeId(id)
        .routeConfigurationId(RouteConventions.METASERVICE_CONFIGURATION)
        .bean(PubSubApi.class, step);
  }

  private static ServiceTexts texts(String routeId, String vi, String en) {
    return new ServiceTexts(routeId, new Bilingual(vi, en), ABOUT);
  }

  @Bean
  static ServiceTexts pubsubCreateEventTypeTexts() {
    return texts("pubsub-create-event-type", "Tạo loại sự kiện", "Create an event type");
  }

  @Bean
  static ServiceTexts pubsubEventTypesTexts() {
    return texts("pubsub-event-types", "Danh sách loại sự kiện", "List event types");
  }

  @Bean
  static ServiceTexts pubsubEventTypeTexts() {
    return texts("pubsub-event-type", "Chi tiết loại sự kiện", "An event type and its schema");
  }

  @Bean
  static ServiceTexts pubsubDeleteEventTypeTexts() {
    return texts("pubsub-delete-event-type", "Xóa loại sự kiện", "Delete an event type");
  }

  @Bean
  static ServiceTexts pubsubPublishTexts() {
    return texts("pubsub-publish", "Công bố sự kiện", "Publish an event");
  }

  @Bean
  static ServiceTexts pubsubEventStatusTexts() {
    return texts("pubsub-event-status", "Trạng thái sự kiện đã công bố", "A published event's status");
  }

  @Bean
  static ServiceTexts pubsubDeleteEventTexts() {
    return texts("pubsub-delete-event", "Dừng chuyển sự kiện", "Stop an event's deliveries");
  }

  @Bean
  static ServiceTexts pubsubSubscriptionsTexts() {
    return texts("pubsub-subscriptions", "Các đăng ký của bên gọi", "The caller's subscriptions");
  }

  @Bean
  static ServiceTexts pubsubSubscribeTexts() {
    return texts("pubsub-subscribe", "Đăng ký nhận sự kiện", "Subscribe to an event type");
  }

  @Bean
  static ServiceTexts pubsubSubscriptionTexts() {
    return texts("pubsub-subscription", "Chi tiết đăng ký", "A subscription and its delivery health");
  }

  @Bean
  static ServiceTexts pubsubUpdateSubscriptionTexts() {
    return texts("pubsub-update-subscription", "Sửa đăng ký, nhận lại sự kiện", "Change a subscription, replay events");
  }

  @Bean
  static ServiceTexts pubsubUnsubscribeTexts() {
    return texts("pubsub-unsubscribe", "Hủy đăng ký", "Cancel a subscription");
  }

  @Bean
  static ServiceTexts pubsubPullTexts() {
    return texts("pubsub-pull", "Lấy sự kiện kế tiếp", "Pull the next event");
  }

  @Bean
  static ServiceTexts pubsubConfirmTexts() {
    return texts("pubsub-confirm", "Xác nhận đã nhận sự kiện", "Confirm an event");
  }
}

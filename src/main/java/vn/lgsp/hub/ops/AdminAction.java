package vn.lgsp.hub.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an admin endpoint whose every call is an admin action: recorded in the exchange-log chain
 * with the operator, the reason and the outcome ({@link AdminActionRecorder}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface AdminAction {

  /** The action's name in the trail, e.g. {@code exchange-log.export}. */
  String value();
}

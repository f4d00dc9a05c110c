package vn.lgsp.hub.ops;

import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;

/**
 * A health group with one indicator per member, the members read when asked: the routes and
 * connectors of the running hub, {@code /actuator/health/<group>/<name>}.
 */
final class LiveHealthGroup<T> implements CompositeHealthContributor {

  private final Supplier<List<T>> members;
  private final Function<T, String> name;
  private final Function<T, Health> health;

  LiveHealthGroup(Supplier<List<T>> members, Function<T, String> name, Function<T, Health> health) {
    this.members = members;
    this.name = name;
    this.health = health;
  }

  @Override
  public HealthContributor getContributor(String wanted) {
    return members.get().stream().filter(m -> name.apply(m).equals(wanted)).findFirst().map(this::indicator)
        .orElse(null);
  }

  @Override
  public Iterator<NamedContributor<HealthContributor>> iterator() {
    return members.get().stream().map(m -> NamedContributor.of(name.apply(m), indicator(m))).iterator();
  }

  private HealthContributor indicator(T member) {
    return (HealthIndicator) () -> health.apply(member);
  }
}

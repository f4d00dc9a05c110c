package vn.lgsp.hub.ops;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;

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
  public Stream<Entry> stream() {
    return members.get().stream().map(m -> new Entry(name.apply(m), indicator(m)));
  }

  private HealthContributor indicator(T member) {
    return (HealthIndicator) () -> health.apply(member);
  }
}

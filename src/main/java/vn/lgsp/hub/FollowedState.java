package vn.lgsp.hub;

import org.slf4j.Logger;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;

/**
 * State a hub keeps in the database and shares with the other hubs, followed from start to stop: loaded before
 * the hub takes traffic (or, while the database is away, from the last copy in the data directory, so the last
 * known state holds), then re-read every half second ({@link Refresher}).
 */
public abstract class FollowedState implements SmartLifecycle {

  private final String thread;
  private final String what;
  private final Logger log;
  private Refresher refresher;

  /**
   * @param thread the name of the thread that follows
   * @param what what is followed, for the log
   */
  protected FollowedState(String thread, String what, Logger log) {
    this.thread = thread;
    this.what = what;
    this.log = log;
  }

  /** The first load, before the hub takes traffic; by default one round. */
  protected void load() {
    refresh();
  }

  /** One round: reads the database and puts what changed in force. */
  protected abstract void refresh();

  /** Puts the copy in the data directory in force, if there is one that reads. */
  protected abstract void loadCopy();

  @Override
  public void start() {
    try {
      load();
    } catch (DataAccessException e) {
      log.warn("{} not loaded from the database ({}): using the data directory's copy", what,
          e.getClass().getSimpleName());
      loadCopy();
    }
    refresher = Refresher.everyHalfSecond(thread, log, what, this::refresh);
  }

  @Override
  public void stop() {
    if (refresher != null) {
      refresher.close();
      refresher = null;
    }
  }

  @Override
  public boolean isRunning() {
    return refresher != null;
  }
}

package vn.lgsp.hub.sandbox;

/** A sandbox register the operator can stop and start, to watch the hub handle a backend going away. */
public interface SandboxBackend {

  void start();

  void stop();

  boolean isRunning();

  int port();
}

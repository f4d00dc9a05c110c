package vn.lgsp.hub.embedded;

/**
 * On Java 25 Netty stops using {@code sun.misc.Unsafe} by default and frees direct buffers with a cleaner that
 * refuses buffers it did not allocate ("Cannot clean arbitrary ByteBuffer instances"). Artemis's NIO journal
 * frees its own {@code ByteBuffer.allocateDirect} buffers through Netty while it loads a journal, so the
 * embedded broker failed to start on a data directory that held messages (a restart after a crash, the
 * records then stuck in the journal). Until Artemis frees those buffers itself, Netty keeps its Java 17-24
 * behaviour here; an operator's own {@code -Dio.netty.noUnsafe} wins. Costs one JVM warning about
 * {@code sun.misc.Unsafe} on Java 25.
 */
final class NettyOnJava25 {

  static final String PROPERTY = "io.netty.noUnsafe";

  private NettyOnJava25() {}

  /** Before Netty's first use (it reads the property once). */
  static void keepUnsafeCleaner() {
    if (Runtime.version().feature() >= 25 && System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, "false");
    }
  }
}

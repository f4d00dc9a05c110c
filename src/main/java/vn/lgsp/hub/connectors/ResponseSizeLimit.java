package vn.lgsp.hub.connectors;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Bounds a SOAP backend's answer for CXF, first thing on the way in: a Content-Length over the
 * limit is refused before anything is read, and every answer is read through a stream that fails
 * with {@link ResponseTooLargeException} at the first byte past the limit (chunked answers too).
 * CXF itself has no such limit for a client; its XML limits count elements, not bytes.
 */
final class ResponseSizeLimit extends AbstractPhaseInterceptor<Message> {

  private final long limit;

  ResponseSizeLimit(long limit) {
    super(Phase.RECEIVE);
    this.limit = limit;
  }

  @Override
  public void handleMessage(Message message) {
    if (declaredLength(message) > limit) {
      throw new Fault(new ResponseTooLargeException(limit));
    }
    InputStream in = message.getContent(InputStream.class);
    if (in != null && !(in instanceof Bounded)) {
      message.setContent(InputStream.class, new Bounded(in, limit));
    }
  }

  private static long declaredLength(Message message) {
    Object headers = message.get(Message.PROTOCOL_HEADERS);
    if (headers instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> header : map.entrySet()) {
        if ("Content-Length".equalsIgnoreCase(String.valueOf(header.getKey()))
            && header.getValue() instanceof List<?> values && !values.isEmpty()) {
          try {
            return Long.parseLong(String.valueOf(values.get(0)).trim());
          } catch (NumberFormatException e) {
            return -1;
          }
        }
      }
    }
    return -1;
  }

  /** Counts what is read and fails past the limit, so no more than limit + one buffer is read. */
  static final class Bounded extends FilterInputStream {

    private final long limit;
    private long read;

    Bounded(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      // never ask for more than one byte past the limit
      int n = super.read(buffer, offset, (int) Math.min(length, limit + 1 - read));
      if (n > 0) {
        count(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(Math.min(n, limit + 1 - read));
      count(skipped);
      return skipped;
    }

    private void count(long n) throws ResponseTooLargeException {
      read += n;
      if (read > limit) {
        throw new ResponseTooLargeException(limit);
      }
    }
  }
}

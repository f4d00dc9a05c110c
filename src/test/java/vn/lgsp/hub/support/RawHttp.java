package vn.lgsp.hub.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** For tests that talk HTTP over a raw socket (slow, chunked or malformed requests). */
public final class RawHttp {

  private RawHttp() {}

  /** The status code of the answer's status line, or -1 when the connection closed before one came. */
  public static int status(InputStream in) throws IOException {
    byte[] head = new byte[12];
    int read = 0;
    while (read < head.length) {
      int n = in.read(head, read, head.length - read);
      if (n < 0) {
        return -1;
      }
      read += n;
    }
    return Integer.parseInt(new String(head, 9, 3, StandardCharsets.US_ASCII));
  }
}

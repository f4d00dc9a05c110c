package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.support.HubClient.HANOI;

import tools.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import vn.lgsp.hub.support.RawHttp;
import vn.lgsp.hub.support.SandboxHubTest;

/**
 * Every body goes through the edge: a chunked body far past the limit is refused after the limit,
 * not read whole, never logged, and recorded; a 40-character method is refused and its record
 * stored (shortened), not dead-lettered.
 */
@ExtendWith(OutputCaptureExtension.class)
class EveryBodyThroughTheEdgeTest extends SandboxHubTest {

  private static final int CHUNK = 64 * 1024;

  @Test
  void aThirtyMegabyteChunkedBodyIsRefusedAtTheLimitRecordedAndNeverLogged(CapturedOutput output) throws Exception {
    String id = UUID.randomUUID().toString();
    String marker = "BODY-" + UUID.randomUUID();
    byte[] chunk = new byte[CHUNK];
    Arrays.fill(chunk, (byte) 'x');
    byte[] marked = marker.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(marked, 0, chunk, 10, marked.length);
    long sent = 0;
    int status;
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /r1/VN/GOV/BCA/DANCU/citizen-verify HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer "
          + hub.token(HANOI) + "\r\nX-Road-Client: " + HANOI + "\r\nX-Road-Issue: HS-CHUNKED\r\nX-Road-Id: " + id
          + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      try {
        while (sent < 30L * 1024 * 1024) {
          out.write((Integer.toHexString(CHUNK) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(chunk);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          sent += CHUNK;
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      } catch (SocketException e) {
        // the hub answered and closed the connection before the body was through: as it should
      }
      status = RawHttp.status(socket.getInputStream());
    }

    assertThat(status).isEqualTo(413);
    JsonNode record = hub.awaitRecord(id);
    assertThat(record.get("errorType").asString()).isEqualTo("Client.PayloadTooLarge");
    // refused at the limit (1 MiB by default), not after reading the 30 MB
    assertThat(record.get("requestSize").asLong()).isLessThan(4L * 1024 * 1024);
    assertThat(output.getAll()).doesNotContain(marker);
  }

  @Test
  void aFortyCharacterMethodIsRefusedAndItsRecordStored() throws Exception {
    String id = UUID.randomUUID().toString();
    String method = "X".repeat(40);
    int status;
    try (Socket socket = connect()) {
      socket.getOutputStream().write((method + " /r1/VN/GOV/BCA/DANCU/citizen-info/001085000123 HTTP/1.1\r\nHost: hub\r\n"
          + "X-Road-Id: " + id + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      status = RawHttp.status(socket.getInputStream());
    }

    assertThat(status).isBetween(400, 499);
    JsonNode record = hub.awaitRecord(id);
    assertThat(record.get("status").asInt()).isEqualTo(status);
    assertThat(record.get("method").asString()).startsWith("XXXX").hasSizeLessThanOrEqualTo(16);
    assertThat(record.get("shortened").asString()).contains("method=40:");
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(20_000);
    return socket;
  }
}

package vn.lgsp.hub.connectors;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The JDK HTTP client's body handler for one REST call, bounded by the connector's limit: an
 * answer whose Content-Length is over the limit is refused before its body is read, and one without
 * a length (chunked) is cut at the first buffer past the limit. Either way the handler cancels the
 * stream and remembers why ({@link #exceeded()}): the client then reports only "cancelled".
 */
final class BoundedBody implements HttpResponse.BodyHandler<byte[]> {

  private final long limit;
  private volatile boolean exceeded;

  BoundedBody(long limit) {
    this.limit = limit;
  }

  /** Whether the answer was refused for its size. */
  boolean exceeded() {
    return exceeded;
  }

  @Override
  public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
    if (info.headers().firstValueAsLong("Content-Length").orElse(-1) > limit) {
      exceeded = true;
    }
    return new Subscriber();
  }

  private final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {

    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      if (exceeded) {
        refuse();
      } else {
        // one batch of buffers at a time: the client reads no further ahead than it must
        subscription.request(1);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (body.isDone()) {
        return;
      }
      for (ByteBuffer buffer : buffers) {
        if (received.size() + (long) buffer.remaining() > limit) {
          exceeded = true;
          refuse();
          return;
        }
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        received.writeBytes(chunk);
      }
      subscription.request(1);
    }

    private void refuse() {
      body.completeExceptionally(new ResponseTooLargeException(limit));
      subscription.cancel();
    }

    @Override
    public void onError(Throwable failure) {
      body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
      body.complete(received.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }
  }
}

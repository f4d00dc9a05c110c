package vn.lgsp.hub.engine;

import vn.lgsp.hub.protocol.ProblemText;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.function.Function;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemType;

/**
 * Fuzz test of the mapping of whatever went wrong to a problem type: any chain of causes, of any
 * depth and mix, maps to a type (never null, never a leak of the message), and a hub problem
 * anywhere in the chain wins. Corpus under {@code ProblemMappingFuzzTestInputs}.
 */
class ProblemMappingFuzzTest {

  private static final List<Function<Throwable, Throwable>> WRAPPERS = List.of(
      cause -> new IllegalStateException("wrapped", cause),
      cause -> new IOException("io", cause),
      cause -> new RuntimeException(cause),
      cause -> new ConnectException("refused"),
      cause -> new SocketTimeoutException("slow"),
      cause -> new HubProblemException(ProblemType.NOT_FOUND, ProblemText.of("provider.not-found"), cause));

  @FuzzTest(maxDuration = "30s")
  void anyChainOfFailuresMapsToAProblem(FuzzedDataProvider data) {
    Throwable failure = data.consumeBoolean() ? null : new IllegalArgumentException(data.consumeString(100));
    int depth = data.consumeInt(0, 12);
    boolean hubProblem = false;
    for (int i = 0; i < depth; i++) {
      int pick = data.consumeInt(0, WRAPPERS.size() - 1);
      failure = WRAPPERS.get(pick).apply(failure);
      hubProblem |= pick == WRAPPERS.size() - 1;
    }
    ProblemType type = ProblemResponder.classify(failure);
    assertThat(type).isNotNull();
    assertThat(type.status()).isBetween(400, 599);
    if (failure instanceof HubProblemException) {
      assertThat(type).isEqualTo(ProblemType.NOT_FOUND);
    }
    if (!hubProblem && failure != null && !(failure instanceof ConnectException)
        && !(failure instanceof SocketTimeoutException)) {
      assertThat(type.code()).startsWith("Server.");
    }
  }
}

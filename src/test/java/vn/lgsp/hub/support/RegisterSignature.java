package vn.lgsp.hub.support;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import vn.lgsp.hub.protocol.signatures.ContentDigest;
import vn.lgsp.hub.protocol.signatures.SignatureAlgorithms;
import vn.lgsp.hub.protocol.signatures.SignatureBase;

/**
 * WireMock standing in for a register that signs its answers (RFC 9421), bound to the request it answers as the
 * hub requires: {@code @status}, {@code content-type}, {@code content-digest}, {@code "@path";req} and, when the
 * request has one, {@code "content-digest";req}. Parameters of a stub: {@code key} (a PKCS#8 EC or Ed25519 private
 * key, PEM), {@code age} (seconds since signing, default 0), {@code signedBody} (the body signed, when it differs
 * from the one sent), {@code signedPath} (the request path signed, when it differs from the request's).
 */
public final class RegisterSignature implements ResponseTransformerV2 {

  public static final String NAME = "register-signature";

  @Override
  public Response transform(Response response, ServeEvent serveEvent) {
    Parameters parameters = serveEvent.getTransformerParameters();
    Request request = serveEvent.getRequest();
    String body = response.getBodyAsString();
    String signedBody = parameters.getString("signedBody", body);
    String digest = ContentDigest.sha256(signedBody.getBytes(StandardCharsets.UTF_8));
    SignatureBase base = new SignatureBase(Instant.now().getEpochSecond() - parameters.getInt("age", 0), "test-register",
        null)
        .cover("@status", Integer.toString(response.getStatus()))
        .cover("content-type", response.getHeaders().getContentTypeHeader().firstValue())
        .cover("content-digest", digest)
        .cover("@path" + SignatureBase.REQ, parameters.getString("signedPath", request.getUrl().replaceAll("\\?.*", "")));
    String requestDigest = request.getHeader("Content-Digest");
    if (requestDigest != null) {
      base.cover("content-digest" + SignatureBase.REQ, requestDigest);
    }
    byte[] signature = SignatureAlgorithms.sign(key(parameters.getString("key")), base.bytes());
    return Response.Builder.like(response).but().headers(response.getHeaders()
        .plus(new HttpHeader("Content-Digest", digest))
        .plus(new HttpHeader("Signature-Input", "reg=" + base.parameters()))
        .plus(new HttpHeader("Signature", "reg=:" + Base64.getEncoder().encodeToString(signature) + ":"))).build();
  }

  private static PrivateKey key(String pem) {
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    for (String algorithm : new String[] {"EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next kind
      }
    }
    throw new IllegalArgumentException("not an EC or Ed25519 private key");
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }
}

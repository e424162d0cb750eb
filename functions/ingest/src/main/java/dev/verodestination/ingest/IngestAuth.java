package dev.verodestination.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.crypto.Sha256;
import dev.verodestination.http.BasicAuth;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may send events: Segment libraries (Basic auth, write key as user name), HTTP API callers
 * ({@code writeKey} in the body) and Segment's Webhooks destination ({@code X-Signature}, the hex
 * HMAC-SHA1 of the raw body). Every compare is constant-time; keys are compared as SHA-256 digests
 * so that neither their content nor their length shows in the timing.
 */
public final class IngestAuth {

  private final List<byte[]> writeKeyDigests;
  private final Optional<SecretKeySpec> signingKey;

  public IngestAuth(List<String> writeKeys, Optional<String> sharedSecret) {
    this.writeKeyDigests = writeKeys.stream().map(Sha256::digest).toList();
    this.signingKey = sharedSecret.filter(s -> !s.isEmpty())
        .map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
  }

  public boolean isWriteKey(String candidate) {
    if (candidate == null) {
      return false;
    }
    boolean match = false;
    for (byte[] known : writeKeyDigests) {
      match |= Sha256.sameSecret(candidate, known);
    }
    return match;
  }

  public boolean isSignedBody(String signatureHex, byte[] rawBody) {
    if (signatureHex == null || signingKey.isEmpty()) {
      return false;
    }
    byte[] expected = HexFormat.of().formatHex(hmac(rawBody)).getBytes(StandardCharsets.US_ASCII);
    byte[] given = signatureHex.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given);
  }

  private byte[] hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(signingKey.orElseThrow());
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
  }


  /** Any one credential: a write key as Basic auth user, a signed body, or a write key in the body (or an item of a bare array). */
  boolean authorizes(IngestRequest request, JsonNode root) {
    if (BasicAuth.user(request.authorization()).map(this::isWriteKey).orElse(false)) {
      return true;
    }
    if (isSignedBody(request.signature(), request.body())) {
      return true;
    }
    if (root.isObject()) {
      return bodyKeyIsValid(root);
    }
    if (root.isArray()) {
      for (JsonNode item : root) {
        if (bodyKeyIsValid(item)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean bodyKeyIsValid(JsonNode node) {
    JsonNode key = node.get("writeKey");
    return key != null && key.isTextual() && isWriteKey(key.textValue());
  }
}

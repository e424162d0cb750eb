package dev.verodestination.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

public final class Sha256 {

  /** A digest per thread: looking one up in the security providers costs more than hashing an id. */
  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  });

  private Sha256() {}

  public static byte[] digest(String value) {
    return digest(value.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] digest(byte[] value) {
    MessageDigest digest = DIGEST.get();
    digest.reset();
    return digest.digest(value);
  }

  /** Compares a presented secret with a known one's digest in constant time, whatever their lengths. */
  public static boolean sameSecret(String candidate, byte[] knownDigest) {
    return candidate != null && MessageDigest.isEqual(digest(candidate), knownDigest);
  }

  public static String hex(String value) {
    return HexFormat.of().formatHex(digest(value));
  }

  public static String hex(byte[] value) {
    return HexFormat.of().formatHex(digest(value));
  }
}

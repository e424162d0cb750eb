package dev.verodestination.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

public final class Sha256 {

  private Sha256() {}

  public static byte[] digest(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Compares a presented secret with a known one's digest in constant time, whatever their lengths. */
  public static boolean sameSecret(String candidate, byte[] knownDigest) {
    return candidate != null && MessageDigest.isEqual(digest(candidate), knownDigest);
  }

  public static String hex(String value) {
    return HexFormat.of().formatHex(digest(value));
  }
}

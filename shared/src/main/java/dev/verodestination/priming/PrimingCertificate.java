package dev.verodestination.priming;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway server identity for TLS priming: a P-256 key made at priming time and a certificate
 * for {@code priming.invalid} and 127.0.0.1 that it signs itself, written out in DER by hand (the JDK has no public
 * API for one). Nothing trusts it but the context {@link #trustingClient()} makes for it.
 */
final class PrimingCertificate {

  static final String HOST = "priming.invalid";

  private static final byte[] ECDSA_WITH_SHA256 = {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x04, 0x03, 0x02};
  private static final byte[] COMMON_NAME = {0x06, 0x03, 0x55, 0x04, 0x03};
  private static final byte[] SUBJECT_ALT_NAME = {0x06, 0x03, 0x55, 0x1d, 0x11};
  private static final byte[] LOOPBACK = {127, 0, 0, 1};
  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final char[] NO_PASSWORD = new char[0];

  private final KeyPair keys;
  private final X509Certificate certificate;

  private PrimingCertificate(KeyPair keys, X509Certificate certificate) {
    this.keys = keys;
    this.certificate = certificate;
  }

  static PrimingCertificate create() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    Instant now = Instant.now();
    byte[] algorithm = der(0x30, ECDSA_WITH_SHA256);
    byte[] toBeSigned = der(0x30, der(0xa0, der(0x02, new byte[] {2})), der(0x02, new byte[] {1}), algorithm, name(),
        der(0x30, time(now.minusSeconds(60)), time(now.plusSeconds(3600))), name(), keys.getPublic().getEncoded(),
        der(0xa3, der(0x30, der(0x30, SUBJECT_ALT_NAME, der(0x04, der(0x30,
            der(0x82, HOST.getBytes(StandardCharsets.US_ASCII)), der(0x87, LOOPBACK)))))));
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(keys.getPrivate());
    signer.update(toBeSigned);
    byte[] signature = signer.sign();
    byte[] bits = new byte[signature.length + 1];
    System.arraycopy(signature, 0, bits, 1, signature.length);
    X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(der(0x30, toBeSigned, algorithm, der(0x03, bits))));
    return new PrimingCertificate(keys, certificate);
  }

  X509Certificate certificate() {
    return certificate;
  }

  SSLContext server() throws GeneralSecurityException {
    KeyStore store = emptyStore();
    store.setKeyEntry("priming", keys.getPrivate(), NO_PASSWORD, new Certificate[] {certificate});
    KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    managers.init(store, NO_PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(managers.getKeyManagers(), null, null);
    return context;
  }

  /** A client context of its own that trusts this certificate alone: the default context is not touched. */
  SSLContext trustingClient() throws GeneralSecurityException {
    KeyStore store = emptyStore();
    store.setCertificateEntry("priming", certificate);
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException("an empty key store cannot fail to load", e);
    }
    return store;
  }

  private static byte[] name() {
    return der(0x30, der(0x31, der(0x30, COMMON_NAME, der(0x0c, HOST.getBytes(StandardCharsets.UTF_8)))));
  }

  private static byte[] time(Instant instant) {
    return der(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
  }

  /** One DER element: its tag, its length (short or long form) and its content. */
  static byte[] der(int tag, byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      content.writeBytes(part);
    }
    int length = content.size();
    ByteArrayOutputStream element = new ByteArrayOutputStream();
    element.write(tag);
    if (length < 0x80) {
      element.write(length);
    } else if (length < 0x100) {
      element.write(0x81);
      element.write(length);
    } else {
      element.write(0x82);
      element.write(length >> 8);
      element.write(length & 0xff);
    }
    element.writeBytes(content.toByteArray());
    return element.toByteArray();
  }
}

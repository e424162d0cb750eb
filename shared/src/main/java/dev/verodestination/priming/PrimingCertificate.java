package dev.verodestination.priming;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway server identity for TLS priming, shipped as {@code priming.p12} beside this class: a
 * P-256 key and a certificate it signs itself for {@code priming.invalid} and 127.0.0.1, valid from
 * 2026 for a hundred years. The key is the same in every copy, so it secures nothing and need not:
 * only the loopback priming server presents it, and nothing trusts it but the throwaway context
 * {@link #trustingClient()} makes. Made with the JDK's keytool:
 *
 * <pre>
 * keytool -genkeypair -alias priming -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA \
 *   -dname CN=priming.invalid -ext SAN=dns:priming.invalid,ip:127.0.0.1 -validity 36500 -startdate 2026/01/01 \
 *   -storetype PKCS12 -storepass priming -keypass priming -keystore priming.p12
 * </pre>
 */
final class PrimingCertificate {

  static final String HOST = "priming.invalid";

  private static final String ALIAS = "priming";
  private static final char[] PASSWORD = "priming".toCharArray();

  private final KeyStore store;

  private PrimingCertificate(KeyStore store) {
    this.store = store;
  }

  static PrimingCertificate load() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = PrimingCertificate.class.getResourceAsStream("priming.p12")) {
      if (in == null) {
        throw new IOException("priming.p12 is not on the class path");
      }
      store.load(in, PASSWORD);
    }
    return new PrimingCertificate(store);
  }

  X509Certificate certificate() throws GeneralSecurityException {
    return (X509Certificate) store.getCertificate(ALIAS);
  }

  SSLContext server() throws GeneralSecurityException {
    KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    managers.init(store, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(managers.getKeyManagers(), null, null);
    return context;
  }

  /** A client context of its own that trusts this certificate alone: the default context is not touched. */
  SSLContext trustingClient() throws GeneralSecurityException, IOException {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry(ALIAS, certificate());
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}

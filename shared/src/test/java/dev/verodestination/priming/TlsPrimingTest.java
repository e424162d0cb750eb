package dev.verodestination.priming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** TLS primed without the network: client hellos written, nothing left open. */
class TlsPrimingTest {

  @Test
  void theEngineWritesAClientHelloRecord() throws Exception {
    int bytes = TlsPriming.engineHello(SSLContext.getDefault());
    assertTrue(bytes > 100, "a client hello with its extensions and key shares: " + bytes + " bytes");
  }

  @Test
  void theSocketsHelloReachesTheLoopbackListenerWhichHangsUp() throws Exception {
    int bytes = TlsPriming.socketHello(SSLContext.getDefault().getSocketFactory());
    assertTrue(bytes > 100, bytes + " bytes received");
  }

  @Test
  void bothKindsOfClientCompleteAnHttpsExchangeWithTheLoopbackServer() throws Exception {
    PrimingCertificate certificate = PrimingCertificate.load();
    assertEquals(2, TlsPriming.httpsExchanges(certificate.server(), certificate.trustingClient()));
  }

  @Test
  void aHandshakeInMemoryEndsAtTheCertificateForTheDefaultContextAndCompletesForOneThatTrustsIt() throws Exception {
    PrimingCertificate server = PrimingCertificate.load();
    assertEquals("refused by the client", TlsPriming.handshake(SSLContext.getDefault(), server.server()));
    assertEquals("completed TLSv1.3", TlsPriming.handshake(server.trustingClient(), server.server()));
  }

  @Test
  void theShippedCertificateIsSelfSignedForTheInvalidNameAndLoopbackAndValidNow() throws Exception {
    X509Certificate certificate = PrimingCertificate.load().certificate();
    assertEquals("CN=priming.invalid", certificate.getSubjectX500Principal().getName());
    assertEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal());
    certificate.verify(certificate.getPublicKey());
    certificate.checkValidity();
    assertEquals("SHA256withECDSA", certificate.getSigAlgName());
    assertEquals("[[2, priming.invalid], [7, 127.0.0.1]]", String.valueOf(certificate.getSubjectAlternativeNames()));
  }

  @Test
  void aRunWalksEveryPathAndLeavesNoThreadBehind() throws Exception {
    int one = TlsPriming.engineHello(SSLContext.getDefault());
    int all = TlsPriming.run(3);
    assertTrue(all > 3 * one, "three engine hellos and a socket hello: " + all + " bytes, one hello " + one);
    Thread.sleep(100);
    assertFalse(Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> (t.getName().equals("tls-priming-listener") || t.getName().equals("tls-priming-server")) && t.isAlive()));
    assertTrue(TlsPriming.run(0) > 100, "the socket hello is written with no engine rounds too");
  }
}

package dev.verodestination.priming;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void theJdkHttpClientsHelloReachesTheLoopbackListenerToo() throws Exception {
    int bytes = TlsPriming.httpClientHello();
    assertTrue(bytes > 100, bytes + " bytes received");
  }

  @Test
  void aRunWalksEveryPathAndLeavesNoThreadBehind() throws Exception {
    int one = TlsPriming.engineHello(SSLContext.getDefault());
    int all = TlsPriming.run(3);
    assertTrue(all > 3 * one, "three engine hellos, a socket hello and the HTTP client's: " + all + " bytes, one hello " + one);
    Thread.sleep(100);
    assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("tls-priming-listener") && t.isAlive()));
    assertTrue(TlsPriming.run(0) > 100, "the socket and HTTP client hellos are written with no engine rounds too");
  }
}

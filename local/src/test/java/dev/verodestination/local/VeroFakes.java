package dev.verodestination.local;

import dev.verodestination.deliver.outage.VeroProbe;
import dev.verodestination.testing.FakeHttpServer.Recorded;
import java.util.List;

/** What a fake Vero saw, told apart: deliver's probes (after a failure that could be Vero's) and the messages' own calls. */
final class VeroFakes {

  private VeroFakes() {}

  static boolean isProbe(Recorded request) {
    return request.path().endsWith(VeroProbe.REQUEST.path()) && request.body().contains("\"id\":\"" + VeroProbe.PROBE_USER_ID + "\"");
  }

  static List<Recorded> messageCalls(List<Recorded> requests) {
    return requests.stream().filter(r -> !isProbe(r)).toList();
  }
}

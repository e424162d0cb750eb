package dev.verodestination.local;

import dev.verodestination.deliver.outage.VeroProbe;
import dev.verodestination.testing.FakeHttpServer.Recorded;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a fake Vero saw, told apart: deliver's probes (after a failure that could be Vero's) and the messages' own calls. */
final class VeroFakes {

  private VeroFakes() {}

  /** Deliver's probe: an event that names nobody and nothing (every message's event has a name). */
  static boolean isProbe(Recorded request) {
    return request.path().endsWith(VeroProbe.REQUEST.path()) && !request.json().has("event_name") && !request.json().has("identity");
  }

  /** How Vero answers the probe when it works and takes the credential: the body is refused, nothing written. */
  static Reply probeAnswer() {
    return new Reply(400, Map.of(), "{\"status\":400,\"message\":\"identity is required\"}", 0, false);
  }

  static List<Recorded> messageCalls(List<Recorded> requests) {
    return requests.stream().filter(r -> !isProbe(r)).toList();
  }

  /** Each user's track event names in the order Vero took them, repeats included. */
  static Map<String, List<String>> eventsByUser(List<Recorded> requests) {
    Map<String, List<String>> users = new LinkedHashMap<>();
    for (Recorded call : messageCalls(requests)) {
      users.computeIfAbsent(call.json().path("identity").path("id").asText(), u -> new ArrayList<>())
          .add(call.json().path("event_name").asText());
    }
    return users;
  }
}

package dev.verodestination.deliver.outage;

import dev.verodestination.deliver.vero.VeroOutcome;
import dev.verodestination.deliver.vero.VeroRequest;
import dev.verodestination.deliver.vero.VeroSender;
import dev.verodestination.json.Json;
import dev.verodestination.log.JsonLog;
import java.util.function.Supplier;

/**
 * The call that asks whether Vero works for every message, and writes nothing in any Vero account: an
 * event with no identity and no name, made with the same credential and client as every call. Vero
 * checks the credential first (401 when it refuses it) and then the body, which names nobody and
 * nothing, so a Vero that works answers it 400 (a 4xx, in Vero's API reference, is "an error in the
 * data passed"), and a Vero that does not times out or answers 5xx. Any answer but those is Vero
 * answering: see {@link VeroHealth}.
 */
public final class VeroProbe {

  public static final VeroRequest REQUEST = new VeroRequest("POST", "/events/track", Json.object());

  private VeroProbe() {}

  public static Supplier<VeroOutcome> through(VeroSender vero, JsonLog log) {
    return () -> vero.send(REQUEST, log);
  }
}

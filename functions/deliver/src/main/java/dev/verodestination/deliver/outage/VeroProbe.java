package dev.verodestination.deliver.outage;

import dev.verodestination.deliver.vero.VeroRequest;
import dev.verodestination.deliver.vero.VeroOutcome;
import dev.verodestination.deliver.vero.VeroSender;
import dev.verodestination.json.Json;
import dev.verodestination.log.JsonLog;
import java.util.function.Supplier;

/**
 * The call that asks whether Vero works for every message: the deletion of a user id no source ever
 * sends, which changes nothing in Vero, made with the same credential and client as every call.
 */
public final class VeroProbe {

  public static final String PROBE_USER_ID = "vero-destination-probe";
  public static final VeroRequest REQUEST = new VeroRequest("POST", "/users/delete", Json.object().put("id", PROBE_USER_ID));

  private VeroProbe() {}

  public static Supplier<VeroOutcome> through(VeroSender vero, JsonLog log) {
    return () -> vero.send(REQUEST, log);
  }
}

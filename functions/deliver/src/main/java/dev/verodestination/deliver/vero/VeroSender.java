package dev.verodestination.deliver.vero;

import dev.verodestination.log.JsonLog;

/** Sends one request to Vero (or somewhere standing in for it) and says what became of it. */
public interface VeroSender {

  /** {@code log} is the invocation's, for a sender that logs what it does. */
  VeroOutcome send(VeroRequest request, JsonLog log);
}

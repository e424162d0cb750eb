package dev.verodestination.vero;

/** Sends one request to Vero (or somewhere standing in for it) and says what became of it. */
public interface VeroSender {

  VeroOutcome send(VeroRequest request);
}

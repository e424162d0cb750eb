package dev.verodestination.local.dryrun;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.deliver.vero.VeroOutcome;
import dev.verodestination.deliver.vero.VeroRequest;
import dev.verodestination.deliver.vero.VeroSender;
import dev.verodestination.log.JsonLog;

/**
 * Stands in for Vero when no token is set: prints each request it would send (bodies carry no token)
 * and answers as Vero answers a call it takes, so that deliver goes on exactly as it would;
 * {@link DryRunLines} then says in deliver's lines that nothing was sent.
 */
public final class DryRunVeroSender implements VeroSender {

  /** What Vero answers a call it takes. */
  static final int TAKEN = 200;

  @Override
  public VeroOutcome send(VeroRequest request, JsonLog log) {
    ObjectNode line = log.line("INFO", "dry run: would send to Vero");
    line.put("method", request.method());
    line.put("path", request.path());
    line.set("body", request.body());
    log.write(line);
    return new VeroOutcome.Delivered(TAKEN);
  }
}

package dev.verodestination.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.deliver.vero.VeroOutcome;
import dev.verodestination.deliver.vero.VeroRequest;
import dev.verodestination.deliver.vero.VeroSender;
import dev.verodestination.log.JsonLog;

/** Stands in for Vero when no token is set: prints each request it would send (bodies carry no token). */
final class DryRunVeroSender implements VeroSender {

  @Override
  public VeroOutcome send(VeroRequest request, JsonLog log) {
    ObjectNode line = log.line("INFO", "dry run: would send to Vero");
    line.put("method", request.method());
    line.put("path", request.path());
    line.set("body", request.body());
    log.write(line);
    return VeroOutcome.Delivered.inDryRun();
  }
}

package dev.verodestination.vero;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.log.JsonLog;

/** Stands in for Vero when no token is set: prints each request it would send, token masked. */
public final class DryRunVeroSender implements VeroSender {

  private final JsonLog log;

  public DryRunVeroSender(JsonLog log) {
    this.log = log;
  }

  @Override
  public VeroOutcome send(VeroRequest request) {
    ObjectNode body = request.body().deepCopy();
    if (body.has("auth_token")) {
      body.put("auth_token", "***");
    }
    ObjectNode line = log.line("INFO", "dry run: would send to Vero");
    line.put("method", request.method());
    line.put("path", request.path());
    line.set("body", body);
    log.write(line);
    return new VeroOutcome.Delivered(200);
  }
}

package dev.verodestination.log;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.json.Json;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One JSON object per line, which CloudWatch Logs Insights queries field by field. Callers pass
 * counts, ids and reasons; never a key, token or request body. A handler logs through
 * {@link #forInvocation}, so that every line of one request carries its Lambda request id.
 */
public final class JsonLog {

  private final String component;
  private final PrintStream out;
  private final String requestId;
  private final String functionVersion;

  public JsonLog(String component) {
    this(component, System.out);
  }

  public JsonLog(String component, PrintStream out) {
    this(component, out, null, null);
  }

  private JsonLog(String component, PrintStream out, String requestId, String functionVersion) {
    this.component = component;
    this.out = out;
    this.requestId = requestId;
    this.functionVersion = functionVersion;
  }

  /** The same log, its lines marked with the invocation's request id and function version. */
  public JsonLog forInvocation(Context context) {
    if (context == null) {
      return this;
    }
    return new JsonLog(component, out, context.getAwsRequestId(), context.getFunctionVersion());
  }

  public ObjectNode line(String level, String message) {
    ObjectNode line = Json.object();
    // milliseconds, as Lambda writes its own: six bytes a line fewer than the clock gives
    line.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
    line.put("level", level);
    line.put("component", component);
    if (requestId != null) {
      line.put("requestId", requestId);
    }
    if (functionVersion != null) {
      line.put("functionVersion", functionVersion);
    }
    line.put("message", message);
    return line;
  }

  public void info(String message) {
    write(line("INFO", message));
  }

  public void warn(String message) {
    write(line("WARN", message));
  }

  public void error(String message) {
    write(line("ERROR", message));
  }

  public void write(ObjectNode line) {
    String text = Json.string(line);
    synchronized (out) {
      out.println(text);
    }
  }
}

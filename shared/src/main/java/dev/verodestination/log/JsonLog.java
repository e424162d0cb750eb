package dev.verodestination.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.json.Json;
import java.io.PrintStream;
import java.time.Instant;

/**
 * One JSON object per line, which CloudWatch Logs Insights queries field by field. Callers pass
 * counts, ids and reasons; never a key, token or request body.
 */
public final class JsonLog {

  private final String component;
  private final PrintStream out;

  public JsonLog(String component) {
    this(component, System.out);
  }

  public JsonLog(String component, PrintStream out) {
    this.component = component;
    this.out = out;
  }

  public ObjectNode line(String level, String message) {
    ObjectNode line = Json.object();
    line.put("time", Instant.now().toString());
    line.put("level", level);
    line.put("component", component);
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

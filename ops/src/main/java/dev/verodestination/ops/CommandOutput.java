package dev.verodestination.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.json.Json;
import java.io.PrintStream;

/**
 * A command's output: sentences for a person, or with {@code --json} one JSON document for a script
 * (progress and notes then go to stderr, so stdout stays parseable).
 */
public final class CommandOutput {

  public final PrintStream out;
  public final PrintStream err;
  public final boolean json;

  public CommandOutput(PrintStream out, PrintStream err, boolean json) {
    this.out = out;
    this.err = err;
    this.json = json;
  }

  /** A line for a person; nothing in JSON mode. */
  public void say(String line) {
    if (!json) {
      out.println(line);
    }
  }

  /** The result for a script; nothing in human mode. */
  public void result(JsonNode document) {
    if (json) {
      try {
        out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a JSON tree always writes", e);
      }
    }
  }

  static String shortId(String id) {
    return id == null || id.isEmpty() ? "-" : id;
  }
}

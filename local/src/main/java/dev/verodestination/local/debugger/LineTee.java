package dev.verodestination.local.debugger;

import dev.verodestination.json.Json;
import dev.verodestination.log.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Takes the functions' log a whole line at a time and passes each as the runner shows it (a dry run's
 * {@code view} says what was printed rather than sent) to the output, and to the debugger too.
 */
public final class LineTee extends OutputStream {

  private final OutputStream out;
  private final Function<String, Optional<String>> view;
  private final Consumer<String> lines;
  /** The runner's own log, whose line says why the view refused one. */
  private final JsonLog log;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);

  public LineTee(OutputStream out, Function<String, Optional<String>> view, Consumer<String> lines, JsonLog log) {
    this.out = out;
    this.view = view;
    this.lines = lines;
    this.log = log;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    take(b);
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      take(bytes[i]);
    }
  }

  private void take(int b) throws IOException {
    if (b != '\n') {
      line.write(b);
      return;
    }
    String whole = line.toString(StandardCharsets.UTF_8);
    line.reset();
    Optional<String> shown;
    try {
      shown = view.apply(whole);
    } catch (IllegalStateException e) {
      // a view that cannot read a line passes it on as written, with why beside it: thrown from here, it
      // would fail the function's invocation, and deliver's messages would go round until dead-lettered
      pass(whole);
      pass(Json.string(log.line("ERROR", e.getMessage())));
      return;
    }
    if (shown.isPresent()) {
      pass(shown.get());
    }
  }

  private void pass(String shown) throws IOException {
    out.write((shown + "\n").getBytes(StandardCharsets.UTF_8));
    lines.accept(shown);
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }
}

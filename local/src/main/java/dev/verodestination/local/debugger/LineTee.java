package dev.verodestination.local.debugger;

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
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);

  public LineTee(OutputStream out, Function<String, Optional<String>> view, Consumer<String> lines) {
    this.out = out;
    this.view = view;
    this.lines = lines;
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
    Optional<String> shown = view.apply(whole);
    if (shown.isPresent()) {
      out.write((shown.get() + "\n").getBytes(StandardCharsets.UTF_8));
      lines.accept(shown.get());
    }
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }
}

package dev.verodestination.local.debugger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Passes the functions' log through unchanged, and hands each whole line to the debugger too. */
public final class LineTee extends OutputStream {

  private final OutputStream out;
  private final Consumer<String> lines;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);

  public LineTee(OutputStream out, Consumer<String> lines) {
    this.out = out;
    this.lines = lines;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    out.write(b);
    take(b);
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
    out.write(bytes, offset, length);
    for (int i = offset; i < offset + length; i++) {
      take(bytes[i]);
    }
  }

  private void take(int b) {
    if (b == '\n') {
      String whole = line.toString(StandardCharsets.UTF_8);
      line.reset();
      lines.accept(whole);
    } else {
      line.write(b);
    }
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }
}

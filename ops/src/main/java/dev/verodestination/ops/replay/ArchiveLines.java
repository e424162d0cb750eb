package dev.verodestination.ops.replay;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The lines of one Segment archive file, gzip or plain (told apart by gzip's magic bytes, not the
 * name), numbered from 1, with how many bytes of the file have been read for a progress bar.
 */
final class ArchiveLines implements AutoCloseable {

  private final BufferedReader reader;
  private final CountingStream counted;
  private long lineNumber;

  ArchiveLines(Path file) throws IOException {
    counted = new CountingStream(Files.newInputStream(file));
    BufferedInputStream buffered = new BufferedInputStream(counted, 1 << 16);
    buffered.mark(2);
    boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
    buffered.reset();
    // a concatenation of gzip members (as many writers append) reads as one stream
    InputStream text = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
    reader = new BufferedReader(new InputStreamReader(text, StandardCharsets.UTF_8), 1 << 16);
  }

  /** The next line, or null at the end of the file. */
  String next() throws IOException {
    String line = reader.readLine();
    if (line != null) {
      lineNumber++;
    }
    return line;
  }

  long lineNumber() {
    return lineNumber;
  }

  long bytesRead() {
    return counted.count;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }

  private static final class CountingStream extends FilterInputStream {
    private volatile long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}

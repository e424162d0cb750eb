package dev.verodestination.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** The project's one ObjectMapper, with limits that keep hostile input from costing memory or stack. */
public final class Json {

  /** Segment events nest a few levels; anything deeper than this is an attack or a bug. */
  public static final int MAX_NESTING_DEPTH = 64;
  /** No single string in a 500 KB request can be longer than the request. */
  public static final int MAX_STRING_LENGTH = 1 << 20;
  public static final int MAX_NUMBER_LENGTH = 100;

  public static final ObjectMapper MAPPER = JsonMapper.builder(
          JsonFactory.builder()
              .streamReadConstraints(StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_NESTING_DEPTH)
                  .maxStringLength(MAX_STRING_LENGTH)
                  .maxNumberLength(MAX_NUMBER_LENGTH)
                  .build())
              .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
              .build())
      // Precision matters for ids and money amounts that pass through untouched.
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
      .build();

  private Json() {}

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * Text that may or may not be JSON (a service's answer, a queued body, a log line): its tree, or
   * a missing node, whose every {@code path} is missing too.
   */
  public static JsonNode treeOrMissing(String text) {
    try {
      JsonNode node = text == null ? null : MAPPER.readTree(text);
      return node == null ? MAPPER.missingNode() : node;
    } catch (IOException e) {
      return MAPPER.missingNode();
    }
  }

  /** Serialises a tree that was built in memory; such a tree always serialises. */
  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The size of the compact JSON, without building it. */
  public static long compactSize(JsonNode node) {
    if (node.isTextual() && isPlainAscii(node.textValue())) {
      // quoted as it is: what enrichment replaces (a timestamp, a messageId) nearly always is
      return node.textValue().length() + 2L;
    }
    CountingSink sink = new CountingSink();
    try {
      MAPPER.writeValue(sink, node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sink.count;
  }

  /** Printable ASCII that JSON writes unescaped: every character one byte, no quote or backslash. */
  private static boolean isPlainAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  private static final class CountingSink extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }

  /** The length of a string in UTF-8, without encoding it. */
  public static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  public static String string(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

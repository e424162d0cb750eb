package dev.verodestination.priming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * A stand-in for SQS, Vero and Segment on 127.0.0.1, for priming only: it lets a function's own
 * handler run its whole hot path before a SnapStart snapshot (the SDK's marshalling, signing,
 * endpoint rules and HTTP client; the JDK HTTP client; the answers read back) without sending
 * anything anywhere. Every answer closes its connection, so no client keeps a connection into the
 * snapshot that a restore would find stale.
 */
public final class LoopbackStandIn implements AutoCloseable {

  private final ServerSocket server;
  private final Thread thread;
  private volatile boolean open = true;

  private LoopbackStandIn(ServerSocket server) {
    this.server = server;
    this.thread = new Thread(this::serve, "priming-stand-in");
    this.thread.setDaemon(true);
  }

  public static LoopbackStandIn start() throws IOException {
    LoopbackStandIn standIn = new LoopbackStandIn(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    standIn.thread.start();
    return standIn;
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  private void serve() {
    while (open) {
      try (Socket socket = server.accept()) {
        socket.setSoTimeout(2000);
        answer(socket.getInputStream(), socket.getOutputStream());
      } catch (IOException e) {
        // a client that went away, or the stand-in closing: the next one is served
      }
    }
  }

  private static void answer(InputStream in, OutputStream out) throws IOException {
    String head = readHead(in);
    String target = header(head, "x-amz-target");
    String contentLength = header(head, "content-length");
    byte[] body = in.readNBytes(contentLength.isEmpty() ? 0 : Integer.parseInt(contentLength.trim()));
    String path = head.substring(head.indexOf(' ') + 1, Math.max(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1)));
    String type;
    String reply;
    if (!target.isEmpty()) {
      type = "application/x-amz-json-1.0";
      reply = sqsAnswer(target, body);
    } else {
      type = "application/json";
      reply = path.endsWith("/batch") ? "{\"success\":true}" : "{\"status\":200,\"message\":\"Success.\"}";
    }
    byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
    out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\nx-amzn-RequestId: priming\r\nContent-Length: " + bytes.length
        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
  }

  /** SQS's JSON protocol answers, with the body digests the SDK checks. */
  private static String sqsAnswer(String target, byte[] request) throws IOException {
    JsonNode asked = Json.MAPPER.readTree(request);
    ObjectNode answer = Json.MAPPER.createObjectNode();
    if (target.endsWith(".SendMessageBatch")) {
      ArrayNode successful = answer.putArray("Successful");
      for (JsonNode entry : asked.path("Entries")) {
        successful.addObject().put("Id", entry.path("Id").asText()).put("MessageId", UUID.randomUUID().toString())
            .put("MD5OfMessageBody", md5(entry.path("MessageBody").asText()));
      }
      answer.putArray("Failed");
    } else if (target.endsWith(".SendMessage")) {
      answer.put("MessageId", UUID.randomUUID().toString()).put("MD5OfMessageBody", md5(asked.path("MessageBody").asText()));
    }
    return Json.MAPPER.writeValueAsString(answer);
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = (b == '\r' || b == '\n') && (matched % 2 == 0 ? b == '\r' : b == '\n') ? matched + 1 : b == '\r' ? 1 : 0;
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  private static String header(String head, String name) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return "";
  }

  private static String md5(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }

  @Override
  public void close() {
    open = false;
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

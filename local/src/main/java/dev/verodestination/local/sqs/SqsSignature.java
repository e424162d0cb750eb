package dev.verodestination.local.sqs;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an AWS Signature Version 4 on a request claims, in either of its forms: the Authorization
 * header (what SDKs and the AWS CLI send) or the query string (a presigned URL). {@code signedHeaders}
 * is the client's own list, {@code unsignedQuery} the query as the client signed it (without
 * X-Amz-Signature), and {@code validFor} how long after {@code signedAt} it may be used (a presigned
 * URL's X-Amz-Expires, else nothing: the clock skew alone bounds it).
 */
record SqsSignature(String accessKeyId, String date, String region, String service, List<String> signedHeaders,
    String signature, Instant signedAt, Optional<Duration> validFor, String unsignedQuery) {

  private static final Pattern AUTHORIZATION = Pattern.compile(
      "AWS4-HMAC-SHA256 Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request,\\s*SignedHeaders=([a-z0-9;_.-]+),\\s*Signature=([0-9a-f]{64})");
  private static final Pattern CREDENTIAL = Pattern.compile("([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request");
  private static final Pattern SIGNED_HEADERS = Pattern.compile("[a-z0-9_.-]+(;[a-z0-9_.-]+)*");
  private static final Pattern SIGNATURE = Pattern.compile("[0-9a-f]{64}");
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  /** The longest a presigned SigV4 URL may be valid, as AWS allows. */
  private static final Duration MAX_EXPIRY = Duration.ofDays(7);

  /** The signature the request carries, header form first; empty when it carries none that parses. */
  static Optional<SqsSignature> of(SqsCall call) {
    String authorization = call.headers().getOrDefault("authorization", "");
    if (!authorization.isEmpty()) {
      Matcher header = AUTHORIZATION.matcher(authorization);
      if (!header.matches()) {
        return Optional.empty();
      }
      return instant(call.headers().get("x-amz-date")).map(at -> new SqsSignature(header.group(1), header.group(2), header.group(3),
          header.group(4), List.of(header.group(5).split(";")), header.group(6), at, Optional.empty(), call.rawQuery()));
    }
    return fromQuery(call.rawQuery());
  }

  private static Optional<SqsSignature> fromQuery(String rawQuery) {
    Map<String, String> auth = new LinkedHashMap<>();
    List<String> unsigned = new ArrayList<>();
    for (String pair : rawQuery.isEmpty() ? new String[0] : rawQuery.split("&")) {
      String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
      String value = pair.contains("=") ? URLDecoder.decode(pair.split("=", 2)[1], StandardCharsets.UTF_8) : "";
      if (name.startsWith("X-Amz-")) {
        auth.put(name, value);
      }
      if (!name.equals("X-Amz-Signature")) {
        unsigned.add(pair);
      }
    }
    Matcher credential = CREDENTIAL.matcher(auth.getOrDefault("X-Amz-Credential", ""));
    String headers = auth.getOrDefault("X-Amz-SignedHeaders", "");
    String signature = auth.getOrDefault("X-Amz-Signature", "");
    Optional<Instant> at = instant(auth.get("X-Amz-Date"));
    Optional<Duration> expires = expiry(auth.get("X-Amz-Expires"));
    if (!"AWS4-HMAC-SHA256".equals(auth.get("X-Amz-Algorithm")) || !credential.matches() || !SIGNED_HEADERS.matcher(headers).matches()
        || !SIGNATURE.matcher(signature).matches() || at.isEmpty() || (auth.containsKey("X-Amz-Expires") && expires.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(new SqsSignature(credential.group(1), credential.group(2), credential.group(3), credential.group(4),
        List.of(headers.split(";")), signature, at.get(), expires, String.join("&", unsigned)));
  }

  private static Optional<Instant> instant(String amzDate) {
    try {
      return amzDate == null ? Optional.empty() : Optional.of(Instant.from(AMZ_DATE.parse(amzDate)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Duration> expiry(String seconds) {
    try {
      Duration expires = seconds == null ? null : Duration.ofSeconds(Long.parseLong(seconds));
      return Optional.ofNullable(expires).filter(e -> !e.isNegative() && e.compareTo(MAX_EXPIRY) <= 0);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The scope's date is the signing time's own day, as SigV4 requires. */
  boolean dateMatches() {
    return AMZ_DATE.format(signedAt).startsWith(date);
  }
}

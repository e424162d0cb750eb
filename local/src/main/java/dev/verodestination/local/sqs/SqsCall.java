package dev.verodestination.local.sqs;

import java.util.Map;

/**
 * A request to the embedded SQS endpoint as its guard sees it: header names lower-cased, the query
 * as sent, the body whole.
 */
public record SqsCall(String method, String path, String rawQuery, Map<String, String> headers, byte[] body) {}

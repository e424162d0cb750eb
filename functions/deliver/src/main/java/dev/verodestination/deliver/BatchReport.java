package dev.verodestination.deliver;

import java.util.List;

/**
 * What became of one batch: its own counts (not the container's), and the messages to retry.
 * {@code retried}: messages put back with a backoff, held-back ones included; {@code retry} also
 * lists those handed back for want of time.
 */
public record BatchReport(int received, int delivered, int deadLettered, int retried, List<String> retry) {}

package dev.verodestination.deliver;

import dev.verodestination.deliver.outage.Outage;
import java.util.List;
import java.util.Optional;

/**
 * What became of one batch: its own counts (not the container's), and the messages to retry.
 * {@code retried}: messages put back with a backoff, held-back ones included; {@code heldBack}:
 * messages handed back for an outage, at no cost to their attempts; {@code skipped}: messages of
 * suppressed users, deleted without a call; {@code outage}: Vero's state as
 * the batch ended; {@code retry} also lists those handed back for want of time.
 */
public record BatchReport(int received, int delivered, int deadLettered, int retried, int heldBack, int skipped,
    Optional<Outage> outage,
    List<String> retry) {}

package dev.verodestination.segment;

import java.time.Instant;
import java.util.Optional;

/**
 * A message's three Spec times as {@link MessageRules} read them when it checked them, so that
 * enrichment reads each once; each is empty where its field is absent or null.
 */
public record SpecTimes(Optional<Instant> timestamp, Optional<Instant> originalTimestamp, Optional<Instant> sentAt) {}

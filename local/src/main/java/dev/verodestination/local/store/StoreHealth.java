package dev.verodestination.local.store;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the queue store is keeping what it is given. The runner's HTTP front reads it around each
 * request, so that nothing is answered 200 while its message is only in memory.
 */
public final class StoreHealth {

  private final AtomicLong failedWrites = new AtomicLong();
  private volatile String failure;

  /** The reason the store cannot write now, if it cannot. */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  /** Writes that failed since the runner started: a request that saw this change kept nothing for sure. */
  public long failedWrites() {
    return failedWrites.get();
  }

  public void failed(String reason) {
    failure = reason;
    failedWrites.incrementAndGet();
  }

  public void recovered() {
    failure = null;
  }
}

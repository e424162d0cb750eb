package dev.verodestination.local;

import dev.verodestination.deliver.suppress.SuppressedUsers;
import dev.verodestination.local.store.QueueDatabase;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runner's suppressed users: held in memory for deliver's check, and kept in the queue database
 * beside the messages (DATA_DIR), so that a restart forgets no one; with DATA_DIR=memory or an
 * external SQS, in memory only (the ready line says where).
 */
public final class RunnerSuppressedUsers implements SuppressedUsers {

  private final Optional<QueueDatabase> store;
  private final Clock clock;
  private final Set<String> hashes = ConcurrentHashMap.newKeySet();

  /** Held in memory only: the runner with DATA_DIR=memory, and the benchmarks. */
  public static RunnerSuppressedUsers inMemory(Clock clock) {
    try {
      return new RunnerSuppressedUsers(Optional.empty(), clock);
    } catch (IOException cannotHappen) {
      throw new IllegalStateException(cannotHappen);
    }
  }

  RunnerSuppressedUsers(Optional<QueueDatabase> store, Clock clock) throws IOException {
    this.store = store;
    this.clock = clock;
    if (store.isPresent()) {
      hashes.addAll(store.get().suppressedUsers());
    }
  }

  @Override
  public long count() {
    return hashes.size();
  }

  @Override
  public boolean contains(String userHash) {
    return hashes.contains(userHash);
  }

  /** Suppresses ({@code suppressed}) or lets through again the user; whether that changed the list. */
  boolean change(String userId, boolean suppressed) throws IOException {
    String hash = SuppressedUsers.hash(userId);
    if (store.isPresent()) {
      store.get().suppress(hash, suppressed, clock.instant());
    }
    return suppressed ? hashes.add(hash) : hashes.remove(hash);
  }
}

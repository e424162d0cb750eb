package dev.verodestination.deliver;

import dev.verodestination.deliver.suppress.SuppressedUsers;
import java.util.HashSet;
import java.util.Set;

/** Suppressed users held in a set, counting the reads deliver makes of them. */
final class StubSuppressedUsers implements SuppressedUsers {

  final Set<String> hashes = new HashSet<>();
  int reads;

  StubSuppressedUsers suppress(String userId) {
    hashes.add(SuppressedUsers.hash(userId));
    return this;
  }

  @Override
  public long count() {
    reads++;
    return hashes.size();
  }

  @Override
  public boolean contains(String userHash) {
    reads++;
    return hashes.contains(userHash);
  }
}

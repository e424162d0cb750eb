package dev.verodestination.deliver;

import dev.verodestination.deliver.suppress.SuppressedUsers;
import java.util.HashSet;
import java.util.Set;

/** Suppressed users held in a set, counting the reads deliver makes of them. */
public final class StubSuppressedUsers implements SuppressedUsers {

  public final Set<String> hashes = new HashSet<>();
  public int countReads;
  public int userReads;

  public StubSuppressedUsers suppress(String userId) {
    hashes.add(SuppressedUsers.hash(userId));
    return this;
  }

  @Override
  public long count() {
    countReads++;
    return hashes.size();
  }

  @Override
  public boolean contains(String userHash) {
    userReads++;
    return hashes.contains(userHash);
  }
}

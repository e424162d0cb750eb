package dev.verodestination.deliver.suppress;

import dev.verodestination.crypto.Sha256;
import dev.verodestination.deliver.CallProgress.ProgressUnavailableException;

/**
 * The users whose messages no longer go to Vero ({@code suppress}, {@code forget --suppress}): a
 * person forgotten stays forgotten. Kept by the SHA-256 of each userId, never the id itself: the
 * list is asked about ids, never for them.
 */
public interface SuppressedUsers {

  /** How many users are suppressed: none lets deliver ask nothing about each message. */
  long count() throws ProgressUnavailableException;

  /** Whether the user of this SHA-256 (of the userId, hex) is suppressed. */
  boolean contains(String userHash) throws ProgressUnavailableException;

  /** The key a userId is kept under. */
  static String hash(String userId) {
    return Sha256.hex(userId);
  }
}

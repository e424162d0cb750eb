package dev.verodestination.local.store;

import java.io.IOException;

/** Where message changes are kept: the queue database, or in tests one that refuses on cue. */
public interface MessageStore {

  void put(String queue, StoredMessage message) throws IOException;

  void remove(String queue, String messageId) throws IOException;

  /** The folder it writes to, for an operator reading why it cannot. */
  String place();
}

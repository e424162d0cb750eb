package dev.verodestination.local.store;

import dev.verodestination.config.InvalidSettingException;
import java.nio.file.Path;

/**
 * The runner's queue store is there but cannot be read whole: the runner stops, naming the file and
 * the command that saves what can be read; the file itself is left as it is.
 */
public final class StoreDamagedException extends InvalidSettingException {

  /** One row that is not a message as the runner wrote it. */
  static final class Unreadable extends Exception {
    Unreadable(String message) {
      super(message);
    }
  }

  public StoreDamagedException(Path file, String why) {
    super("the queue store " + file + " is damaged (" + why + "); it is left as it is. Run `java -jar vero-destination-local.jar "
        + StoreSalvage.COMMAND + "` (with the same DATA_DIR) to keep every message that can be read in a new store and set the "
        + "damaged file aside beside it, then start the runner again");
  }
}

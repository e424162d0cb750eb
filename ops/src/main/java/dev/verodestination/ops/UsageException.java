package dev.verodestination.ops;

/** A mistake in a command, said so that the user can correct it: exit status 2. */
public final class UsageException extends Exception {

  public UsageException(String message) {
    super(message);
  }

  /** A number outside its range is a mistake that names the option and the range. */
  public static int within(String option, int value, int min, int max) throws UsageException {
    if (value < min || value > max) {
      throw new UsageException(option + " must be between " + min + " and " + max + " (got " + value + ")");
    }
    return value;
  }
}

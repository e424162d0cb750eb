package dev.verodestination.ops;

import picocli.CommandLine.Option;

/** {@code --limit}, for the commands that list a queue. */
final class LimitOption {

  @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "At most this many (1 to 100,000; default 1,000).")
  int limit;

  /** The limit, or a mistake naming its range. */
  int checked() throws UsageException {
    return UsageException.within("--limit", limit, 1, 100_000);
  }
}

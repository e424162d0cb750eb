package dev.verodestination.ops;

import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --progress-table}, for the commands that touch deliver's progress table on AWS. */
final class ProgressTableOption {

  @Option(names = "--progress-table", paramLabel = "NAME",
      description = "Deliver's progress table on AWS, when the queues are named without --stack.")
  String name;

  Map<String, String> given() {
    return name == null ? Map.of() : Map.of("ProgressTableName", name);
  }
}

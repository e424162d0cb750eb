package dev.verodestination.ops;

import picocli.CommandLine.Option;

/** {@code -h}, {@code --help}: a command's synopsis, what it does and each of its options. */
public final class HelpOption {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this command's options.")
  boolean help;
}

package dev.verodestination.ops;

import picocli.CommandLine.Option;

/** {@code --json}, which every command takes. */
public final class JsonOption {

  @Option(names = "--json", description = "One JSON document on stdout, for a script, instead of sentences.")
  public boolean json;
}

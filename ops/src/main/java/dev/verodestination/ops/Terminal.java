package dev.verodestination.ops;

import java.io.PrintStream;

/** Where every command writes: its output, and its notes and mistakes. */
public record Terminal(PrintStream out, PrintStream err) {

  /** A command's output, as a person reads it or, with {@code --json}, a script. */
  public CommandOutput output(boolean json) {
    return new CommandOutput(out, err, json);
  }
}

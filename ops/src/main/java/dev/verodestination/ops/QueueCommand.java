package dev.verodestination.ops;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * A command that acts on the runner's or a deployed stack's queues: where (its {@link TargetOptions}),
 * {@code --help} and {@code --json}; the target is resolved once, after the command's own checks,
 * and closed when it is done.
 */
abstract class QueueCommand implements Callable<Integer> {

  private final Terminal terminal;
  @Mixin TargetOptions target;
  @Mixin HelpOption help;
  @Mixin JsonOption json;

  QueueCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  /** A mistake the command can see in its own arguments, said before any runner or stack is asked. */
  void check() throws UsageException {}

  /** Places the command's own options name ({@code webhookUrl}, {@code ProgressTableName}). */
  Map<String, String> given() {
    return Map.of();
  }

  abstract int run(StackOrRunner on, CommandOutput output) throws UsageException, InterruptedException;

  @Override
  public final Integer call() throws UsageException, InterruptedException {
    check();
    try (StackOrRunner on = StackOrRunner.resolve(target, given())) {
      return run(on, terminal.output(json.json));
    }
  }
}

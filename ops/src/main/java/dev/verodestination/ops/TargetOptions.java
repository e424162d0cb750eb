package dev.verodestination.ops;

import java.util.Optional;
import picocli.CommandLine.Option;

/** Where a command acts, as each command that touches the queues takes it: the local runner, or a deployed stack's queues. */
public final class TargetOptions {

  @Option(names = "--runner", paramLabel = "URL", description = "The local runner to act on (default " + StackOrRunner.DEFAULT_RUNNER + ").")
  String runner;

  @Option(names = "--stack", paramLabel = "NAME", description = "A deployed stack: its queues, table and secret from its outputs.")
  String stack;

  @Option(names = "--queue-url", paramLabel = "URL", description = "The event queue on AWS (or LocalStack).")
  String queueUrl;

  @Option(names = "--dlq-url", paramLabel = "URL", description = "The dead-letter queue on AWS.")
  String dlqUrl;

  @Option(names = "--webhook-dlq-url", paramLabel = "URL", description = "The webhook dead-letter queue on AWS.")
  String webhookDlqUrl;

  @Option(names = "--region", paramLabel = "REGION", description = "The AWS region (default AWS_REGION or the profile's).")
  String region;

  @Option(names = "--endpoint-url", paramLabel = "URL", description = "Another endpoint for SQS and DynamoDB, e.g. LocalStack.")
  String endpointUrl;

  /** Whether AWS queues are named: then the command acts on AWS, not on the runner. */
  public boolean namesAws() {
    return given(queueUrl).or(() -> given(dlqUrl)).or(() -> given(webhookDlqUrl)).or(() -> given(stack)).isPresent();
  }

  /** Whether the command names the event queue itself. */
  public boolean namesQueue() {
    return given(queueUrl).isPresent();
  }

  /** An option given with a value that is not blank. */
  public static Optional<String> given(String value) {
    return Optional.ofNullable(value).filter(v -> !v.isBlank());
  }
}

package dev.verodestination.priming;

import dev.verodestination.log.JsonLog;
import dev.verodestination.queue.SqsClients;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What a function's priming builds its own handler from: an SQS client made as the function's is,
 * but signing with made-up credentials for the stand-in, and a log that writes nowhere. None of it
 * is the function's: its own clients stay unconnected until the first real event.
 */
public final class PrimingParts {

  private PrimingParts() {}

  /** Made up: the stand-in checks no signature, and nothing signed with them leaves the machine. */
  public static final AwsCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming"));

  public static SqsClient sqs(LoopbackStandIn standIn) {
    return SqsClients.create(Region.US_EAST_1, CREDENTIALS, Optional.of(standIn.uri()));
  }

  public static String fifoQueueUrl(LoopbackStandIn standIn) {
    return standIn.uri() + "/000000000000/priming.fifo";
  }

  public static JsonLog quietLog(String component) {
    return new JsonLog(component, new PrintStream(OutputStream.nullOutputStream()));
  }
}

package dev.verodestination.local.sqs;

import java.security.SecureRandom;
import java.util.HexFormat;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The credential the embedded SQS endpoint accepts: made up at each start, known to the runner and,
 * through its operator route, to the operator commands; any other is refused.
 */
public record RunnerCredential(String accessKeyId, String secretAccessKey) {

  private static final SecureRandom RANDOM = new SecureRandom();

  public static RunnerCredential madeUp() {
    return new RunnerCredential("VDLOCAL" + hex(8).toUpperCase(java.util.Locale.ROOT), hex(20));
  }

  private static String hex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  public StaticCredentialsProvider provider() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
  }

  @Override
  public String toString() {
    // a record's own toString would print the secret wherever the credential is logged
    return "RunnerCredential[" + accessKeyId + "]";
  }
}

package dev.verodestination.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The Lambda context the runner hands each invocation: a fresh request id, so that the runner's log
 * lines of one request can be followed as in CloudWatch, and the function's timeout and memory size
 * as template.yaml sets them. The cost harness hands it too, so that log lines have their real length.
 */
public final class LocalContext implements Context {

  private static final int TEMPLATE_MEMORY_MB = 512;

  private final String functionName;
  private final String requestId = UUID.randomUUID().toString();
  private final long deadlineMillis;

  public LocalContext(String functionName, int timeoutSeconds) {
    this.functionName = functionName;
    this.deadlineMillis = System.currentTimeMillis() + timeoutSeconds * 1000L;
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/local/" + functionName;
  }

  @Override
  public String getLogStreamName() {
    return "local";
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:local:000000000000:function:" + functionName;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
  }

  @Override
  public int getMemoryLimitInMB() {
    return TEMPLATE_MEMORY_MB;
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        System.out.print(message);
      }

      @Override
      public void log(byte[] message) {
        System.out.print(new String(message, StandardCharsets.UTF_8));
      }
    };
  }
}

package dev.verodestination.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sqs.SqsClient;

/** A function's SQS client seen through a counter: how many calls, and how long they took. */
final class SqsCalls {

  private final AtomicLong count = new AtomicLong();
  private final AtomicLong nanos = new AtomicLong();

  SqsClient around(SqsClient sqs) {
    return (SqsClient) Proxy.newProxyInstance(SqsClient.class.getClassLoader(), new Class<?>[] {SqsClient.class}, (proxy, method, args) -> {
      boolean call = !method.getName().equals("close") && !method.getName().equals("serviceName")
          && !method.getName().equals("serviceClientConfiguration");
      long started = System.nanoTime();
      try {
        return method.invoke(sqs, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      } finally {
        if (call) {
          count.incrementAndGet();
          nanos.addAndGet(System.nanoTime() - started);
        }
      }
    });
  }

  void clear() {
    count.set(0);
    nanos.set(0);
  }

  long count() {
    return count.get();
  }

  long nanos() {
    return nanos.get();
  }
}

package dev.verodestination.priming;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PrimingHookTest {

  @Test
  void theHookRegistersOnAJvmWithoutCracAndRunsItsPrimingBeforeACheckpoint() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    PrimingHook hook = PrimingHook.register(runs::incrementAndGet);
    assertEquals(0, runs.get(), "registering primes nothing: only a SnapStart checkpoint does");
    hook.beforeCheckpoint(null);
    assertEquals(1, runs.get());
  }
}

package dev.verodestination.priming;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Runs a function's priming just before Lambda SnapStart takes its snapshot. On a JVM without CRaC
 * (anything but a SnapStart publish) registering does nothing. The handler keeps the hook in a field,
 * since the CRaC context holds its resources weakly.
 */
public final class PrimingHook implements Resource {

  /** Enough rounds for the JIT to compile the hot path before the snapshot. */
  public static final int ROUNDS = 500;
  /** Rounds through the whole handler against the loopback stand-in: each is a real HTTP exchange. */
  public static final int HANDLER_ROUNDS = 100;
  /** Client hellos: the stand-in speaks plain HTTP, so TLS is primed on its own. */
  public static final int TLS_ROUNDS = 20;

  private final Runnable priming;

  private PrimingHook(Runnable priming) {
    this.priming = priming;
  }

  public static PrimingHook register(Runnable priming) {
    PrimingHook hook = new PrimingHook(priming);
    Core.getGlobalContext().register(hook);
    return hook;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    TlsPriming.run(TLS_ROUNDS);
    priming.run();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // nothing was cached that a restore must refresh: priming keeps no ids, no clock, and its stand-in
    // closed every connection; the function's own clients have not connected yet. The default TLS
    // context stays, which is the point: its generator (NativePRNG) mixes in fresh bytes from the
    // operating system, refetched when its buffer is older than 100 ms, so no two restores share keys
    // and no TLS session was made to resume
  }
}

package dev.toolseal.verifier;

/**
 * Test-scope access to {@link SuccessCache#clearAll()}: forgets every remembered check, so that
 * the next verification runs every signature, statement and manifest check again (used by
 * {@code VerifierBenchmark.verify100ToolsUncached} and by tests).
 */
public final class SuccessCaches {
  private SuccessCaches() {}

  /** Forgets every result of every {@link SuccessCache}. */
  public static void clearAll() {
    SuccessCache.clearAll();
  }
}

package dev.toolseal.verifier.relay;

import dev.toolseal.verifier.gate.Decision;
import dev.toolseal.verifier.gate.GateReason;
import dev.toolseal.verifier.gate.LiveManifests;
import dev.toolseal.verifier.manifest.ManifestException;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.mcp.McpRecordingException;
import dev.toolseal.verifier.mcp.RawSnapshot;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs verifications on one worker thread, never on a reading thread (the recording needs the
 * upstream reader to deliver its answers). Each event that invalidates the verdict schedules a
 * run; a run whose result is stale (a newer event arrived meanwhile) is discarded, because the
 * newer event's run follows. After {@link #MAX_STALE} stale runs in a row the server is rejected
 * as one that keeps changing. Every failure (recording, assembly, the verifier throwing or
 * returning nothing) becomes a rejection.
 */
final class Verification {
  static final int MAX_STALE = 5;

  private final GuardSettings settings;
  private final ExecutorService worker;
  private GuardSession session;
  private int stale; // worker thread only

  Verification(GuardSettings settings) {
    this.settings = settings;
    this.worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "toolseal-guard-verify");
      t.setDaemon(true);
      return t;
    });
  }

  void attach(GuardSession session) {
    this.session = session;
  }

  /** Queues a run; called under the session's lock, so it must not block. */
  void schedule() {
    worker.execute(this::run);
  }

  void shutdown() {
    worker.shutdownNow();
  }

  private void run() {
    if (session.state().verdict() != null) {
      return; // an earlier run already settled this event
    }
    GuardSession.Inputs in = session.inputs();
    GuardVerdict v = verify(in);
    boolean force = stale + 1 >= MAX_STALE;
    if (session.offer(in.generation(), force && session.state().generation() != in.generation()
        ? GuardVerdict.rejected(List.of(GateReason.server(GateReason.Kind.RECORDING_FAILED,
            "the server kept announcing changes while it was being verified")))
        : v, force)) {
      stale = 0;
    } else {
      stale++;
    }
  }

  private GuardVerdict verify(GuardSession.Inputs in) {
    try {
      LiveRecorder recorder = new LiveRecorder(session, settings.recording());
      RawSnapshot snap = in.modernVersion() != null
          ? recorder.recordModern(in.modernVersion(), in.clientCapabilities())
          : recorder.record(in.clientCapabilities(), in.initializeResult());
      // compare only what the server said: the client's capabilities are the reference's
      ToolManifest live = LiveManifests.of(settings.server(), snap,
          settings.reference().clientCapabilities().orElse(in.clientCapabilities()));
      Decision d = settings.verifier().verify(live);
      if (d == null) {
        return rejected(GateReason.Kind.VERIFICATION_FAILED, "the verifier returned no decision");
      }
      return GuardVerdict.settle(d, live, snap);
    } catch (McpRecordingException e) {
      return rejected(GateReason.Kind.RECORDING_FAILED, "recording the server failed: "
          + e.getMessage());
    } catch (ManifestException e) {
      return rejected(GateReason.Kind.RECORDING_FAILED, "the server's answers do not make a "
          + "manifest: " + e.getMessage());
    } catch (Exception | StackOverflowError e) {
      return rejected(GateReason.Kind.VERIFICATION_FAILED, "verification failed: "
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }

  private static GuardVerdict rejected(GateReason.Kind kind, String text) {
    return GuardVerdict.rejected(List.of(GateReason.server(kind, text)));
  }
}

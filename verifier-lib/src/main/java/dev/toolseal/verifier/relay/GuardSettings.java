package dev.toolseal.verifier.relay;

import dev.toolseal.verifier.gate.ManifestVerifier;
import dev.toolseal.verifier.manifest.ServerRef;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything one guard run needs.
 *
 * @param server the name the upstream is verified as (version {@code pinned} for local pins)
 * @param command the upstream command and its arguments (empty with {@code url})
 * @param url a streamable HTTP upstream instead of a command
 * @param env extra environment variables for the upstream
 * @param verifier decides about each live manifest (chosen from the policy options)
 * @param reference the client capabilities the verifier's reference was recorded with
 * @param audit where decisions are logged
 * @param diagnostics receives one line (or a few) per verdict, for stderr
 * @param timeout how long one of the guard's own requests may take
 * @param maxMessageBytes the longest line accepted from either side
 * @param recording how much one verification may record ({@link RecordingBounds#DEFAULT})
 * @param shutdownGrace how long the upstream may take to exit once its stdin is closed
 * @param referenceProtocolVersion the protocol version of the reference manifest (pin or
 *     release), when one is known before the upstream starts; the client's {@code initialize}
 *     asks the upstream for it
 * @param allowServerRequests relay server requests to the client under a partial acceptance
 * @param maxEvidenceAge a client list request under an older verdict re-verifies first
 * @param clock the clock verdict ages are measured with
 */
public record GuardSettings(ServerRef server, List<String> command, Optional<URI> url,
    Map<String, String> env,
    ManifestVerifier verifier, ReferenceCapabilities reference, AuditLog audit,
    Consumer<String> diagnostics, Duration timeout,
    int maxMessageBytes, RecordingBounds recording, Duration shutdownGrace,
    Optional<String> referenceProtocolVersion,
    boolean allowServerRequests, Duration maxEvidenceAge, Clock clock) {
  /** 4 MiB, as verifier-lib's recorder. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 << 20;
  /** Five minutes: a list request under an older verdict re-verifies first. */
  public static final Duration DEFAULT_MAX_EVIDENCE_AGE = Duration.ofMinutes(5);

  /**
   * Bounds on what one verification records of the lists (the rules of verifier-lib's {@code
   * ListWalk}).
   *
   * @param maxPages pages one list may take, counting the first
   * @param maxTotalChars all pages of one snapshot together, in chars as received
   */
  public record RecordingBounds(int maxPages, long maxTotalChars) {
    /** 1000 pages per list, 64 Mi chars per snapshot, as verifier-lib's recorder. */
    public static final RecordingBounds DEFAULT = new RecordingBounds(1000, 64L << 20);

    public RecordingBounds {
      if (maxPages < 1) {
        throw new IllegalArgumentException("maxPages below 1");
      }
      if (maxTotalChars < 1) {
        throw new IllegalArgumentException("maxTotalChars below 1");
      }
    }
  }

  public GuardSettings {
    Objects.requireNonNull(server, "server");
    command = List.copyOf(command);
    Objects.requireNonNull(url, "url");
    if (command.isEmpty() == url.isEmpty()) {
      throw new IllegalArgumentException("give an upstream command or a URL");
    }
    env = Map.copyOf(env);
    Objects.requireNonNull(verifier, "verifier");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(diagnostics, "diagnostics");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(recording, "recording");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    Objects.requireNonNull(referenceProtocolVersion, "referenceProtocolVersion");
    Objects.requireNonNull(clock, "clock");
    if (maxEvidenceAge.isNegative()) {
      throw new IllegalArgumentException("maxEvidenceAge is negative");
    }
    if (maxMessageBytes < 1024) {
      throw new IllegalArgumentException("maxMessageBytes below 1024");
    }
  }
}

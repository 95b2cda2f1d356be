package dev.toolseal.verifier.log;

import dev.toolseal.tlog.checkpoint.CheckpointException;
import dev.toolseal.tlog.checkpoint.SignedCheckpoint;
import dev.toolseal.tlog.checkpoint.WitnessQuorumException;
import dev.toolseal.tlog.note.CosignatureVerifier;
import dev.toolseal.tlog.note.NoteException;
import dev.toolseal.tlog.note.NoteSignature;
import dev.toolseal.tlog.note.NoteVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which logs a client trusts: their checkpoint keys (one per log; the key's name is the log's
 * origin) and, optionally, witnesses of which at least {@code quorum} must cosign every
 * checkpoint the client newly accepts.
 *
 * @param logKeys trusted log keys, at least one, with distinct names
 * @param witnesses trusted witness keys
 * @param quorum how many distinct witnesses must cosign, 0..witnesses.size()
 * @param maxAge when present and the quorum is above 0, at least {@code quorum} of those
 *     cosignatures must have been made within this time of the clock's now (C2SP checkpoints
 *     carry no time; cosignatures do)
 * @param clock the clock {@code maxAge} is measured against
 */
public record LogTrust(List<NoteVerifier> logKeys, List<CosignatureVerifier> witnesses,
    int quorum, Optional<Duration> maxAge, Clock clock) {
  public LogTrust {
    Objects.requireNonNull(maxAge, "maxAge");
    Objects.requireNonNull(clock, "clock");
    if (maxAge.isPresent() && (maxAge.get().isNegative() || maxAge.get().isZero())) {
      throw new IllegalArgumentException("the maximum checkpoint age must be positive");
    }
    logKeys = List.copyOf(logKeys);
    witnesses = List.copyOf(witnesses);
    if (logKeys.isEmpty()) {
      throw new IllegalArgumentException("at least one trusted log key is needed");
    }
    Set<String> names = new HashSet<>();
    for (NoteVerifier k : logKeys) {
      if (!names.add(k.name())) {
        throw new IllegalArgumentException("two trusted log keys are named " + k.name());
      }
    }
    if (quorum < 0 || quorum > witnesses.size()) {
      throw new IllegalArgumentException("quorum must be between 0 and the number of witnesses");
    }
  }

  /** Trusts {@code logKeys} and a quorum of {@code witnesses}, however old their cosignatures. */
  public LogTrust(List<NoteVerifier> logKeys, List<CosignatureVerifier> witnesses, int quorum) {
    this(logKeys, witnesses, quorum, Optional.empty(), Clock.systemUTC());
  }

  /** Trusts {@code logKeys} without witnesses. */
  public static LogTrust of(NoteVerifier... logKeys) {
    return new LogTrust(List.of(logKeys), List.of(), 0);
  }

  /**
   * Requires the quorum of trusted cosignatures on {@code checkpoint} to be younger than
   * {@link #maxAge}; nothing to check without a quorum or a maximum age.
   *
   * @throws WitnessQuorumException naming the witnesses whose cosignature is missing or too old
   */
  public void requireFresh(SignedCheckpoint checkpoint) throws WitnessQuorumException {
    if (quorum == 0 || maxAge.isEmpty()) {
      return;
    }
    Instant oldest = clock.instant().minus(maxAge.get());
    List<String> fresh = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (CosignatureVerifier w : witnesses) {
      Optional<NoteSignature> sig = checkpoint.note().verifiedSignatures().stream()
          .filter(s -> s.isBy(w)).findFirst();
      long at = sig.map(CosignatureVerifier::timestamp).orElse(-1L);
      if (at >= 0 && !Instant.ofEpochSecond(at).isBefore(oldest)) {
        fresh.add(w.name());
      } else {
        missing.add(w.name() + (at < 0 ? "" : " (cosigned " + Instant.ofEpochSecond(at)
            + ", older than " + maxAge.get() + ")"));
      }
    }
    if (fresh.size() < quorum) {
      throw new WitnessQuorumException(quorum, fresh, missing);
    }
  }

  /** The trusted key of the log with this origin. */
  public Optional<NoteVerifier> keyForOrigin(String origin) {
    return logKeys.stream().filter(k -> k.name().equals(origin)).findFirst();
  }

  /** The trusted key of the log with this id. */
  public Optional<NoteVerifier> keyFor(LogId id) {
    return logKeys.stream().filter(k -> LogId.of(k).equals(id)).findFirst();
  }

  /**
   * Opens a signed checkpoint note of a trusted log, which log being read from its first line,
   * with the witness quorum.
   */
  public SignedCheckpoint open(byte[] signedNote) throws UntrustedCheckpointException {
    return open(signedNote, quorum);
  }

  /** Opens a note from our own store: the log key must have signed; witnesses are not asked. */
  SignedCheckpoint openStored(byte[] signedNote) throws UntrustedCheckpointException {
    return open(signedNote, 0);
  }

  private SignedCheckpoint open(byte[] signedNote, int needed)
      throws UntrustedCheckpointException {
    String origin = firstLine(signedNote);
    NoteVerifier key = keyForOrigin(origin).orElseThrow(() -> new UntrustedCheckpointException(
        origin, signedNote, "no trusted log key for this origin", null));
    try {
      SignedCheckpoint opened = CheckpointOpener.open(signedNote, key, witnesses, needed);
      if (needed > 0) {
        requireFresh(opened);
      }
      return opened;
    } catch (WitnessQuorumException e) {
      throw new UntrustedCheckpointException(origin, signedNote,
          "too few trusted witnesses cosigned the checkpoint (in time): " + e.getMessage(), e);
    } catch (NoteException | CheckpointException e) {
      throw new UntrustedCheckpointException(origin, signedNote,
          "the checkpoint does not verify against the trusted log key", e);
    }
  }

  private static String firstLine(byte[] note) {
    int end = 0;
    while (end < note.length && end < 4096 && note[end] != '\n') {
      end++;
    }
    return new String(note, 0, end, StandardCharsets.UTF_8);
  }
}

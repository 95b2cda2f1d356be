package dev.toolseal.verifier.log;

import dev.toolseal.tlog.checkpoint.CheckpointException;
import dev.toolseal.tlog.checkpoint.SignedCheckpoint;
import dev.toolseal.tlog.note.CosignatureVerifier;
import dev.toolseal.tlog.note.NoteException;
import dev.toolseal.tlog.note.NoteVerifier;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
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
 */
public record LogTrust(List<NoteVerifier> logKeys, List<CosignatureVerifier> witnesses,
    int quorum) {
  public LogTrust {
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

  /** Trusts {@code logKeys} without witnesses. */
  public static LogTrust of(NoteVerifier... logKeys) {
    return new LogTrust(List.of(logKeys), List.of(), 0);
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
      return CheckpointOpener.open(signedNote, key, witnesses, needed);
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

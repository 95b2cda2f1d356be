package dev.toolseal.verifier.log;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.checkpoint.CheckpointException;
import dev.toolseal.tlog.checkpoint.SignedCheckpoint;
import dev.toolseal.tlog.note.CosignatureVerifier;
import dev.toolseal.tlog.note.NoteException;
import dev.toolseal.tlog.note.NoteVerifier;
import dev.toolseal.verifier.SuccessCache;
import dev.toolseal.verifier.json.Jcs;
import dev.toolseal.verifier.keys.Ed25519Check;
import java.util.Collection;
import java.util.List;

/**
 * {@link SignedCheckpoint#open} with a memory: a note that opened once under the same log key,
 * witnesses and quorum is not verified again. The key is SHA-256 of the exact note bytes plus
 * those keys (by value) and the quorum, which is everything the opening reads; failures are never
 * remembered (see {@link SuccessCache}). A client sees the same checkpoint note in every bundle
 * of a release and again from its own store, on every verification.
 *
 * <p>The Ed25519 signatures of the log key and the witnesses are checked with the library's own
 * RFC 8032 check ({@link Ed25519Check}, the one that checks DSSE signatures) through tlog-core's
 * {@link dev.toolseal.tlog.note.SignatureCheck}, not with the JDK's slower one.
 */
public final class CheckpointOpener {
  private record Key(Hash note, NoteVerifier logKey, List<CosignatureVerifier> witnesses,
      int quorum) {}

  private static final SuccessCache<Key, SignedCheckpoint> OPENED = new SuccessCache<>(1024);

  private CheckpointOpener() {}

  /** As {@link SignedCheckpoint#open(byte[], NoteVerifier, Collection, int)}. */
  public static SignedCheckpoint open(byte[] signedNote, NoteVerifier logKey,
      Collection<CosignatureVerifier> witnesses, int quorum)
      throws NoteException, CheckpointException {
    byte[] note = signedNote.clone();
    Key key = new Key(Jcs.sha256(note), logKey, List.copyOf(witnesses), quorum);
    try {
      return OPENED.get(key, () -> {
        try {
          return SignedCheckpoint.open(note, logKey.withCheck(Ed25519Check::verify),
              witnesses.stream().map(w -> w.withCheck(Ed25519Check::verify)).toList(), quorum);
        } catch (NoteException | CheckpointException e) {
          throw new Refused(e);
        }
      });
    } catch (Refused r) {
      if (r.getCause() instanceof NoteException e) {
        throw e;
      }
      throw (CheckpointException) r.getCause();
    }
  }

  /** Either failure of the opening, carried out of the cache as the cause. */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(Exception cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }
}

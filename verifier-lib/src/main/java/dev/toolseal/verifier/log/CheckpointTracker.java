package dev.toolseal.verifier.log;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.MerkleTree;
import dev.toolseal.tlog.ProofException;
import dev.toolseal.tlog.checkpoint.Checkpoint;
import dev.toolseal.tlog.checkpoint.SignedCheckpoint;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps a client's view of each trusted log moving forward only. Every checkpoint presented is
 * opened against the trusted log key (and witness quorum) and then compared with the newest one
 * stored for that log:
 *
 * <ul>
 *   <li>nothing stored yet: it is stored (trust on first use of this store);
 *   <li>larger: a consistency proof from the stored size to the new size, fetched from the
 *       {@link LogClient}, must verify; then the new one replaces the stored one by
 *       compare-and-swap (if another writer won the race, the comparison starts again);
 *   <li>same size: the roots must be equal; the stored one is kept;
 *   <li>smaller (an older view, e.g. the checkpoint an offline bundle was made against): a
 *       consistency proof from the new, smaller tree to the stored one must verify; the stored
 *       one is kept, so the view never moves backwards.
 * </ul>
 *
 * Two roots for one size or a proof that does not verify is a {@link LogForkException} with both
 * signed checkpoints; its evidence ({@link ForkEvidence}) is recorded in the store, and from then
 * on every checkpoint of that log is refused with a {@link ForkedLogException} until a person
 * clears the record ({@link CheckpointStore#clearFork}). A proof that cannot be fetched is an
 * {@link IOException}: the checkpoint is neither accepted nor stored.
 */
public final class CheckpointTracker {
  private static final int MAX_ATTEMPTS = 32;
  private final LogTrust trust;
  private final CheckpointStore store;
  private final LogClient client;

  public CheckpointTracker(LogTrust trust, CheckpointStore store, LogClient client) {
    this.trust = Objects.requireNonNull(trust, "trust");
    this.store = Objects.requireNonNull(store, "store");
    this.client = Objects.requireNonNull(client, "client");
  }

  /** The newest checkpoint stored for {@code origin}, opened against its trusted key. */
  public Optional<SignedCheckpoint> latest(String origin)
      throws IOException, UntrustedCheckpointException {
    Optional<byte[]> stored = store.load(origin);
    return stored.isEmpty() ? Optional.empty() : Optional.of(openStored(origin, stored.get()));
  }

  /**
   * Accepts {@code signedNote} if it is a trusted checkpoint consistent with the stored view, and
   * stores it if it is newer.
   *
   * @return the opened checkpoint
   * @throws UntrustedCheckpointException if the note, or the stored one, does not verify
   * @throws LogForkException if it is inconsistent with the stored checkpoint (the evidence is
   *     then recorded in the store)
   * @throws ForkedLogException if a fork of this log was recorded before and not cleared
   * @throws IOException if the store fails or a needed proof cannot be fetched
   */
  public SignedCheckpoint observe(byte[] signedNote) throws UntrustedCheckpointException,
      LogForkException, ForkedLogException, IOException {
    SignedCheckpoint fresh = trust.open(signedNote);
    String origin = fresh.checkpoint().origin();
    Optional<String> record = store.forkRecord(origin);
    if (record.isPresent()) {
      throw new ForkedLogException(origin, record.get());
    }
    try {
      return advance(fresh);
    } catch (LogForkException e) {
      throw e.recordedAt(store.recordFork(origin, ForkEvidence.json(e)));
    }
  }

  private SignedCheckpoint advance(SignedCheckpoint fresh)
      throws UntrustedCheckpointException, LogForkException, IOException {
    Checkpoint f = fresh.checkpoint();
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<byte[]> stored = store.load(f.origin());
      if (stored.isEmpty()) {
        if (store.compareAndSet(f.origin(), stored, fresh.signedNote())) {
          return fresh;
        }
        continue;
      }
      SignedCheckpoint known = openStored(f.origin(), stored.get());
      Checkpoint k = known.checkpoint();
      if (f.size() == k.size()) {
        if (!f.root().equals(k.root())) {
          throw new LogForkException(known, fresh, List.of(), null);
        }
        return fresh;
      }
      if (f.size() < k.size()) {
        checkConsistent(fresh, known, known, fresh);
        return fresh;
      }
      checkConsistent(known, fresh, known, fresh);
      if (store.compareAndSet(f.origin(), stored, fresh.signedNote())) {
        return fresh;
      }
    }
    throw new IOException("the stored checkpoint of " + f.origin() + " kept changing; gave up");
  }

  private void checkConsistent(SignedCheckpoint older, SignedCheckpoint newer,
      SignedCheckpoint known, SignedCheckpoint presented) throws LogForkException, IOException {
    Checkpoint a = older.checkpoint();
    Checkpoint b = newer.checkpoint();
    List<Hash> proof = a.size() == 0 ? List.of()
        : List.copyOf(client.consistencyProof(a.origin(), a.size(), b.size()));
    try {
      MerkleTree.verifyConsistency(a.size(), b.size(), proof, a.root(), b.root());
    } catch (ProofException e) {
      throw new LogForkException(known, presented, proof, e);
    }
  }

  private SignedCheckpoint openStored(String origin, byte[] note)
      throws UntrustedCheckpointException {
    SignedCheckpoint known = trust.openStored(note);
    if (!known.checkpoint().origin().equals(origin)) {
      throw new UntrustedCheckpointException(origin, note,
          "the store holds a checkpoint of another log", null);
    }
    return known;
  }
}

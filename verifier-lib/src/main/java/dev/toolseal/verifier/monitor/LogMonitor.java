package dev.toolseal.verifier.monitor;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.MerkleTree;
import dev.toolseal.tlog.ProofException;
import dev.toolseal.tlog.Rfc6962;
import dev.toolseal.tlog.checkpoint.Checkpoint;
import dev.toolseal.tlog.checkpoint.SignedCheckpoint;
import dev.toolseal.tlog.tiles.TileHashReader;
import dev.toolseal.tlog.tiles.TileId;
import dev.toolseal.verifier.log.CheckpointStore;
import dev.toolseal.verifier.log.CheckpointTracker;
import dev.toolseal.verifier.log.ForkedLogException;
import dev.toolseal.verifier.log.LogForkException;
import dev.toolseal.verifier.log.LogLeaf;
import dev.toolseal.verifier.log.LogLeafFormatException;
import dev.toolseal.verifier.log.LogTrust;
import dev.toolseal.verifier.log.MemoryCheckpointStore;
import dev.toolseal.verifier.log.UntrustedCheckpointException;
import dev.toolseal.verifier.registry.RegistryClient;
import dev.toolseal.verifier.registry.RegistryLogClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One pass of a log monitor: fetch the registry's latest checkpoint, check it is signed by the
 * trusted log key and consistent with the checkpoint stored from the last pass (else {@link
 * LogForkException}), read every entry added since from the entry tiles, prove each one included
 * under the signed root using the hash tiles (else {@link LogTamperedException}), decode its leaf
 * and judge it with a {@link WatchPolicy}. Only after all of that is the new checkpoint stored, so
 * a failed pass is repeated in full next time.
 *
 * <p>With nothing stored the pass reads the log from index 0.
 */
public final class LogMonitor {
  /** Most entries read in one pass; the rest wait for the next. */
  public static final long MAX_ENTRIES_PER_PASS = 1 << 20;

  /** A watched entry; {@code alert} says why it is one. */
  public record Entry(long index, Optional<LogLeaf> leaf, Optional<String> alert) {}

  /**
   * What one pass saw.
   *
   * @param checkpoint the verified checkpoint the pass read up to
   * @param fromSize the tree size stored before the pass (0 if none)
   * @param toSize the size the pass read up to (and stored)
   * @param watched entries of watched namespaces, and unreadable entries, in log order
   */
  public record Pass(SignedCheckpoint checkpoint, long fromSize, long toSize, List<Entry> watched) {
    public List<Entry> alerts() {
      return watched.stream().filter(e -> e.alert().isPresent()).toList();
    }
  }

  private LogMonitor() {}

  public static Pass poll(RegistryClient client, LogTrust trust, CheckpointStore store,
      WatchPolicy watch)
      throws IOException, UntrustedCheckpointException, LogForkException, LogTamperedException {
    byte[] note = client.checkpoint();
    SignedCheckpoint fresh = trust.open(note);
    String origin = fresh.checkpoint().origin();
    Optional<byte[]> stored = store.load(origin);
    MemoryCheckpointStore scratch = new MemoryCheckpointStore();
    if (stored.isPresent()) {
      scratch.compareAndSet(origin, Optional.empty(), stored.get());
    }
    CheckpointTracker tracker = new CheckpointTracker(trust, scratch,
        new RegistryLogClient(client));
    long from = tracker.latest(origin).map(c -> c.checkpoint().size()).orElse(0L);
    try {
      tracker.observe(note); // consistency with the stored view, or a fork
    } catch (ForkedLogException e) {
      throw new IllegalStateException("a fresh scratch store holds no fork record", e);
    }
    Checkpoint c = fresh.checkpoint();
    if (c.size() <= from) {
      return new Pass(fresh, from, from, List.of());
    }
    long to = Math.min(c.size(), from + MAX_ENTRIES_PER_PASS);
    List<Entry> watched = read(client, c, from, to, watch);
    if (to == c.size() && !store.compareAndSet(origin, stored, fresh.signedNote())) {
      throw new IOException("the checkpoint store changed during the pass; run again");
    }
    return new Pass(fresh, from, to, watched);
  }

  private static List<Entry> read(RegistryClient client, Checkpoint c, long from, long to,
      WatchPolicy watch) throws IOException, LogTamperedException {
    TileFetcher tiles = new TileFetcher(client);
    TileHashReader hashes = new TileHashReader(c.size(), tiles);
    List<Entry> out = new ArrayList<>();
    for (long t = from / TileId.FULL_WIDTH; t * TileId.FULL_WIDTH < to; t++) {
      long start = t * TileId.FULL_WIDTH;
      int width = (int) Math.min(TileId.FULL_WIDTH, c.size() - start);
      List<byte[]> entries = tiles.entries(new TileId(0, t, width));
      for (int i = 0; i < width; i++) {
        long index = start + i;
        if (index < from || index >= to) {
          continue;
        }
        byte[] bytes = entries.get(i);
        proveIncluded(bytes, index, c, hashes);
        judge(bytes, index, watch).ifPresent(out::add);
      }
    }
    return out;
  }

  private static void proveIncluded(byte[] entry, long index, Checkpoint c,
      TileHashReader hashes) throws IOException, LogTamperedException {
    Hash leafHash = Rfc6962.leafHash(entry);
    try {
      List<Hash> proof = MerkleTree.proveInclusion(index, c.size(), hashes);
      MerkleTree.verifyInclusion(leafHash, index, c.size(), proof, c.root());
    } catch (ProofException e) {
      throw new LogTamperedException(index, "log entry " + index + " served by the registry is "
          + "not the one checkpoint " + c.size() + " commits to", e);
    }
  }

  private static Optional<Entry> judge(byte[] bytes, long index, WatchPolicy watch) {
    LogLeaf leaf;
    try {
      leaf = LogLeaf.parse(bytes);
    } catch (LogLeafFormatException | IllegalArgumentException e) {
      return Optional.of(new Entry(index, Optional.empty(),
          Optional.of("the logged entry is not a ToolSeal leaf")));
    }
    if (!watch.watches(leaf)) {
      return Optional.empty();
    }
    return Optional.of(new Entry(index, Optional.of(leaf), watch.check(leaf)));
  }
}

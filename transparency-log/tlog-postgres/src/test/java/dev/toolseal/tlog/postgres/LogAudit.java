package dev.toolseal.tlog.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.tlog.MerkleTree;
import dev.toolseal.tlog.Rfc6962;
import dev.toolseal.tlog.checkpoint.Checkpoint;
import dev.toolseal.tlog.checkpoint.SignedCheckpoint;
import dev.toolseal.tlog.engine.LogReader;
import dev.toolseal.tlog.engine.LogStore;
import dev.toolseal.tlog.engine.PublishedCheckpoint;
import dev.toolseal.tlog.engine.TestLogKey;
import dev.toolseal.tlog.tiles.EntryBundle;
import dev.toolseal.tlog.tiles.TileId;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks a log the way an auditor would, from its tiles and signed checkpoints. */
final class LogAudit {
  private final LogStore store;
  private final LogReader reader;

  LogAudit(LogStore store) {
    this.store = store;
    this.reader = new LogReader(store);
  }

  /** Every published checkpoint, smallest first. */
  List<PublishedCheckpoint> history() throws Exception {
    return store.checkpoints(0, Integer.MAX_VALUE);
  }

  /**
   * Each acknowledged entry is stored at its index and has a valid inclusion proof, computed
   * from the tiles, against {@code cp}.
   */
  void assertIncluded(Map<Long, String> acked, PublishedCheckpoint cp) throws Exception {
    Map<Long, List<byte[]>> bundles = new HashMap<>();
    for (Map.Entry<Long, String> e : acked.entrySet()) {
      long index = e.getKey();
      byte[] entry = e.getValue().getBytes(StandardCharsets.UTF_8);
      assertTrue(index < cp.size(), "acknowledged entry " + index + " is not in the tree");
      assertArrayEquals(entry, store.readLeaves(index, 1).get(0).entry(), "entry " + index);
      long b = index / TileId.FULL_WIDTH;
      if (!bundles.containsKey(b)) {
        int width = (int) Math.min(TileId.FULL_WIDTH, cp.size() - b * TileId.FULL_WIDTH);
        TileId id = new TileId(0, b, width);
        bundles.put(b, EntryBundle.decode(reader.entryBundle(id).orElseThrow(), id));
      }
      assertArrayEquals(entry, bundles.get(b).get((int) (index % TileId.FULL_WIDTH)),
          "entry " + index + " in its bundle");
      MerkleTree.verifyInclusion(Rfc6962.leafHash(entry), index, cp.size(),
          reader.inclusionProof(index, cp.size()), cp.root());
    }
  }

  /** {@code cp} is signed by the test log key and its note says what the row says. */
  static void assertSigned(PublishedCheckpoint cp) throws Exception {
    Checkpoint body = SignedCheckpoint.open(cp.note(), TestLogKey.verifier()).checkpoint();
    assertEquals(new Checkpoint(TestLogKey.ORIGIN, cp.size(), cp.root()), body);
  }

  /** {@code newer} is an append-only extension of {@code older}, proven from the tiles. */
  void assertConsistent(PublishedCheckpoint older, PublishedCheckpoint newer) throws Exception {
    MerkleTree.verifyConsistency(older.size(), newer.size(),
        reader.consistencyProof(older.size(), newer.size()), older.root(), newer.root());
  }
}

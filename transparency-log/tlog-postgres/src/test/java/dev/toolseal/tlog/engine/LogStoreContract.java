package dev.toolseal.tlog.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.MerkleTree;
import dev.toolseal.tlog.Rfc6962;
import dev.toolseal.tlog.checkpoint.Checkpoint;
import dev.toolseal.tlog.checkpoint.SignedCheckpoint;
import dev.toolseal.tlog.tiles.EntryBundle;
import dev.toolseal.tlog.tiles.Tile;
import dev.toolseal.tlog.tiles.TileId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link LogStore} contract, run against every implementation: each subclass supplies a
 * fresh, empty store per test.
 */
public abstract class LogStoreContract {
  protected LogStore store;

  /** A new, empty store. */
  protected abstract LogStore newStore() throws Exception;

  /** Releases what {@link #newStore()} opened. */
  protected void closeStore() throws Exception {}

  @BeforeEach
  void open() throws Exception {
    store = newStore();
  }

  @AfterEach
  void close() throws Exception {
    closeStore();
  }

  static byte[] entry(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static List<Leaf> leaves(String prefix, int n) {
    List<Leaf> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Leaf.of(entry(prefix + "-" + i)));
    }
    return out;
  }

  /** Integrates everything sequenced, in steps of at most {@code step} entries. */
  List<PublishedCheckpoint> integrateAll(int step) throws Exception {
    Integrator integrator =
        new Integrator(store, TestLogKey.signer(), LogOptions.defaults().withIntegrationBatch(step));
    List<PublishedCheckpoint> published = new ArrayList<>();
    while (true) {
      var cp = integrator.integrateOnce();
      if (cp.isEmpty()) {
        return published;
      }
      published.add(cp.get());
    }
  }

  @Test
  void sequencesBatchesAtConsecutiveIndexes() throws Exception {
    assertEquals(0, store.sequencedSize());
    assertEquals(0, store.sequence(leaves("a", 1)));
    assertEquals(1, store.sequence(leaves("b", 3)));
    assertEquals(4, store.sequence(leaves("c", 5)));
    assertEquals(9, store.sequencedSize());
    List<Leaf> all = new ArrayList<>();
    all.addAll(leaves("a", 1));
    all.addAll(leaves("b", 3));
    all.addAll(leaves("c", 5));
    List<Leaf> read = store.readLeaves(0, 9);
    for (int i = 0; i < 9; i++) {
      assertArrayEquals(all.get(i).entry(), read.get(i).entry(), "entry " + i);
      assertEquals(all.get(i).hash(), read.get(i).hash());
    }
    assertEquals(all.subList(3, 7), store.readLeaves(3, 4));
  }

  @Test
  void readingBeyondTheSequencedSizeFails() throws Exception {
    store.sequence(leaves("a", 3));
    assertThrows(IllegalArgumentException.class, () -> store.readLeaves(2, 2));
    assertThrows(IllegalArgumentException.class, () -> store.readLeaves(-1, 1));
    assertEquals(List.of(), store.readLeaves(3, 0));
  }

  @Test
  void concurrentSequencersGetDisjointConsecutiveRanges() throws Exception {
    int threads = 4;
    int batches = 15;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<Long>>> firsts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        firsts.add(pool.submit(() -> {
          List<Long> mine = new ArrayList<>();
          for (int b = 0; b < batches; b++) {
            mine.add(store.sequence(leaves("t" + thread + "b" + b, 1 + b % 4)));
          }
          return mine;
        }));
      }
      Set<Long> indexes = new HashSet<>();
      long total = 0;
      for (int t = 0; t < threads; t++) {
        List<Long> mine = firsts.get(t).get();
        for (int b = 0; b < batches; b++) {
          List<Leaf> expected = leaves("t" + t + "b" + b, 1 + b % 4);
          assertEquals(expected, store.readLeaves(mine.get(b), expected.size()));
          for (int i = 0; i < expected.size(); i++) {
            assertTrue(indexes.add(mine.get(b) + i), "index handed out twice");
          }
          total += expected.size();
        }
      }
      assertEquals(total, store.sequencedSize());
      assertEquals(total, indexes.size());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void emptyStoreHasNoCheckpoint() throws Exception {
    assertTrue(store.latestCheckpoint().isEmpty());
    assertEquals(TreeState.empty(), store.currentTree());
    assertEquals(List.of(), store.checkpoints(0, 10));
  }

  @Test
  void compareAndSwapRefusesAStaleTree() throws Exception {
    store.sequence(leaves("a", 20));
    TreeUpdate first = Integrator.prepare(store, TestLogKey.signer(), TreeState.empty(), 10);
    TreeUpdate rival = Integrator.prepare(store, TestLogKey.signer(), TreeState.empty(), 12);
    assertTrue(store.integrate(first));
    assertFalse(store.integrate(rival), "a second update from the empty tree must lose");
    assertFalse(store.integrate(first), "replaying the winner must lose too");
    TreeState now = store.currentTree();
    assertEquals(new TreeState(10, first.to().root()), now);

    TreeState wrongRoot = new TreeState(10, now.root().flipBit(0));
    TreeUpdate forged = Integrator.prepare(store, TestLogKey.signer(), now, 5);
    TreeUpdate fromWrongRoot =
        new TreeUpdate(wrongRoot, forged.to(), forged.tiles(), forged.bundles());
    assertFalse(store.integrate(fromWrongRoot));
    assertEquals(now, store.currentTree());
    assertEquals(List.of(first.to()), store.checkpoints(0, 10));

    assertTrue(store.integrate(forged));
    assertEquals(15, store.currentTree().size());
  }

  @Test
  void aCheckpointBeyondTheSequencedEntriesIsRefused() throws Exception {
    store.sequence(leaves("a", 3));
    TreeUpdate ok = Integrator.prepare(store, TestLogKey.signer(), TreeState.empty(), 3);
    PublishedCheckpoint tooBig = new PublishedCheckpoint(4, ok.to().root(), ok.to().note());
    assertThrows(IllegalArgumentException.class,
        () -> store.integrate(new TreeUpdate(TreeState.empty(), tooBig, ok.tiles(), List.of())));
    assertTrue(store.latestCheckpoint().isEmpty());
  }

  @Test
  void tilesAreImmutable() throws Exception {
    store.sequence(leaves("a", 300));
    integrateAll(300);
    TreeState now = store.currentTree();
    Tile full = store.readTiles(List.of(TileId.full(0, 0))).get(0);
    store.sequence(leaves("b", 5));
    TreeUpdate next = Integrator.prepare(store, TestLogKey.signer(), now, 5);

    List<Tile> sameAgain = new ArrayList<>(next.tiles());
    sameAgain.add(full);
    List<Tile> forged = new ArrayList<>(next.tiles());
    forged.add(Tile.of(full.id(), replaceFirst(full.hashes())));
    assertThrows(StoreConflictException.class,
        () -> store.integrate(new TreeUpdate(now, next.to(), forged, next.bundles())));
    assertEquals(now, store.currentTree(), "a refused update writes nothing");
    assertEquals(full, store.readTiles(List.of(full.id())).get(0));

    assertTrue(store.integrate(new TreeUpdate(now, next.to(), sameAgain, next.bundles())),
        "rewriting a tile with identical bytes is allowed");
    assertEquals(full, store.readTiles(List.of(full.id())).get(0));
  }

  @Test
  void entryBundlesAreImmutable() throws Exception {
    store.sequence(leaves("a", 260));
    integrateAll(260);
    TreeState now = store.currentTree();
    store.sequence(leaves("b", 5));
    TreeUpdate next = Integrator.prepare(store, TestLogKey.signer(), now, 5);
    List<byte[]> other = new ArrayList<>();
    for (int i = 0; i < TileId.FULL_WIDTH; i++) {
      other.add(entry("x"));
    }
    List<EntryBundleData> forged = new ArrayList<>(next.bundles());
    forged.add(new EntryBundleData(TileId.full(0, 0), EntryBundle.encode(other)));
    assertThrows(StoreConflictException.class,
        () -> store.integrate(new TreeUpdate(now, next.to(), next.tiles(), forged)));
    assertEquals(now, store.currentTree());
  }

  private static List<Hash> replaceFirst(List<Hash> hashes) {
    List<Hash> out = new ArrayList<>(hashes);
    out.set(0, out.get(0).flipBit(7));
    return out;
  }

  @Test
  void proofsFromTilesVerifyAgainstEveryCheckpoint() throws Exception {
    int[] batches = {1, 1, 2, 252, 1, 255, 1, 256, 300, 7};
    List<Leaf> all = new ArrayList<>();
    List<PublishedCheckpoint> published = new ArrayList<>();
    for (int b = 0; b < batches.length; b++) {
      List<Leaf> batch = leaves("batch" + b, batches[b]);
      store.sequence(batch);
      all.addAll(batch);
      published.addAll(integrateAll(1000));
    }
    assertEquals(batches.length, published.size());
    assertEquals(published, store.checkpoints(0, 100), "history holds every checkpoint");
    assertEquals(published.subList(3, 5), store.checkpoints(published.get(3).size(), 2));
    assertEquals(published.subList(4, 6), store.checkpoints(published.get(3).size() + 1, 2));
    LogReader reader = new LogReader(store);
    for (PublishedCheckpoint cp : published) {
      Checkpoint body = SignedCheckpoint.open(cp.note(), TestLogKey.verifier()).checkpoint();
      assertEquals(new Checkpoint(TestLogKey.ORIGIN, cp.size(), cp.root()), body);
      assertEquals(naiveRoot(all.subList(0, (int) cp.size())), cp.root());
      for (long i = 0; i < cp.size(); i += 1 + i / 7) {
        MerkleTree.verifyInclusion(all.get((int) i).hash(), i, cp.size(),
            reader.inclusionProof(i, cp.size()), cp.root());
      }
      for (PublishedCheckpoint older : published) {
        if (older.size() <= cp.size()) {
          MerkleTree.verifyConsistency(older.size(), cp.size(),
              reader.consistencyProof(older.size(), cp.size()), older.root(), cp.root());
        }
      }
    }
  }

  @Test
  void proofsBeyondTheLatestCheckpointAreRefused() throws Exception {
    store.sequence(leaves("a", 10));
    integrateAll(10);
    store.sequence(leaves("b", 10));
    LogReader reader = new LogReader(store);
    assertThrows(IllegalArgumentException.class, () -> reader.inclusionProof(3, 11));
    assertThrows(IllegalArgumentException.class, () -> reader.inclusionProof(10, 10));
    assertThrows(IllegalArgumentException.class, () -> reader.consistencyProof(5, 11));
    assertThrows(IllegalArgumentException.class, () -> reader.consistencyProof(6, 5));
  }

  @Test
  void partialTilesAndBundlesAreServedAfterTheFullOneReplacesThem() throws Exception {
    List<Leaf> all = leaves("a", 300);
    store.sequence(all.subList(0, 100));
    integrateAll(1000);
    store.sequence(all.subList(100, 300));
    integrateAll(1000);
    LogReader reader = new LogReader(store);
    TileId partial = new TileId(0, 0, 100);
    byte[] tile = reader.tile(partial).orElseThrow();
    assertEquals(100 * Hash.SIZE, tile.length);
    for (int i = 0; i < 100; i++) {
      assertEquals(all.get(i).hash(), Hash.of(tile, i * Hash.SIZE));
    }
    byte[] bundle = reader.entryBundle(partial).orElseThrow();
    List<byte[]> entries = EntryBundle.decode(bundle, partial);
    for (int i = 0; i < 100; i++) {
      assertArrayEquals(all.get(i).entry(), entries.get(i));
    }
    List<byte[]> second = EntryBundle.decode(
        reader.entryBundle(new TileId(0, 1, 44)).orElseThrow(), new TileId(0, 1, 44));
    assertArrayEquals(all.get(299).entry(), second.get(43));
    assertTrue(reader.tile(new TileId(0, 1, 45)).isEmpty(), "no tile beyond the tree");
    assertTrue(reader.entryBundle(new TileId(0, 1, 45)).isEmpty(), "no bundle beyond the tree");
    assertTrue(reader.entryBundle(new TileId(0, 2, 1)).isEmpty());
    store.sequence(leaves("b", 3));
    assertTrue(reader.entryBundle(new TileId(0, 1, 45)).isEmpty(),
        "sequenced is not enough: the checkpoint must cover the bundle");
    assertThrows(MissingObjectException.class,
        () -> store.readTiles(List.of(new TileId(1, 0, 2))));
  }

  private static Hash naiveRoot(List<Leaf> leaves) {
    if (leaves.isEmpty()) {
      return Rfc6962.emptyRoot();
    }
    if (leaves.size() == 1) {
      return leaves.get(0).hash();
    }
    int k = Integer.highestOneBit(leaves.size() - 1);
    return Rfc6962.nodeHash(
        naiveRoot(leaves.subList(0, k)), naiveRoot(leaves.subList(k, leaves.size())));
  }
}

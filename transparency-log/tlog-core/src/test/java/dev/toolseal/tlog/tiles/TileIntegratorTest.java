package dev.toolseal.tlog.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.MemoryHashReader;
import dev.toolseal.tlog.MerkleTree;
import dev.toolseal.tlog.NaiveMerkle;
import dev.toolseal.tlog.ProofException;
import dev.toolseal.tlog.Rfc6962;
import dev.toolseal.tlog.tiles.TileIntegrator.Integration;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TileIntegratorTest {
  private static final long[] SPOT_SIZES = {1, 2, 7, 255, 256, 257, 511, 512, 1000, 65535, 65536,
      65537};
  private static final int MAX_LEAVES = 65836;
  /** Every leaf hash any test here uses, and a direct (tile-free) hash reader over them. */
  private static final List<Hash> LEAVES = NaiveMerkle.leafHashes(0, MAX_LEAVES);
  private static final MemoryHashReader DIRECT = new MemoryHashReader(LEAVES);

  private static List<Hash> leaves(long from, long to) {
    return LEAVES.subList((int) from, (int) to);
  }

  /** Builds a tree of {@code size} leaves in uneven batches; checks every step. */
  private static MemoryTileStore buildInBatches(long size, long seed) throws IOException {
    MemoryTileStore store = new MemoryTileStore();
    Random rnd = new Random(seed);
    long at = 0;
    while (at < size) {
      long batch = Math.min(size - at, 1 + rnd.nextInt(rnd.nextBoolean() ? 300 : 5000));
      store.clearReads();
      Integration in = TileIntegrator.integrate(at, leaves(at, at + batch), store);
      assertEquals(at, in.oldSize());
      assertEquals(at + batch, in.newSize());
      // Only the old tree's partial tiles are read, in one call.
      List<TileId> partial = Tiles.partialTiles(at);
      assertEquals(partial.isEmpty() ? List.of() : List.of(partial), store.reads());
      assertEquals(Tiles.added(at, at + batch), ids(in.tiles()));
      store.putAll(in.tiles());
      at += batch;
      assertEquals(directRoot(at), in.root(), "root at size " + at);
    }
    return store;
  }

  private static Hash directRoot(long size) throws IOException {
    // A prefix's complete subtrees are complete subtrees of the whole list.
    return MerkleTree.treeHash(size, DIRECT);
  }

  private static List<TileId> ids(List<Tile> tiles) {
    List<TileId> out = new ArrayList<>();
    for (Tile t : tiles) {
      out.add(t.id());
    }
    return out;
  }

  @Test
  void spotSizesBuiltInBatchesMatchFromScratchAndServeProofs()
      throws IOException, ProofException {
    for (long size : SPOT_SIZES) {
      MemoryTileStore store = buildInBatches(size, size);
      Integration scratch =
          TileIntegrator.integrate(0, leaves(0, size), new MemoryTileStore());
      assertEquals(Tiles.forTree(size), ids(scratch.tiles()));
      // The newest version of every tile built in batches equals the from-scratch tile.
      for (Tile t : scratch.tiles()) {
        assertEquals(t, store.tiles().get(t.id()), "tile " + t.id() + " of size " + size);
      }
      Hash root = NaiveMerkle.mth(leaves(0, size));
      assertEquals(root, scratch.root());
      assertEquals(root, directRoot(size));
      checkProofs(size, root, store);
    }
  }

  private static void checkProofs(long size, Hash root, MemoryTileStore store)
      throws IOException, ProofException {
    Random rnd = new Random(size);
    TileHashReader reader = new TileHashReader(size, store);
    assertEquals(root, MerkleTree.treeHash(size, reader));
    for (int s = 0; s < 20; s++) {
      long i = s < 2 ? s * (size - 1) : (long) (rnd.nextDouble() * size);
      List<Hash> proof = MerkleTree.proveInclusion(i, size, reader);
      assertEquals(MerkleTree.proveInclusion(i, size, DIRECT), proof);
      MerkleTree.verifyInclusion(Rfc6962.leafHash(NaiveMerkle.leafData(i)), i, size, proof, root);

      long old = s < 2 ? s * size : 1 + (long) (rnd.nextDouble() * size);
      // Any smaller tree's nodes are complete subtrees of this tree, so its tiles serve them.
      Hash oldRoot = MerkleTree.treeHash(old, reader);
      assertEquals(directRoot(old), oldRoot);
      List<Hash> cproof = MerkleTree.proveConsistency(old, size, reader);
      assertEquals(MerkleTree.proveConsistency(old, size, DIRECT), cproof);
      MerkleTree.verifyConsistency(old, size, cproof, oldRoot, root);
    }
  }

  @Test
  void emptyBatchKeepsTheRootAndAddsNothing() throws IOException {
    MemoryTileStore store = buildInBatches(1000, 7);
    Integration in = TileIntegrator.integrate(1000, List.of(), store);
    assertEquals(List.of(), in.tiles());
    assertEquals(directRoot(1000), in.root());
    Integration empty = TileIntegrator.integrate(0, List.of(), new MemoryTileStore());
    assertEquals(Rfc6962.emptyRoot(), empty.root());
    assertEquals(List.of(), empty.tiles());
  }

  @Test
  void oneLeafAtATimeCrossingTileBoundaries() throws IOException {
    MemoryTileStore store = new MemoryTileStore();
    for (int n = 0; n < 600; n++) {
      Integration in = TileIntegrator.integrate(n, leaves(n, n + 1), store);
      store.putAll(in.tiles());
      assertEquals(NaiveMerkle.mth(leaves(0, n + 1)), in.root(), "size " + (n + 1));
    }
  }

  @Test
  void bigBatchAcrossSeveralLevelsAtOnce() throws IOException {
    // 65535 -> 65536 + 300 completes tiles at levels 0 and 1 and starts level 2.
    MemoryTileStore store = new MemoryTileStore();
    store.putAll(TileIntegrator.integrate(0, leaves(0, 65535), store).tiles());
    Integration in = TileIntegrator.integrate(65535, leaves(65535, 65836), store);
    assertEquals(Tiles.added(65535, 65836), ids(in.tiles()));
    assertEquals(directRoot(65836), in.root());
  }

  @Test
  void readerBreakingItsContractIsAnIoException() throws IOException {
    MemoryTileStore store = buildInBatches(300, 1);
    List<Hash> more = leaves(300, 301);
    assertThrows(IOException.class, () -> TileIntegrator.integrate(300, more, ids -> List.of()));
    assertThrows(IOException.class, () -> TileIntegrator.integrate(300, more,
        ids -> List.of(store.tiles().get(TileId.full(0, 0)))));
    Map<TileId, Tile> none = new HashMap<>();
    assertThrows(IOException.class,
        () -> TileIntegrator.integrate(300, more, ids -> new ArrayList<>(none.values())));
    assertTrue(store.tiles().size() > 0);
  }

  @Test
  void rejectsBadArguments() {
    MemoryTileStore store = new MemoryTileStore();
    assertThrows(IllegalArgumentException.class,
        () -> TileIntegrator.integrate(-1, List.of(), store));
    assertThrows(IllegalArgumentException.class,
        () -> TileIntegrator.integrate(Long.MAX_VALUE, leaves(0, 1), store));
  }
}

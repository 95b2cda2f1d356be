package dev.toolseal.tlog.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.MemoryHashReader;
import dev.toolseal.tlog.NaiveMerkle;
import dev.toolseal.tlog.NodeId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TileHashReaderTest {
  private static final int SIZE = 70_000;
  private static final List<Hash> LEAVES = NaiveMerkle.leafHashes(0, SIZE);

  private static MemoryTileStore store() throws IOException {
    MemoryTileStore store = new MemoryTileStore();
    store.putAll(TileIntegrator.integrate(0, LEAVES, store).tiles());
    return store;
  }

  @Test
  void servesEveryKindOfNodeInOneBatchedRead() throws IOException {
    MemoryTileStore store = store();
    MemoryHashReader direct = new MemoryHashReader(LEAVES);
    List<NodeId> ids = new ArrayList<>();
    for (int level = 0; level <= 16; level++) {
      long count = (long) SIZE >> level;
      ids.add(new NodeId(level, 0));
      ids.add(new NodeId(level, count - 1));
      ids.add(new NodeId(level, count / 2));
    }
    ids.add(NodeId.leaf(5)); // repeats are answered too
    ids.add(NodeId.leaf(5));
    store.clearReads();
    List<Hash> got = new TileHashReader(SIZE, store).readHashes(ids);
    assertEquals(direct.readHashes(ids), got);
    assertEquals(1, store.reads().size());
    assertEquals(store.reads().get(0).size(), new java.util.HashSet<>(store.reads().get(0)).size(),
        "each tile asked for once");
  }

  @Test
  void rejectsNodesOutsideTheTreeAndBrokenReaders() throws IOException {
    MemoryTileStore store = store();
    TileHashReader r = new TileHashReader(1000, store);
    assertThrows(IllegalArgumentException.class, () -> r.readHashes(List.of(NodeId.leaf(1000))));
    assertThrows(IllegalArgumentException.class, () -> r.readHashes(List.of(new NodeId(10, 0))));
    // Tiles of the 70,000 tree have other widths than the 1000 tree's right edge asks for.
    assertThrows(IOException.class, () -> r.readHashes(List.of(NodeId.leaf(999))));
    TileHashReader wrong = new TileHashReader(SIZE, ids -> List.of(store.tiles().get(
        TileId.full(0, 0))));
    assertThrows(IOException.class, () -> wrong.readHashes(List.of(NodeId.leaf(300))));
    TileHashReader few = new TileHashReader(SIZE, ids -> List.of());
    assertThrows(IOException.class, () -> few.readHashes(List.of(NodeId.leaf(300))));
    assertEquals(List.of(), few.readHashes(List.of()));
  }
}

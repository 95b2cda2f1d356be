package dev.toolseal.tlog.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.tlog.NodeId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TilesTest {
  /** The spec's definition: partial tile width at level l is floor(s / 256^l) mod 256. */
  private static Set<TileId> fromSpec(long size) {
    Set<TileId> out = new HashSet<>();
    for (int l = 0; l <= TileId.MAX_LEVEL; l++) {
      long hashes = size;
      for (int i = 0; i < l; i++) {
        hashes /= 256;
      }
      for (long n = 0; n < hashes / 256; n++) {
        out.add(TileId.full(l, n));
      }
      if (hashes % 256 != 0) {
        out.add(new TileId(l, hashes / 256, (int) (hashes % 256)));
      }
    }
    return out;
  }

  @Test
  void theSpecExamples() {
    // C2SP tlog-tiles: size 70,000 is 273 full level 0 tiles, a level 0 partial of width 112,
    // one full level 1 tile, a level 1 partial of width 17 and a level 2 partial of width 1.
    List<TileId> t = Tiles.forTree(70_000);
    assertEquals(273 + 1 + 1 + 1 + 1, t.size());
    assertTrue(t.contains(new TileId(0, 273, 112)));
    assertTrue(t.contains(TileId.full(1, 0)));
    assertTrue(t.contains(new TileId(1, 1, 17)));
    assertTrue(t.contains(new TileId(2, 0, 1)));
    // Size 256: one full level 0 tile and a level 1 partial of width 1.
    assertEquals(List.of(TileId.full(0, 0), new TileId(1, 0, 1)), Tiles.forTree(256));
    assertEquals(List.of(), Tiles.forTree(0));
  }

  @Test
  void forTreeAndAddedAgreeWithTheSpecForManySizes() {
    long[] sizes = {0, 1, 2, 255, 256, 257, 511, 512, 513, 65535, 65536, 65537, 70_000, 131_071};
    for (long s : sizes) {
      assertEquals(fromSpec(s), new HashSet<>(Tiles.forTree(s)), "size " + s);
      for (long old : sizes) {
        if (old > s) {
          continue;
        }
        Set<TileId> want = fromSpec(s);
        want.removeAll(fromSpec(old));
        List<TileId> added = Tiles.added(old, s);
        assertEquals(want, new HashSet<>(added), old + " -> " + s);
        assertEquals(added.size(), want.size(), "no duplicates");
      }
    }
    for (long s = 0; s <= 1100; s++) {
      List<TileId> partial = Tiles.partialTiles(s);
      List<TileId> want = new ArrayList<>();
      for (TileId id : fromSpec(s)) {
        if (id.isPartial()) {
          want.add(id);
        }
      }
      assertEquals(new HashSet<>(want), new HashSet<>(partial), "size " + s);
      assertEquals(Tiles.added(s, s + 1).size() >= 1, true);
    }
    assertThrows(IllegalArgumentException.class, () -> Tiles.added(5, 4));
    assertThrows(IllegalArgumentException.class, () -> Tiles.added(-1, 4));
  }

  @Test
  void addedForHugeTreesIsShort() {
    long big = Long.MAX_VALUE - 1000;
    List<TileId> added = Tiles.added(big - 1, big);
    assertTrue(added.size() <= 8, added.toString());
    assertEquals(TileId.MAX_LEVEL + 1, Tiles.partialTiles(Long.MAX_VALUE).size());
  }

  @Test
  void tileForFindsTheTileThatHoldsANode() {
    long size = 70_000;
    // Leaf 1000 is hash 232 of level 0 tile 3, full in this tree.
    assertEquals(TileId.full(0, 3), Tiles.tileFor(NodeId.leaf(1000), size));
    // Leaf 69_999 is in the right-edge partial tile.
    assertEquals(new TileId(0, 273, 112), Tiles.tileFor(NodeId.leaf(69_999), size));
    // Tree level 7 nodes are interior nodes of level 0 tiles.
    assertEquals(TileId.full(0, 5), Tiles.tileFor(new NodeId(7, 11), size));
    // Tree level 8 is stored in level 1 tiles; level 15 is inside them.
    assertEquals(new TileId(1, 1, 17), Tiles.tileFor(new NodeId(8, 256 + 16), size));
    assertEquals(TileId.full(1, 0), Tiles.tileFor(new NodeId(15, 1), size));
    assertEquals(new TileId(1, 1, 17), Tiles.tileFor(new NodeId(12, 16), size));
    assertEquals(new TileId(2, 0, 1), Tiles.tileFor(new NodeId(16, 0), size));
    assertThrows(IllegalArgumentException.class, () -> Tiles.tileFor(new NodeId(12, 17), size));
    assertThrows(IllegalArgumentException.class, () -> Tiles.tileFor(NodeId.leaf(70_000), size));
  }
}

package dev.toolseal.tlog.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.tlog.NodeId;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TileIdTest {
  @Test
  void pathsFromTheSpec() throws TileFormatException {
    // Examples from C2SP tlog-tiles: index 1234067 is x001/x234/067.
    assertEquals("tile/0/x001/x234/067", TileId.full(0, 1234067).path());
    assertEquals("tile/0/000", TileId.full(0, 0).path());
    assertEquals("tile/1/000.p/17", new TileId(1, 0, 17).path());
    assertEquals("tile/2/x001/000.p/1", new TileId(2, 1000, 1).path());
    assertEquals("tile/entries/x001/x234/067.p/255", new TileId(0, 1234067, 255).entriesPath());
    assertEquals("tile/entries/999", TileId.full(0, 999).entriesPath());
    assertEquals(TileId.full(0, 1234067), TileId.parsePath("tile/0/x001/x234/067"));
    assertEquals(new TileId(0, 7, 3), TileId.parseEntriesPath("tile/entries/007.p/3"));
    assertThrows(IllegalStateException.class, () -> TileId.full(1, 0).entriesPath());
  }

  @Test
  void roundTripsAcrossIndexMagnitudesLevelsAndWidths() throws TileFormatException {
    Random rnd = new Random(1);
    long[] indexes = {0, 1, 9, 10, 99, 100, 999, 1000, 1001, 999_999, 1_000_000, 1234067,
        (Long.MAX_VALUE >> 8) - 1, Long.MAX_VALUE >> 8};
    for (int level = 0; level <= TileId.MAX_LEVEL; level++) {
      long maxIndex = (Long.MAX_VALUE >> (8 * level)) / 256;
      for (long index : indexes) {
        for (int width : new int[] {1, 2, 100, 255, 256}) {
          long i = Math.min(index, maxIndex);
          TileId id;
          try {
            id = new TileId(level, i, width);
          } catch (IllegalArgumentException e) {
            continue; // the last tile of a level can be too narrow for this width
          }
          assertEquals(id, TileId.parsePath(id.path()), id.path());
          assertEquals(width < 256, id.isPartial());
          if (level == 0) {
            assertEquals(id, TileId.parseEntriesPath(id.entriesPath()));
          }
        }
      }
      long i = (long) (rnd.nextDouble() * maxIndex);
      TileId random = new TileId(level, i, 1 + rnd.nextInt(level == TileId.MAX_LEVEL ? 127 : 256));
      assertEquals(random, TileId.parsePath(random.path()));
    }
  }

  @Test
  void strictParsingRejectsEverythingElse() {
    List<String> bad = List.of(
        "", "tile", "tile/", "tile/0", "tile/0/", "/tile/0/000", "tile/0/000/", "tile//000",
        "tile/00/000", "tile/01/000", "tile/-1/000", "tile/8/000", "tile/63/000", "tile/64/000",
        "tile/a/000", "tile/0/0", "tile/0/00", "tile/0/0000", "tile/0/x000", "tile/0/001/002",
        "tile/0/x000/001", "tile/0/X001/002", "tile/0/x01/002", "tile/0/x0001/002",
        "tile/0/x001/x002", "tile/0/x1a1/002", "tile/0/+01", "tile/0/ 01",
        "tile/0/\u0661\u0662\u0663", // Arabic-Indic digits are not ASCII digits
        "tile/0/000.p/256", "tile/0/000.p/0", "tile/0/000.p/", "tile/0/000.p/01",
        "tile/0/000.p/1000", "tile/0/000.p/-1", "tile/0/000.p/1.p/1", "tile/0/000.p1",
        "tile/0/000.P/1", "tile/0/.p/1", "tile/0/000 ", "tile/entries/000",
        "tile/0/x009/x223/x372/x036/x854/x775/807", // Long.MAX_VALUE, beyond level 0's tiles
        "tile/0/x009/x999/x999/x999/x999/x999/999", "tile/0/x001/x000/x000/x000/x000/x000/x000/000",
        "tile/7/001", "tile/7/000.p/128", "tile/7/000");
    for (String s : bad) {
      assertThrows(TileFormatException.class, () -> TileId.parsePath(s), s);
    }
    assertThrows(TileFormatException.class, () -> TileId.parsePath(null));
    assertThrows(TileFormatException.class, () -> TileId.parsePath("tile/0/" + "x001/".repeat(20)
        + "001"));
    List<String> badEntries = List.of("tile/entries/", "tile/entries/0", "tile/0/000",
        "tile/entries/000.p/256", "tile/entries/000.p/0", "tile/entries/x000/001",
        "tile/entries/001/", "tile/entries//001", "tiles/entries/001");
    for (String s : badEntries) {
      assertThrows(TileFormatException.class, () -> TileId.parseEntriesPath(s), s);
    }
  }

  @Test
  void level7HoldsOnlyTheTopOfALongSizedTree() throws TileFormatException {
    assertEquals(new TileId(7, 0, 127), TileId.parsePath("tile/7/000.p/127"));
    assertThrows(IllegalArgumentException.class, () -> new TileId(7, 0, 128));
    assertThrows(IllegalArgumentException.class, () -> new TileId(8, 0, 1));
  }

  @Test
  void constructorValidates() {
    assertThrows(IllegalArgumentException.class, () -> new TileId(-1, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new TileId(0, -1, 1));
    assertThrows(IllegalArgumentException.class, () -> new TileId(0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new TileId(0, 0, 257));
    assertThrows(IllegalArgumentException.class, () -> new TileId(0, Long.MAX_VALUE, 1));
    assertTrue(TileId.full(0, 5).node(3).equals(NodeId.leaf(5 * 256 + 3)));
    assertEquals(new NodeId(16, 2 * 256 + 9), TileId.full(2, 2).node(9));
    assertThrows(IndexOutOfBoundsException.class, () -> new TileId(0, 0, 4).node(4));
    assertFalse(TileId.full(3, 1).isPartial());
  }
}

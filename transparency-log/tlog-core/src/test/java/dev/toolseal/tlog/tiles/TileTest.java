package dev.toolseal.tlog.tiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.NaiveMerkle;
import java.util.List;
import org.junit.jupiter.api.Test;

class TileTest {
  @Test
  void parseKeepsExactlyWidthHashes() throws TileFormatException {
    List<Hash> hashes = NaiveMerkle.leafHashes(0, 5);
    TileId id = new TileId(0, 0, 5);
    Tile tile = Tile.of(id, hashes);
    byte[] body = tile.bytes();
    assertEquals(5 * 32, body.length);
    Tile parsed = Tile.parse(id, body);
    assertEquals(tile, parsed);
    assertEquals(hashes, parsed.hashes());
    assertEquals(hashes.get(4), parsed.hash(4));
    body[0] ^= 1; // the tile kept its own copy
    assertEquals(hashes.get(0), parsed.hash(0));
    parsed.bytes()[0] ^= 1;
    assertArrayEquals(tile.bytes(), parsed.bytes());
    assertThrows(IndexOutOfBoundsException.class, () -> parsed.hash(5));
    assertNotEquals(tile, Tile.of(new TileId(0, 1, 5), hashes));
  }

  @Test
  void parseRejectsWrongLengths() {
    TileId id = new TileId(1, 3, 4);
    for (int len : new int[] {0, 1, 31, 32, 3 * 32, 4 * 32 - 1, 4 * 32 + 1, 5 * 32, 8192}) {
      assertThrows(TileFormatException.class, () -> Tile.parse(id, new byte[len]), "len " + len);
    }
    assertThrows(TileFormatException.class, () -> Tile.parse(id, null));
    assertThrows(IllegalArgumentException.class,
        () -> Tile.of(id, NaiveMerkle.leafHashes(0, 3)));
  }

  @Test
  void subtreeHashesAreMerkleHashesOfCompleteSubtrees() {
    List<Hash> hashes = NaiveMerkle.leafHashes(0, 256);
    Tile tile = Tile.of(TileId.full(0, 0), hashes);
    for (int count = 1; count <= 256; count *= 2) {
      for (int start = 0; start < 256; start += count) {
        assertEquals(NaiveMerkle.mth(hashes, start, start + count), tile.subtreeHash(start, count));
      }
    }
    assertThrows(IllegalArgumentException.class, () -> tile.subtreeHash(1, 2));
    assertThrows(IllegalArgumentException.class, () -> tile.subtreeHash(0, 3));
    assertThrows(IllegalArgumentException.class, () -> tile.subtreeHash(0, 512));
    Tile partial = Tile.of(new TileId(0, 0, 6), hashes.subList(0, 6));
    assertThrows(IllegalArgumentException.class, () -> partial.subtreeHash(4, 4));
    assertEquals(NaiveMerkle.mth(hashes, 4, 6), partial.subtreeHash(4, 2));
  }
}

package dev.toolseal.tlog.tiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryBundleTest {
  private static List<byte[]> entries(int... sizes) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      byte[] e = new byte[sizes[i]];
      Arrays.fill(e, (byte) (i + 1));
      out.add(e);
    }
    return out;
  }

  private static void assertSame(List<byte[]> want, List<byte[]> got) {
    assertEquals(want.size(), got.size());
    for (int i = 0; i < want.size(); i++) {
      assertArrayEquals(want.get(i), got.get(i), "entry " + i);
    }
  }

  @Test
  void encodesBigEndianUint16LengthPrefixes() {
    byte[] bundle = EntryBundle.encode(List.of(new byte[] {(byte) 0xAB}, new byte[0],
        new byte[] {1, 2}));
    assertEquals("0001ab00000002" + "0102", HexFormat.of().formatHex(bundle));
    byte[] big = EntryBundle.encode(entries(0x1234));
    assertEquals(0x12, big[0]);
    assertEquals(0x34, big[1]);
  }

  @Test
  void roundTrips() throws TileFormatException {
    for (List<byte[]> e : List.of(entries(0), entries(1), entries(65535), entries(3, 0, 7, 65535),
        entries(new int[256]))) {
      assertSame(e, EntryBundle.decode(EntryBundle.encode(e), e.size()));
    }
    List<byte[]> full = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      full.add(("entry " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    assertSame(full, EntryBundle.decode(EntryBundle.encode(full), TileId.full(0, 9)));
  }

  @Test
  void decodeIsStrict() {
    byte[] three = EntryBundle.encode(entries(3, 0, 5));
    // Wrong count, both ways.
    assertThrows(TileFormatException.class, () -> EntryBundle.decode(three, 2));
    assertThrows(TileFormatException.class, () -> EntryBundle.decode(three, 4));
    // Every truncation and every trailing garbage length.
    for (int cut = 0; cut < three.length; cut++) {
      byte[] t = Arrays.copyOf(three, cut);
      assertThrows(TileFormatException.class, () -> EntryBundle.decode(t, 3), "cut " + cut);
    }
    for (int extra = 1; extra <= 3; extra++) {
      byte[] t = Arrays.copyOf(three, three.length + extra);
      assertThrows(TileFormatException.class, () -> EntryBundle.decode(t, 3), "extra " + extra);
    }
    // A length running past the end.
    assertThrows(TileFormatException.class,
        () -> EntryBundle.decode(new byte[] {(byte) 0xFF, (byte) 0xFF, 1, 2, 3}, 1));
    assertThrows(TileFormatException.class, () -> EntryBundle.decode(null, 1));
    assertThrows(IllegalArgumentException.class, () -> EntryBundle.decode(three, 0));
    assertThrows(IllegalArgumentException.class, () -> EntryBundle.decode(three, 257));
    assertThrows(IllegalArgumentException.class,
        () -> EntryBundle.decode(three, new TileId(1, 0, 3)));
  }

  @Test
  void encodeRejectsOversizedEntriesAndBadCounts() {
    assertThrows(IllegalArgumentException.class, () -> EntryBundle.encode(entries(65536)));
    assertThrows(IllegalArgumentException.class, () -> EntryBundle.encode(List.of()));
    assertThrows(IllegalArgumentException.class, () -> EntryBundle.encode(entries(new int[257])));
  }
}

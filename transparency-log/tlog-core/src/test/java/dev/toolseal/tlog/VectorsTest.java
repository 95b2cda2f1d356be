package dev.toolseal.tlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.tlog.tiles.TileFormatException;
import dev.toolseal.tlog.tiles.TileId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks every line of the checked-in vector file, and that the generator still writes it. */
class VectorsTest {
  private static String checkedIn() throws IOException {
    try (InputStream in = VectorsTest.class.getResourceAsStream(VectorGenerator.RESOURCE)) {
      assertNotNull(in, "vector file missing from the test classpath");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void generatorOutputIsByteIdenticalToTheCheckedInFile() throws IOException {
    assertEquals(checkedIn(), VectorGenerator.generate(),
        "regenerate with VectorGenerator and review the diff");
  }

  @Test
  void everyVectorHolds() throws Exception {
    List<Hash> leaves = new ArrayList<>();
    List<Hash> roots = new ArrayList<>();
    List<Hash> refLeaves = new ArrayList<>();
    int[] counts = new int[8];
    for (String line : checkedIn().split("\n", -1)) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(" ");
      switch (f[0]) {
        case "leaf" -> {
          assertEquals(leaves.size(), Integer.parseInt(f[1]));
          Hash h = Hash.fromHex(f[2]);
          assertEquals(Rfc6962.leafHash(NaiveMerkle.leafData(leaves.size())), h);
          leaves.add(h);
          counts[0]++;
        }
        case "root" -> {
          int n = Integer.parseInt(f[1]);
          assertEquals(roots.size(), n);
          Hash root = Hash.fromHex(f[2]);
          assertEquals(NaiveMerkle.mth(leaves, 0, n), root, line);
          roots.add(root);
          counts[1]++;
        }
        case "inclusion" -> {
          int i = Integer.parseInt(f[1]);
          int n = Integer.parseInt(f[2]);
          List<Hash> proof = proof(f[3]);
          assertEquals(NaiveMerkle.path(leaves, i, 0, n), proof, line);
          MerkleTree.verifyInclusion(leaves.get(i), i, n, proof, roots.get(n));
          counts[2]++;
        }
        case "consistency" -> {
          int m = Integer.parseInt(f[1]);
          int n = Integer.parseInt(f[2]);
          List<Hash> proof = proof(f[3]);
          if (m < n) {
            assertEquals(NaiveMerkle.subproof(leaves, m, 0, n, true), proof, line);
          }
          MerkleTree.verifyConsistency(m, n, proof, roots.get(m), roots.get(n));
          counts[3]++;
        }
        case "tile" -> {
          assertEquals(f[3], VectorGenerator.sha256(tileBody(leaves, Integer.parseInt(f[1]),
              TileId.parsePath(f[2]))), line);
          counts[4]++;
        }
        case "bundle" -> {
          TileId id = TileId.parseEntriesPath(f[1]);
          assertEquals(f[2], VectorGenerator.sha256(bundle(id)), line);
          counts[5]++;
        }
        case "refleaf" -> {
          assertEquals(refLeaves.size(), Integer.parseInt(f[1]));
          String data = f[2].equals("-") ? "" : f[2];
          assertEquals(CtReferenceVectorsTest.LEAF_DATA[refLeaves.size()], data);
          refLeaves.add(Rfc6962.leafHash(java.util.HexFormat.of().parseHex(data)));
          counts[6]++;
        }
        case "refroot" -> {
          int n = Integer.parseInt(f[1]);
          Hash root = Hash.fromHex(f[2]);
          assertEquals(CtReferenceVectorsTest.root(n), root, "published value, " + line);
          assertEquals(NaiveMerkle.mth(refLeaves, 0, n), root, line);
          counts[7]++;
        }
        default -> throw new AssertionError("unknown record: " + line);
      }
    }
    for (int c : counts) {
      assertTrue(c > 0, "every kind of record is present");
    }
  }

  /** A tile body straight from the spec's formula, MTH over each hash's leaf range. */
  private static byte[] tileBody(List<Hash> leaves, int treeSize, TileId id) {
    int span = 1 << (8 * id.level());
    assertTrue(((id.index() * 256 + id.width()) * span) <= treeSize, id + " beyond the tree");
    byte[] body = new byte[id.width() * 32];
    for (int i = 0; i < id.width(); i++) {
      int lo = (int) ((id.index() * 256 + i) * span);
      NaiveMerkle.mth(leaves, lo, lo + span).copyTo(body, 32 * i);
    }
    return body;
  }

  /** An entry bundle written out by hand: uint16 big-endian length, then the bytes. */
  private static byte[] bundle(TileId id) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (long i = id.index() * 256; i < id.index() * 256 + id.width(); i++) {
      byte[] e = NaiveMerkle.leafData(i);
      out.write(e.length >> 8);
      out.write(e.length & 0xff);
      out.write(e, 0, e.length);
    }
    return out.toByteArray();
  }

  private static List<Hash> proof(String field) {
    List<Hash> out = new ArrayList<>();
    if (!field.equals("-")) {
      for (String h : field.split(",", -1)) {
        out.add(Hash.fromHex(h));
      }
    }
    return out;
  }

  @Test
  void vectorParsingRejectsGarbage() {
    assertThrows(TileFormatException.class, () -> TileId.parsePath("tile/0/01"));
    assertThrows(IllegalArgumentException.class, () -> proof("00"));
  }
}

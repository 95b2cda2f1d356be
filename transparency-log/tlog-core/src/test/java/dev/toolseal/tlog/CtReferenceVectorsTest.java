package dev.toolseal.tlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Independently published values: the eight-leaf reference tree of the Certificate Transparency
 * C++ merkle tree tests, as carried in transparency-dev/merkle proof/verify_test.go (roots,
 * inclusion and consistency proofs), and the RFC 6962 empty tree root, SHA-256 of "".
 */
class CtReferenceVectorsTest {
  static final String EMPTY_ROOT =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  static final String[] LEAF_DATA = {"", "00", "10", "2021", "3031", "40414243",
      "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
  /** ROOTS[n - 1] is the root of the tree of the first n leaves. */
  static final String[] ROOTS = {
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

  private record Vector(long a, long b, String... proof) {
    List<Hash> hashes() {
      List<Hash> out = new ArrayList<>();
      for (String h : proof) {
        out.add(Hash.fromHex(h));
      }
      return out;
    }
  }

  /** (leaf index, tree size, proof); the source numbers leaves from 1, these from 0. */
  private static final List<Vector> INCLUSION = List.of(
      new Vector(0, 8,
          "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
      new Vector(5, 8,
          "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
          "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
      new Vector(2, 3,
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
      new Vector(1, 5,
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
      new Vector(0, 1));

  /** (size1, size2, proof). */
  private static final List<Vector> CONSISTENCY = List.of(
      new Vector(1, 1),
      new Vector(1, 8,
          "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
      new Vector(6, 8,
          "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
          "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
      new Vector(2, 5,
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
      new Vector(6, 7,
          "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
          "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));

  private static List<Hash> leafHashes() {
    List<Hash> out = new ArrayList<>();
    for (String d : LEAF_DATA) {
      out.add(Rfc6962.leafHash(HexFormat.of().parseHex(d)));
    }
    return out;
  }

  static Hash root(long n) {
    return n == 0 ? Hash.fromHex(EMPTY_ROOT) : Hash.fromHex(ROOTS[(int) n - 1]);
  }

  @Test
  void emptyTreeAndReferenceRoots() throws IOException {
    assertEquals(Hash.fromHex(EMPTY_ROOT), Rfc6962.emptyRoot());
    MemoryHashReader reader = new MemoryHashReader(leafHashes());
    for (int n = 0; n <= 8; n++) {
      assertEquals(root(n), MerkleTree.treeHash(n, reader), "size " + n);
      assertEquals(root(n), NaiveMerkle.mth(leafHashes(), 0, n), "naive, size " + n);
    }
  }

  @Test
  void referenceInclusionProofs() throws IOException, ProofException {
    List<Hash> leaves = leafHashes();
    MemoryHashReader reader = new MemoryHashReader(leaves);
    for (Vector v : INCLUSION) {
      assertEquals(v.hashes(), MerkleTree.proveInclusion(v.a(), v.b(), reader));
      MerkleTree.verifyInclusion(leaves.get((int) v.a()), v.a(), v.b(), v.hashes(), root(v.b()));
      assertThrows(ProofException.class, () -> MerkleTree.verifyInclusion(
          leaves.get((int) v.a()), v.a(), v.b(), v.hashes(), root(v.b() - 1)));
    }
  }

  @Test
  void referenceConsistencyProofs() throws IOException, ProofException {
    MemoryHashReader reader = new MemoryHashReader(leafHashes());
    for (Vector v : CONSISTENCY) {
      assertEquals(v.hashes(), MerkleTree.proveConsistency(v.a(), v.b(), reader));
      MerkleTree.verifyConsistency(v.a(), v.b(), v.hashes(), root(v.a()), root(v.b()));
      assertThrows(ProofException.class, () -> MerkleTree.verifyConsistency(
          v.a(), v.b(), v.hashes(), root(v.a()), root(v.b() - 1)));
    }
  }
}

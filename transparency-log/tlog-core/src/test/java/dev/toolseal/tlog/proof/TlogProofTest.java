package dev.toolseal.tlog.proof;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.HashReader;
import dev.toolseal.tlog.MerkleTree;
import dev.toolseal.tlog.NodeId;
import dev.toolseal.tlog.ProofException;
import dev.toolseal.tlog.Rfc6962;
import dev.toolseal.tlog.checkpoint.Checkpoint;
import dev.toolseal.tlog.checkpoint.CheckpointSigner;
import dev.toolseal.tlog.checkpoint.SignedCheckpoint;
import dev.toolseal.tlog.note.NoteException;
import dev.toolseal.tlog.note.NoteSigner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlogProofTest {
  /** The example of the C2SP tlog-proof specification (its signatures are elided there). */
  private static final String SPEC_HEAD = "c2sp.org/tlog-proof@v1\n"
      + "extra YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ\n"
      + "index 73894\n"
      + "gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=\n"
      + "B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=\n"
      + "EKNzoDWG8LGC0Yp9o+sv3qllpMP9uHQ9B20KNL+Q1zs=\n"
      + "RoopEkOdqkYqMB4MJXrbt/hMjOxsVn0IrWjpz1ZMMes=\n"
      + "AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=\n\n";
  private static final String SPEC_CHECKPOINT = "example.com/fancylog\n109482\n"
      + "sFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=\n\n"
      + "\u2014 example.com/fancylog hI2DJw[...]1roloI=\n";

  @Test
  void specExampleParsesAndFormatsBack() throws Exception {
    byte[] file = (SPEC_HEAD + SPEC_CHECKPOINT).getBytes(UTF_8);
    TlogProof p = TlogProof.parse(file);
    assertEquals(73894, p.index());
    assertEquals(5, p.inclusionProof().size());
    assertEquals("gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=", p.inclusionProof().get(0).base64());
    assertTrue(new String(p.extra().orElseThrow(), UTF_8).startsWith("age-v1.2.1-darwin-arm64"));
    assertArrayEquals(SPEC_CHECKPOINT.getBytes(UTF_8), p.checkpoint());
    assertArrayEquals(file, p.format());
  }

  @Test
  void roundTripsAndOpensARealCheckpoint() throws Exception {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) 3);
    CheckpointSigner log = new CheckpointSigner(NoteSigner.fromSeed("example.com/log", seed));
    Hash a = Rfc6962.leafHash(new byte[] {'a'});
    Hash b = Rfc6962.leafHash(new byte[] {'b'});
    byte[] note = log.sign(new Checkpoint("example.com/log", 2, Rfc6962.nodeHash(a, b)));
    List<TlogProof> proofs = List.of(
        new TlogProof(Optional.empty(), 0, List.of(b), note),
        new TlogProof(Optional.of(new byte[] {0, 1, 2}), 1, List.of(a), note),
        new TlogProof(Optional.empty(), 0, List.of(), note),
        new TlogProof(Optional.empty(), Long.MAX_VALUE - 1,
            Collections.nCopies(TlogProof.MAX_PROOF_HASHES, a), note));
    for (TlogProof p : proofs) {
      TlogProof again = TlogProof.parse(p.format());
      assertEquals(p, again);
      assertArrayEquals(p.format(), again.format());
    }
    SignedCheckpoint sc = proofs.get(1).openCheckpoint(log.verifier(), List.of(), 0);
    assertEquals(2, sc.checkpoint().size());
  }

  @Test
  void verifiesInclusionOfTheEntryAndRefusesAnyOtherClaim() throws Exception {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) 5);
    CheckpointSigner log = new CheckpointSigner(NoteSigner.fromSeed("example.com/log", seed));
    List<Hash> leaves = new ArrayList<>();
    for (int i = 0; i < 13; i++) {
      leaves.add(Rfc6962.leafHash(new byte[] {(byte) i}));
    }
    HashReader reader = ids -> {
      List<Hash> out = new ArrayList<>();
      for (NodeId id : ids) {
        out.add(subtree(leaves, id.firstLeaf(), id.endLeaf()));
      }
      return out;
    };
    byte[] note = log.sign(new Checkpoint("example.com/log", 13, subtree(leaves, 0, 13)));
    for (int i = 0; i < 13; i++) {
      TlogProof p = new TlogProof(
          Optional.empty(), i, MerkleTree.proveInclusion(i, 13, reader), note);
      TlogProof parsed = TlogProof.parse(p.format());
      assertEquals(13, parsed.verify(leaves.get(i), log.verifier(), List.of(), 0)
          .checkpoint().size());
      Hash other = leaves.get((i + 1) % 13);
      assertThrows(ProofException.class,
          () -> parsed.verify(other, log.verifier(), List.of(), 0));
    }
    TlogProof past = new TlogProof(Optional.empty(), 13, List.of(), note);
    assertThrows(ProofException.class,
        () -> past.verify(leaves.get(0), log.verifier(), List.of(), 0));
    NoteSigner stranger = NoteSigner.fromSeed("example.com/log", new byte[32]);
    TlogProof p0 = new TlogProof(
        Optional.empty(), 0, MerkleTree.proveInclusion(0, 13, reader), note);
    assertThrows(NoteException.class,
        () -> p0.verify(leaves.get(0), stranger.verifier(), List.of(), 0));
  }

  /** MTH(D[lo:hi]) straight from RFC 9162's recursive definition. */
  private static Hash subtree(List<Hash> leaves, long lo, long hi) {
    if (hi - lo == 1) {
      return leaves.get((int) lo);
    }
    long k = Long.highestOneBit(hi - lo - 1);
    return Rfc6962.nodeHash(subtree(leaves, lo, lo + k), subtree(leaves, lo + k, hi));
  }

  @Test
  void rejectsNonCanonicalProofs() {
    String h = "gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=\n";
    String cp = SPEC_CHECKPOINT;
    List<String> bad = new ArrayList<>(List.of(
        "",
        "c2sp.org/tlog-proof@v1\nindex 1\n" + h, // no blank line
        "c2sp.org/tlog-proof@v2\nindex 1\n" + h + "\n" + cp,
        "C2SP.org/tlog-proof@v1\nindex 1\n\n" + cp,
        "c2sp.org/tlog-proof@v1 \nindex 1\n\n" + cp,
        "c2sp.org/tlog-proof@v1\n\n" + cp, // no index
        "c2sp.org/tlog-proof@v1\nindex 01\n\n" + cp,
        "c2sp.org/tlog-proof@v1\nindex +1\n\n" + cp,
        "c2sp.org/tlog-proof@v1\nindex -1\n\n" + cp,
        "c2sp.org/tlog-proof@v1\nindex 9223372036854775808\n\n" + cp,
        "c2sp.org/tlog-proof@v1\nindex  1\n\n" + cp,
        "c2sp.org/tlog-proof@v1\nindex\n\n" + cp,
        "c2sp.org/tlog-proof@v1\nindex 1\nextra AAAA\n\n" + cp, // extra after index
        "c2sp.org/tlog-proof@v1\nextra \nindex 1\n\n" + cp, // empty extra
        "c2sp.org/tlog-proof@v1\nextra AAA\nindex 1\n\n" + cp,
        "c2sp.org/tlog-proof@v1\nextra AAB=\nindex 1\n\n" + cp, // non-zero padding bits
        "c2sp.org/tlog-proof@v1\nindex 1\ngSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlR=\n\n" + cp,
        "c2sp.org/tlog-proof@v1\nindex 1\ngSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ\n\n" + cp,
        "c2sp.org/tlog-proof@v1\nindex 1\nAAAA\n\n" + cp, // wrong length
        "c2sp.org/tlog-proof@v1\nindex 1\n" + h.replace("\n", "\r\n") + "\n" + cp,
        "c2sp.org/tlog-proof@v1\nindex 1\n" + h + "\n", // no checkpoint
        "c2sp.org/tlog-proof@v1\nindex 1\n" + h + "\n" + cp.trim(), // no final newline
        "c2sp.org/tlog-proof@v1\nindex 1\n" + h.repeat(TlogProof.MAX_PROOF_HASHES + 1) + "\n" + cp,
        "c2sp.org/tlog-proof@v1\nindex 1\n\u00e9\n\n" + cp));
    for (String s : bad) {
      assertThrows(TlogProofFormatException.class, () -> TlogProof.parse(s.getBytes(UTF_8)), s);
    }
    assertThrows(TlogProofFormatException.class,
        () -> TlogProof.parse(new byte[TlogProof.MAX_BYTES + 1]));
  }

  @Test
  void everySingleByteMutationOfTheProofLinesIsRejectedOrChangesTheProof() throws Exception {
    byte[] file = (SPEC_HEAD + SPEC_CHECKPOINT).getBytes(UTF_8);
    TlogProof original = TlogProof.parse(file);
    for (int i = 0; i < SPEC_HEAD.length(); i++) {
      for (int x : new int[] {0x01, 0x80}) {
        byte[] m = file.clone();
        m[i] ^= (byte) x;
        TlogProof p;
        try {
          p = TlogProof.parse(m);
        } catch (TlogProofFormatException expected) {
          continue;
        }
        assertNotEquals(original, p, "mutation at " + i + " parsed to the same proof");
      }
    }
  }
}

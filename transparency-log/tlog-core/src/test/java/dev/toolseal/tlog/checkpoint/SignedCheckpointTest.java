package dev.toolseal.tlog.checkpoint;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.Rfc6962;
import dev.toolseal.tlog.note.CosignatureSigner;
import dev.toolseal.tlog.note.CosignatureVerifier;
import dev.toolseal.tlog.note.InvalidSignatureException;
import dev.toolseal.tlog.note.NoteException;
import dev.toolseal.tlog.note.NoteSigner;
import dev.toolseal.tlog.note.UnverifiedNoteException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignedCheckpointTest {
  private static final String ORIGIN = "log.toolseal.example/v1";
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
  private static final Checkpoint CP =
      new Checkpoint(ORIGIN, 3, Rfc6962.nodeHash(Rfc6962.leafHash(new byte[] {1}),
          Rfc6962.leafHash(new byte[] {2})));

  private static NoteSigner key(String name, int seed) {
    byte[] s = new byte[32];
    Arrays.fill(s, (byte) seed);
    return NoteSigner.fromSeed(name, s);
  }

  private static final CheckpointSigner LOG = new CheckpointSigner(key(ORIGIN, 1));
  private static final List<CosignatureSigner> WITNESSES = List.of(
      CosignatureSigner.of(key("w1.example", 11), CLOCK),
      CosignatureSigner.of(key("w2.example", 12), CLOCK),
      CosignatureSigner.of(key("w3.example", 13), CLOCK));
  private static final List<CosignatureVerifier> TRUSTED =
      WITNESSES.stream().map(CosignatureSigner::verifier).toList();

  private static byte[] cosigned(int witnesses) throws Exception {
    byte[] note = LOG.sign(CP);
    if (witnesses == 0) {
      return note;
    }
    SignedCheckpoint sc = SignedCheckpoint.open(note, LOG.verifier());
    return sc.note().addSignatures(WITNESSES.subList(0, witnesses).toArray(new CosignatureSigner[0]));
  }

  @Test
  void signAndOpenRoundTrip() throws Exception {
    byte[] note = LOG.sign(CP);
    SignedCheckpoint sc = SignedCheckpoint.open(note, LOG.verifier());
    assertEquals(CP, sc.checkpoint());
    assertArrayEquals(note, sc.signedNote());
    assertTrue(new String(note, UTF_8).startsWith(CP.format() + "\n\u2014 " + ORIGIN + " "));
  }

  @Test
  void emptyTreeCheckpointRoundTrips() throws Exception {
    Checkpoint empty = new Checkpoint(ORIGIN, 0, Rfc6962.emptyRoot());
    assertEquals(empty, SignedCheckpoint.open(LOG.sign(empty), LOG.verifier()).checkpoint());
  }

  @Test
  void signerRefusesAnotherOrigin() {
    assertThrows(IllegalArgumentException.class,
        () -> LOG.sign(new Checkpoint("other.example", 1, Hash.of(new byte[32]))));
  }

  @Test
  void requiresTheLogKeyNotJustAnyKnownKey() throws Exception {
    byte[] witnessOnly = dev.toolseal.tlog.note.Note.sign(CP.format(), WITNESSES.get(0));
    assertThrows(UnverifiedNoteException.class,
        () -> SignedCheckpoint.open(witnessOnly, LOG.verifier(), TRUSTED, 0));
    NoteSigner otherLog = key(ORIGIN, 2);
    assertThrows(UnverifiedNoteException.class,
        () -> SignedCheckpoint.open(new CheckpointSigner(otherLog).sign(CP), LOG.verifier()));
  }

  @Test
  void originMustEqualTheLogKeyName() throws Exception {
    NoteSigner misnamed = key("some.other.log", 1);
    byte[] note = dev.toolseal.tlog.note.Note.sign(CP.format(), misnamed);
    OriginMismatchException e = assertThrows(OriginMismatchException.class,
        () -> SignedCheckpoint.open(note, misnamed.verifier()));
    assertEquals("some.other.log", e.expected());
    assertEquals(ORIGIN, e.actual());
  }

  @Test
  void bodyMustBeACheckpoint() {
    byte[] note = dev.toolseal.tlog.note.Note.sign(ORIGIN + "\n01\nAAAA\n", key(ORIGIN, 1));
    assertThrows(CheckpointFormatException.class, () -> SignedCheckpoint.open(note, LOG.verifier()));
  }

  @Test
  void witnessQuorum() throws Exception {
    byte[] two = cosigned(2);
    SignedCheckpoint sc = SignedCheckpoint.open(two, LOG.verifier(), TRUSTED, 2);
    assertEquals(List.of(TRUSTED.get(0), TRUSTED.get(1)), sc.cosigners());
    WitnessQuorumException e = assertThrows(WitnessQuorumException.class,
        () -> SignedCheckpoint.open(two, LOG.verifier(), TRUSTED, 3));
    assertEquals(3, e.required());
    assertEquals(List.of("w1.example", "w2.example"), e.cosigners());
    assertEquals(List.of(TRUSTED.get(2).name()), e.missing());
    // cosignatures by untrusted witnesses do not count
    assertThrows(WitnessQuorumException.class,
        () -> SignedCheckpoint.open(two, LOG.verifier(), TRUSTED.subList(2, 3), 1));
    assertEquals(CP, SignedCheckpoint.open(cosigned(3), LOG.verifier(), TRUSTED, 3).checkpoint());
    assertThrows(IllegalArgumentException.class,
        () -> SignedCheckpoint.open(two, LOG.verifier(), TRUSTED, 4));
  }

  @Test
  void aBrokenTrustedCosignatureIsAnError() throws Exception {
    String s = new String(cosigned(1), UTF_8);
    int at = s.indexOf("\u2014 w1.example ") + "\u2014 w1.example ".length() + 20;
    String broken = s.substring(0, at) + (s.charAt(at) == 'A' ? 'B' : 'A') + s.substring(at + 1);
    assertThrows(InvalidSignatureException.class,
        () -> SignedCheckpoint.open(broken.getBytes(UTF_8), LOG.verifier(), TRUSTED, 0));
  }

  @Test
  void everySingleByteMutationIsRejected() throws Exception {
    byte[] note = cosigned(1);
    for (int i = 0; i < note.length; i++) {
      for (int x : new int[] {0x01, 0x80}) {
        byte[] m = note.clone();
        m[i] ^= (byte) x;
        int pos = i;
        Exception e = assertThrows(Exception.class,
            () -> SignedCheckpoint.open(m, LOG.verifier(), TRUSTED, 1), () -> "accepted at " + pos);
        assertTrue(e instanceof NoteException || e instanceof CheckpointException, e.toString());
      }
    }
  }
}

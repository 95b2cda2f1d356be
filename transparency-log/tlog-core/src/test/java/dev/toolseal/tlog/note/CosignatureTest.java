package dev.toolseal.tlog.note;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CosignatureTest {
  /** The example checkpoint of the C2SP tlog-cosignature specification, with its cosignature. */
  private static final String SPEC_BODY =
      "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
  private static final String SPEC_NOTE = SPEC_BODY + "\n"
      + "\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n"
      + "\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n";
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1679315147), ZoneOffset.UTC);

  @Test
  void specExampleCosignatureCarriesTheSpecTimestamp() {
    // No public key is published for the example, so only its layout is checked: the spec's
    // signed message for it says "time 1679315147".
    UnverifiedNoteException e = assertThrows(UnverifiedNoteException.class,
        () -> Note.open(SPEC_NOTE.getBytes(UTF_8), Verifiers.of()));
    NoteSignature cosig = e.unknownSignatures().get(1);
    assertEquals("witness.example.com/w1", cosig.keyName());
    assertEquals(1679315147L, CosignatureVerifier.timestamp(cosig));
  }

  @Test
  void cosignatureRoundTripsWithTheClockTime() throws Exception {
    CosignatureSigner w = CosignatureSigner.of(TestKeys.signer("witness.example/w1", 5), CLOCK);
    NoteSigner log = TestKeys.signer("example.com/behind-the-sofa", 6);
    byte[] signed = Note.sign(SPEC_BODY, log);
    Note opened = Note.open(signed, Verifiers.of(log.verifier()));
    byte[] cosigned = opened.addSignatures(w);
    CosignatureVerifier wv = CosignatureVerifier.parse(w.verifier().verifierKey());
    Note n = Note.open(cosigned, Verifiers.of(log.verifier(), wv));
    assertTrue(n.isVerifiedBy(wv));
    NoteSignature cosig = n.verifiedSignatures().stream().filter(s -> s.isBy(wv)).findFirst()
        .orElseThrow();
    assertEquals(1679315147L, CosignatureVerifier.timestamp(cosig));
  }

  @Test
  void cosignerKeyIdUsesTypeFourAndDiffersFromTheNoteKey() throws Exception {
    NoteSigner key = TestKeys.signer("w", 5);
    CosignatureSigner w = CosignatureSigner.of(key, CLOCK);
    assertNotEquals(key.keyId(), w.keyId());
    assertEquals(KeyNames.keyId("w", (byte) 4, key.verifier().publicKey()), w.keyId());
    assertTrue(w.verifier().verifierKey().startsWith("w+" + KeyNames.hex(w.keyId()) + "+B"));
    assertThrows(KeyFormatException.class, () -> NoteVerifier.parse(w.verifier().verifierKey()));
    assertThrows(KeyFormatException.class, () -> CosignatureVerifier.parse(key.verifierKey()));
    assertInstanceOf(CosignatureVerifier.class, Verifier.parse(w.verifier().verifierKey()));
    NoteKeysTest.assertEveryMutationRejected(w.verifier().verifierKey(), CosignatureVerifier::parse);
  }

  @Test
  void theTimestampIsSignedAndBounded() throws Exception {
    CosignatureSigner w = CosignatureSigner.of(TestKeys.signer("w", 5), CLOCK);
    byte[] text = SPEC_BODY.getBytes(UTF_8);
    byte[] sig = w.signAt(7, text);
    w.verifier().verify(text, sig);
    byte[] otherTime = sig.clone();
    otherTime[7] = 8;
    assertThrows(InvalidSignatureException.class, () -> w.verifier().verify(text, otherTime));
    byte[] negative = sig.clone();
    negative[0] = (byte) 0x80;
    assertThrows(InvalidSignatureException.class, () -> w.verifier().verify(text, negative));
    assertThrows(InvalidSignatureException.class,
        () -> w.verifier().verify(text, java.util.Arrays.copyOf(sig, 71)));
    assertThrows(IllegalArgumentException.class, () -> w.signAt(-1, text));
    // an Ed25519 note signature over the same text is not a cosignature, and vice versa
    NoteSigner plain = TestKeys.signer("w", 5);
    byte[] plainSig = plain.sign(text);
    byte[] asCosig = ByteBuffer.allocate(72).putLong(0).put(plainSig).array();
    assertThrows(InvalidSignatureException.class, () -> w.verifier().verify(text, asCosig));
    assertThrows(InvalidSignatureException.class,
        () -> plain.verifier().verify(text, java.util.Arrays.copyOfRange(sig, 8, 72)));
  }
}

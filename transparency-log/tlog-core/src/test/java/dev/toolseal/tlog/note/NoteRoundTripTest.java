package dev.toolseal.tlog.note;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class NoteRoundTripTest {
  private static final String TEXT = "Ognuno sta solo sul cuor della terra\n"
      + "trafitto da un raggio di sole:\n\ned \u00e8 subito sera.\n";

  private static List<Verifier> verifiersOf(List<NoteSigner> signers) {
    return signers.stream().map(s -> (Verifier) s.verifier()).toList();
  }

  @Test
  void oneTwoAndManySignersRoundTrip() throws Exception {
    for (int n : new int[] {1, 2, 16, 30}) {
      List<NoteSigner> signers = TestKeys.signers(n);
      byte[] msg = Note.sign(TEXT, signers);
      Note note = Note.open(msg, Verifiers.of(verifiersOf(signers)));
      assertEquals(TEXT, note.text());
      assertEquals(n, note.verifiedSignatures().size());
      for (NoteSigner s : signers) {
        assertTrue(note.isVerifiedBy(s.verifier()));
      }
      // any one known key suffices; the rest are kept as unverified
      Note byLast = Note.open(msg, Verifiers.of(signers.get(n - 1).verifier()));
      assertEquals(1, byLast.verifiedSignatures().size());
      assertEquals(n - 1, byLast.unverifiedSignatures().size());
    }
  }

  @Test
  void textWithBlankLinesAndTrailingBlankLineSurvives() throws Exception {
    NoteSigner s = TestKeys.signer("a", 7);
    for (String text : List.of("\n", "x\n\n", "x\n\n\n", "\n\nx\n", "\u2014 not a sig\n")) {
      assertEquals(text, Note.open(Note.sign(text, s), Verifiers.of(s.verifier())).text());
    }
  }

  @Test
  void signRejectsBadText() {
    NoteSigner s = TestKeys.signer("a", 7);
    for (String text : List.of("", "no newline", "tab\there\n", "cr\r\n", "nul\u0000\n",
        "lone \ud800 surrogate\n", "lone \udc00\n")) {
      assertThrows(IllegalArgumentException.class, () -> Note.sign(text, s), text);
    }
    assertThrows(IllegalArgumentException.class, () -> Note.sign("x\n"));
    assertThrows(IllegalArgumentException.class, () -> Note.sign("x\n", s, s));
    assertThrows(IllegalArgumentException.class,
        () -> Note.sign("x\n", java.util.Collections.nCopies(Note.MAX_SIGNATURES + 1, s)));
    assertThrows(IllegalArgumentException.class,
        () -> Note.sign("x".repeat(Note.MAX_BYTES) + "\n", s));
  }

  @Test
  void signaturesAreAddedAndReplaced() throws Exception {
    NoteSigner a = TestKeys.signer("a", 1);
    NoteSigner b = TestKeys.signer("b", 2);
    NoteSigner c = TestKeys.signer("c", 3);
    Note opened = Note.open(Note.sign(TEXT, a, b), Verifiers.of(a.verifier()));
    byte[] more = opened.addSignatures(c, a);
    Note all = Note.open(more, Verifiers.of(a.verifier(), b.verifier(), c.verifier()));
    assertEquals(3, all.verifiedSignatures().size());
    String s = new String(more, UTF_8);
    assertEquals(1, s.split("\u2014 a ", -1).length - 1, "a's old signature replaced, not doubled");
  }

  @Test
  void signatureByAKnownKeyOverOtherTextIsInvalid() throws Exception {
    NoteSigner a = TestKeys.signer("a", 1);
    String other = new String(Note.sign("other\n", a), UTF_8);
    String forged = TEXT + "\n" + other.substring(other.indexOf('\u2014'));
    InvalidSignatureException e = assertThrows(InvalidSignatureException.class,
        () -> Note.open(forged.getBytes(UTF_8), Verifiers.of(a.verifier())));
    assertEquals(a.keyId(), e.keyId());
  }

  @Test
  void sameNameOtherKeyIsUnknownNotInvalid() throws Exception {
    NoteSigner real = TestKeys.signer("log", 1);
    NoteSigner impostor = TestKeys.signer("log", 2);
    assertNotEquals(real.keyId(), impostor.keyId());
    UnverifiedNoteException e = assertThrows(UnverifiedNoteException.class,
        () -> Note.open(Note.sign(TEXT, impostor), Verifiers.of(real.verifier())));
    assertEquals(impostor.keyId(), e.unknownSignatures().get(0).keyId());
  }
}

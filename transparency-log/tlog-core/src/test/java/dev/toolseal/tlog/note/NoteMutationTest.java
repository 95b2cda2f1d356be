package dev.toolseal.tlog.note;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every single-byte change of a signed note must be caught. */
class NoteMutationTest {
  private static final String TEXT = "example.com/log\n42\n\u00e9t\u00e9 \u2014 +/=\n";
  private static final int[] CHANGES = {0x01, 0x80};

  @Test
  void everyMutationOfASingleSignerNoteIsRejected() {
    NoteSigner s = TestKeys.signer("example.com/log", 9);
    byte[] msg = Note.sign(TEXT, s);
    Verifiers known = Verifiers.of(s.verifier());
    int tried = 0;
    for (int i = 0; i < msg.length; i++) {
      for (int x : CHANGES) {
        byte[] m = msg.clone();
        m[i] ^= (byte) x;
        tried++;
        int at = i;
        assertThrows(NoteException.class, () -> Note.open(m, known), () -> "accepted at " + at);
      }
    }
    assertEquals(CHANGES.length * msg.length, tried);
  }

  @Test
  void everyMutationOfATwoSignerNoteLosesAVerifiedSignatureOrIsRejected() throws Exception {
    NoteSigner a = TestKeys.signer("a.example", 1);
    NoteSigner b = TestKeys.signer("b.example", 2);
    byte[] msg = Note.sign(TEXT, a, b);
    Verifiers known = Verifiers.of(a.verifier(), b.verifier());
    assertEquals(2, Note.open(msg, known).verifiedSignatures().size());
    for (int i = 0; i < msg.length; i++) {
      for (int x : CHANGES) {
        byte[] m = msg.clone();
        m[i] ^= (byte) x;
        Note n;
        try {
          n = Note.open(m, known);
        } catch (NoteException expected) {
          continue;
        }
        // a renamed or re-keyed signature line is by an unknown key now, which the spec says
        // to ignore; the change must still be visible as a lost verified signature
        assertEquals(1, n.verifiedSignatures().size(), "mutation at " + i);
        assertEquals(TEXT, n.text());
      }
    }
  }

  @Test
  void insertingOrDeletingAByteIsRejected() {
    NoteSigner s = TestKeys.signer("example.com/log", 9);
    byte[] msg = Note.sign(TEXT, s);
    Verifiers known = Verifiers.of(s.verifier());
    for (int i = 0; i <= msg.length; i++) {
      for (byte ins : List.of((byte) 'A', (byte) '\n')) {
        byte[] m = new byte[msg.length + 1];
        System.arraycopy(msg, 0, m, 0, i);
        m[i] = ins;
        System.arraycopy(msg, i, m, i + 1, msg.length - i);
        assertThrows(NoteException.class, () -> Note.open(m, known));
      }
      if (i < msg.length) {
        byte[] d = new byte[msg.length - 1];
        System.arraycopy(msg, 0, d, 0, i);
        System.arraycopy(msg, i + 1, d, i, msg.length - i - 1);
        assertThrows(NoteException.class, () -> Note.open(d, known));
      }
    }
  }
}

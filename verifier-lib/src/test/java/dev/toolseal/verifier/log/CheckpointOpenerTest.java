package dev.toolseal.verifier.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.toolseal.tlog.checkpoint.SignedCheckpoint;
import dev.toolseal.tlog.note.NoteException;
import dev.toolseal.tlog.note.NoteVerifier;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checkpoint note signature is checked with the library's own Ed25519 check, not the JDK's:
 * a forgery the JDK takes (R = identity, S = 0 under a key of small order) is refused.
 */
class CheckpointOpenerTest {
  private static final String ORIGIN = "small.order.example/log";

  private static byte[] forgedNote(NoteVerifier key) {
    byte[] sig = new byte[64];
    sig[0] = 1; // R = the identity point, S = 0
    byte[] line = ByteBuffer.allocate(68).putInt(key.keyId()).put(sig).array();
    String text = ORIGIN + "\n3\n" + Base64.getEncoder().encodeToString(new byte[32]) + "\n";
    return (text + "\n\u2014 " + ORIGIN + " " + Base64.getEncoder().encodeToString(line) + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aForgeryUnderASmallOrderLogKeyIsRefused() throws Exception {
    byte[] identity = new byte[32];
    identity[0] = 1;
    NoteVerifier key = NoteVerifier.of(ORIGIN, identity);
    byte[] note = forgedNote(key);
    // the JDK's check, tlog-core's default, takes it: the forgery is a real one
    assertEquals(3, SignedCheckpoint.open(note, key).checkpoint().size());
    assertThrows(NoteException.class, () -> CheckpointOpener.open(note, key, List.of(), 0));
    assertThrows(UntrustedCheckpointException.class, () -> LogTrust.of(key).open(note));
  }

  @Test
  void aValidNoteOpensAndAnAlteredSignatureDoesNot() throws Exception {
    TestLog log = new TestLog("opener.example/log", 3).grow(4);
    byte[] note = log.checkpoint();
    NoteVerifier key = log.trust().logKeys().get(0);
    assertEquals(4, CheckpointOpener.open(note, key, List.of(), 0).checkpoint().size());
    String s = new String(note, StandardCharsets.UTF_8);
    int sigStart = s.lastIndexOf(' ') + 1;
    char c = s.charAt(sigStart + 10);
    byte[] altered = (s.substring(0, sigStart + 10) + (c == 'A' ? 'B' : 'A')
        + s.substring(sigStart + 11)).getBytes(StandardCharsets.UTF_8);
    assertThrows(NoteException.class, () -> CheckpointOpener.open(altered, key, List.of(), 0));
  }
}

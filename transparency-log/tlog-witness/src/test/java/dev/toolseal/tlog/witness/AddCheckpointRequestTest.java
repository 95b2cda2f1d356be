package dev.toolseal.tlog.witness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.note.NoteSigner;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request body parser: exact round trips, and a refusal for every deviation. */
class AddCheckpointRequestTest {
  final TestLog log =
      new TestLog(NoteSigner.generate("registry.example/log", new SecureRandom()), "a", 100);
  final String note = new String(log.signed(100), StandardCharsets.UTF_8);

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void roundTrips() throws Exception {
    for (long old : new long[] {0, 1, 37, 64, 99, 100}) {
      AddCheckpointRequest r = log.request(old, 100);
      AddCheckpointRequest back = AddCheckpointRequest.parse(r.encode());
      assertEquals(r, back);
      assertArrayEquals(r.encode(), back.encode());
    }
  }

  @Test
  void parsesTheDocumentedLayout() throws Exception {
    Hash h = log.root(3);
    String body = "old 12\n" + h.base64() + "\n" + h.base64() + "\n\n" + note;
    AddCheckpointRequest r = AddCheckpointRequest.parse(utf8(body));
    assertEquals(12, r.oldSize());
    assertEquals(List.of(h, h), r.proof());
    assertArrayEquals(utf8(note), r.signedCheckpoint());
  }

  @Test
  void refusesEveryMalformedHeader() {
    String h = log.root(3).base64();
    List<String> bad = List.of(
        "", "old 1\n", "old 1\n\n", "old 1", "new 1\n\n" + note, "old  1\n\n" + note,
        "old 01\n\n" + note, "old -1\n\n" + note, "old +1\n\n" + note, "old 1 \n\n" + note,
        "old 99999999999999999999\n\n" + note, "old 1\r\n\r\n" + note, "OLD 1\n\n" + note,
        "old 1\n" + h.substring(1) + "\n\n" + note, "old 1\n" + h + "=\n\n" + note,
        "old 1\n" + h.replace('=', 'A') + "\n\n" + note, "old 1\n" + h + " \n\n" + note,
        "old 1\n" + "A".repeat(5000) + "\n\n" + note, "old 1\n" + h + "\n" + note,
        "old 1\n" + "AAAA\n\n" + note, "\nold 1\n\n" + note, "old 1\n \n" + note);
    for (String body : bad) {
      assertThrows(RequestFormatException.class, () -> AddCheckpointRequest.parse(utf8(body)),
          body.length() > 60 ? body.substring(0, 60) : body);
    }
  }

  @Test
  void refusesMoreThanSixtyThreeProofLines() throws Exception {
    String line = log.root(5).base64() + "\n";
    AddCheckpointRequest.parse(utf8("old 1\n" + line.repeat(63) + "\n" + note));
    assertThrows(RequestFormatException.class,
        () -> AddCheckpointRequest.parse(utf8("old 1\n" + line.repeat(64) + "\n" + note)));
  }

  @Test
  void refusesOversizedBodies() throws Exception {
    byte[] max = new byte[AddCheckpointRequest.MAX_BODY_BYTES];
    Arrays.fill(max, (byte) 'x');
    byte[] head = utf8("old 0\n\n");
    System.arraycopy(head, 0, max, 0, head.length);
    AddCheckpointRequest.parse(max);
    assertThrows(RequestFormatException.class,
        () -> AddCheckpointRequest.parse(Arrays.copyOf(max, max.length + 1)));
  }

  @Test
  void everyTruncationParsesOrFailsWithTheFormatException() {
    byte[] body = log.request(64, 100).encode();
    for (int n = 0; n <= body.length; n++) {
      byte[] cut = Arrays.copyOf(body, n);
      try {
        AddCheckpointRequest.parse(cut);
      } catch (RequestFormatException expected) {
        // the only failure allowed
      }
    }
  }

  @Test
  void theRecordCopiesItsInputs() {
    byte[] note = log.signed(3);
    List<Hash> proof = new ArrayList<>(List.of(log.root(1)));
    AddCheckpointRequest r = new AddCheckpointRequest(1, proof, note);
    note[0] ^= 1;
    proof.clear();
    assertEquals(1, r.proof().size());
    assertArrayEquals(log.signed(3), r.signedCheckpoint());
    assertThrows(IllegalArgumentException.class,
        () -> new AddCheckpointRequest(0, Collections.nCopies(64, log.root(1)), log.signed(3)));
    assertThrows(IllegalArgumentException.class,
        () -> new AddCheckpointRequest(-1, List.of(), log.signed(3)));
  }
}

package dev.toolseal.tlog.note;

import static dev.toolseal.tlog.note.GoVectors.*;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A verifier given its own {@link SignatureCheck} uses it, and only it, for every signature. */
class SignatureCheckTest {
  private static final byte[] NOTE = (TEXT + "\n" + PETER_SIG).getBytes(UTF_8);

  /** Records each call and answers as the JDK does, or refuses everything. */
  private static final class Recording implements SignatureCheck {
    final List<byte[]> keys = new ArrayList<>();
    final boolean refuse;

    Recording(boolean refuse) {
      this.refuse = refuse;
    }

    @Override
    public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
      keys.add(publicKey.clone());
      return !refuse && SignatureCheck.JDK.verify(publicKey, message, signature);
    }
  }

  @Test
  void noteSignaturesGoThroughTheGivenCheck() throws Exception {
    NoteVerifier peter = NoteVerifier.parse(PETER_VKEY);
    Recording ok = new Recording(false);
    Note n = Note.open(NOTE, Verifiers.of(peter.withCheck(ok)));
    assertTrue(n.isVerifiedBy(peter));
    assertEquals(1, ok.keys.size());
    assertArrayEquals(peter.publicKey(), ok.keys.get(0));

    Recording no = new Recording(true);
    assertThrows(InvalidSignatureException.class,
        () -> Note.open(NOTE, Verifiers.of(peter.withCheck(no))));
    assertEquals(1, no.keys.size());
  }

  @Test
  void theCheckDoesNotChangeTheKeyOrItsEquality() throws Exception {
    NoteVerifier peter = NoteVerifier.parse(PETER_VKEY);
    NoteVerifier checked = peter.withCheck(new Recording(false));
    assertEquals(peter, checked);
    assertEquals(peter.hashCode(), checked.hashCode());
    assertEquals(PETER_VKEY, checked.verifierKey());
    assertEquals(peter.keyId(), checked.keyId());
    assertThrows(IllegalArgumentException.class, () -> peter.withCheck(null));
  }

  @Test
  void theCheckCannotAlterTheKeyAndSeesNoSignatureOfTheWrongLength() throws Exception {
    NoteVerifier peter = NoteVerifier.parse(PETER_VKEY);
    List<Integer> lengths = new ArrayList<>();
    NoteVerifier vandal = peter.withCheck((key, message, sig) -> {
      Arrays.fill(key, (byte) 0);
      lengths.add(sig.length);
      return true;
    });
    assertThrows(InvalidSignatureException.class, () -> vandal.verify(NOTE, new byte[63]));
    assertTrue(lengths.isEmpty());
    vandal.verify(NOTE, new byte[64]);
    assertEquals(List.of(64), lengths);
    assertArrayEquals(NoteVerifier.parse(PETER_VKEY).publicKey(), vandal.publicKey());
  }

  @Test
  void cosignaturesGoThroughTheGivenCheck() throws Exception {
    Clock clock = Clock.fixed(Instant.ofEpochSecond(1679315147), ZoneOffset.UTC);
    CosignatureSigner w = CosignatureSigner.of(TestKeys.signer("witness.example/w1", 5), clock);
    NoteSigner log = TestKeys.signer("example.com/log", 6);
    byte[] cosigned = Note.open(Note.sign("example.com/log\n1\nroot\n", log),
        Verifiers.of(log.verifier())).addSignatures(w);
    CosignatureVerifier wv = w.verifier();

    Recording ok = new Recording(false);
    Note n = Note.open(cosigned, Verifiers.of(log.verifier(), wv.withCheck(ok)));
    assertTrue(n.isVerifiedBy(wv));
    assertEquals(1, ok.keys.size());
    assertEquals(wv, wv.withCheck(ok));

    Recording no = new Recording(true);
    assertThrows(InvalidSignatureException.class,
        () -> Note.open(cosigned, Verifiers.of(log.verifier(), wv.withCheck(no))));
    assertEquals(1, no.keys.size());
  }
}

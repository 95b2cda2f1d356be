package dev.toolseal.tlog.checkpoint;

import static org.junit.jupiter.api.Assertions.*;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.Rfc6962;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointTest {
  /** The example body of the C2SP tlog-checkpoint specification. */
  private static final String SPEC_BODY =
      "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
  private static final String ROOT = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";

  @Test
  void specExampleParsesAndFormatsBack() throws Exception {
    Checkpoint c = Checkpoint.parse(SPEC_BODY);
    assertEquals("example.com/behind-the-sofa", c.origin());
    assertEquals(20852163L, c.size());
    assertEquals(ROOT, c.root().base64());
    assertEquals(List.of(), c.extensions());
    assertEquals(SPEC_BODY, c.format());
  }

  @Test
  void roundTripsWithExtensionsEmptyTreeAndLargestSize() throws Exception {
    List<Checkpoint> all = List.of(
        new Checkpoint("o", 0, Rfc6962.emptyRoot()),
        new Checkpoint("example.com/log", Long.MAX_VALUE, Hash.of(new byte[32])),
        new Checkpoint("\u00e9xample", 1, Rfc6962.leafHash(new byte[0]), List.of("ext one", "2")));
    for (Checkpoint c : all) {
      assertEquals(c, Checkpoint.parse(c.format()));
      assertEquals(c.format(), Checkpoint.parse(c.format()).format());
    }
  }

  @Test
  void rejectsEveryNonCanonicalForm() {
    String empty = Rfc6962.emptyRoot().base64();
    List<String> bad = List.of(
        "",
        "example.com/behind-the-sofa\n20852163\n" + ROOT, // no trailing newline
        "example.com/behind-the-sofa\n20852163\n",
        "\n20852163\n" + ROOT + "\n", // empty origin
        "o\n020852163\n" + ROOT + "\n", // leading zero
        "o\n00\n" + empty + "\n",
        "o\n+5\n" + ROOT + "\n",
        "o\n-1\n" + ROOT + "\n",
        "o\n 5\n" + ROOT + "\n",
        "o\n5 \n" + ROOT + "\n",
        "o\n\n" + ROOT + "\n",
        "o\n9223372036854775808\n" + ROOT + "\n", // 2^63
        "o\n99999999999999999999\n" + ROOT + "\n",
        "o\n0x10\n" + ROOT + "\n",
        "o\n\uff15\n" + ROOT + "\n", // full-width digit five
        "o\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=\n", // non-zero padding bits
        "o\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n", // missing padding
        "o\n5\nCsUYapGGPo4dkMgIAUqom_Xajj7h2fB2MPA3j2jxq2I=\n", // URL alphabet
        "o\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxqw==\n", // 31 bytes
        "o\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2IA\n", // 33 bytes
        "o\n5\n" + ROOT + "\n\n", // blank extension line
        "o\n5\n" + ROOT + "\next\n\n",
        "o\n0\n" + ROOT + "\n", // size 0 with a root other than SHA-256("")
        "o\t1\n5\n" + ROOT + "\n", // control character
        "o\r\n5\n" + ROOT + "\n",
        "o\ud800\n5\n" + ROOT + "\n",
        "o\n5\n" + ROOT + "\n" + "x".repeat(Checkpoint.MAX_BODY_CHARS) + "\n");
    for (String body : bad) {
      assertThrows(CheckpointFormatException.class, () -> Checkpoint.parse(body), body);
    }
  }

  @Test
  void constructorRejectsWhatParseRejects() {
    Hash root = Hash.of(new byte[32]);
    assertThrows(IllegalArgumentException.class, () -> new Checkpoint("", 1, root));
    assertThrows(IllegalArgumentException.class, () -> new Checkpoint("a\nb", 1, root));
    assertThrows(IllegalArgumentException.class, () -> new Checkpoint("o", -1, root));
    assertThrows(IllegalArgumentException.class, () -> new Checkpoint("o", 0, root));
    assertThrows(IllegalArgumentException.class,
        () -> new Checkpoint("o", 1, root, List.of("")));
    assertThrows(IllegalArgumentException.class,
        () -> new Checkpoint("o", 1, root, List.of("a\nb")));
  }
}

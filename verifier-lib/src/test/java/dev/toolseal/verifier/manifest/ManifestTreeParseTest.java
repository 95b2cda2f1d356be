package dev.toolseal.verifier.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ManifestFormat#parse(JsonNode)} accepts and refuses exactly what
 * {@link ManifestFormat#parse(byte[])} does for every document a tree can express, and reads the
 * same manifest. The tree is read leniently (plain Jackson) so that only the tree checks refuse.
 */
class ManifestTreeParseTest {
  private static final ObjectMapper LENIENT = new ObjectMapper();
  private static final ManifestLimits SMALL = new ManifestLimits(1 << 20, 7, 12, 1000);

  private static ObjectNode base() {
    try {
      return SampleSession.obj(new String(
          ManifestFormat.format(new SampleSession().manifest()), StandardCharsets.UTF_8));
    } catch (ManifestException e) {
      throw new AssertionError("the sample session is a valid manifest", e);
    }
  }

  private static String text(ObjectNode doc) {
    return doc.toString();
  }

  /** Documents (as text) from the strictness fixtures: valid ones and one per refusal. */
  private static Map<String, String> documents() {
    Map<String, String> docs = new LinkedHashMap<>();
    docs.put("valid", text(base()));
    docs.put("pretty", SampleSession.pretty(SampleSession.reversedKeys(base())));
    ObjectNode unknown = base();
    unknown.put("extra", 1);
    docs.put("unknownMember", text(unknown));
    ObjectNode version = base();
    version.put("manifestVersion", "2");
    docs.put("wrongVersion", text(version));
    ObjectNode noServer = base();
    noServer.remove("server");
    docs.put("missingServer", text(noServer));
    ObjectNode longString = base();
    ((ObjectNode) longString.get("tools").get(0)).put("description", "x".repeat(2000));
    docs.put("tooLongString", text(longString));
    ObjectNode longName = base();
    ((ObjectNode) longName.get("clientCapabilities")).put("k".repeat(2000), 1);
    docs.put("tooLongName", text(longName));
    String valid = text(base());
    docs.put("escapedLoneSurrogate",
        valid.replaceFirst("\"clientCapabilities\":\\{", "\"clientCapabilities\":{\"x\":\"\\\\ud800\","));
    docs.put("unsafeNumber",
        valid.replaceFirst("\"clientCapabilities\":\\{", "\"clientCapabilities\":{\"x\":1e400,"));
    docs.put("bigInteger", valid.replaceFirst("\"clientCapabilities\":\\{",
        "\"clientCapabilities\":{\"x\":123456789012345678901,"));
    for (int depth = 9; depth <= 13; depth++) {
      docs.put("depth" + depth, valid.replaceFirst("\"clientCapabilities\":\\{",
          "\"clientCapabilities\":{\"x\":" + "[".repeat(depth) + "]".repeat(depth) + ","));
    }
    ObjectNode duplicateEntry = base();
    duplicateEntry.withArray("tools").add(duplicateEntry.get("tools").get(0).deepCopy());
    docs.put("duplicateEntry", text(duplicateEntry));
    ObjectNode notObject = base();
    notObject.withArray("tools").add(3);
    docs.put("nonObjectEntry", text(notObject));
    docs.put("array", "[" + valid + "]");
    return docs;
  }

  @Test
  void treeAndBytesAgree() throws Exception {
    int refused = 0;
    for (ManifestLimits limits : new ManifestLimits[] {ManifestLimits.DEFAULT, SMALL}) {
      ManifestFormat format = new ManifestFormat(limits);
      for (Map.Entry<String, String> doc : documents().entrySet()) {
        byte[] bytes = doc.getValue().getBytes(StandardCharsets.UTF_8);
        JsonNode tree = LENIENT.readTree(bytes);
        ToolManifest fromBytes = null;
        ManifestException bytesError = null;
        try {
          fromBytes = format.parse(bytes);
        } catch (ManifestException e) {
          bytesError = e;
        }
        if (bytesError == null) {
          assertEquals(fromBytes, format.parse(tree), doc.getKey());
          assertEquals(fromBytes.digest(), format.parse(tree).digest(), doc.getKey());
        } else {
          refused++;
          ManifestException treeError =
              assertThrows(ManifestException.class, () -> format.parse(tree), doc.getKey());
          assertEquals(bytesError.reason(), treeError.reason(), doc.getKey());
        }
      }
    }
    // the fixtures exercise refusals under both limits, not just acceptance
    assertEquals(true, refused > 2 * 8, "refusals: " + refused);
  }

  /**
   * The text {@link ManifestFormat#parseWithText} assembles from the parts is JCS of the tree
   * read, whatever the order of its members and arrays; it is the stored form exactly when the
   * arrays are in entry order.
   */
  @Test
  void theAssembledTextIsJcsOfTheTreeInEveryOrder() throws Exception {
    ManifestFormat format = new ManifestFormat();
    java.util.Random r = new java.util.Random(6);
    int shuffled = 0;
    for (int i = 0; i < 40; i++) {
      ObjectNode doc = i % 2 == 0 ? base() : (ObjectNode) SampleSession.reversedKeys(base());
      for (String array : new String[] {"tools", "prompts", "resources", "resourceTemplates"}) {
        java.util.List<JsonNode> items = new java.util.ArrayList<>();
        doc.withArray(array).forEach(items::add);
        if (i > 0) {
          java.util.Collections.shuffle(items, r);
        }
        doc.putArray(array).addAll(items);
      }
      JsonNode tree = LENIENT.readTree(doc.toString());
      ManifestFormat.TreeRead read = format.parseWithText(tree);
      String jcs = dev.toolseal.verifier.json.Jcs.canonicalText(tree);
      assertEquals(jcs, read.treeText());
      assertEquals(format.parse(tree), read.manifest());
      String stored = new String(ManifestFormat.format(read.manifest()), StandardCharsets.UTF_8);
      assertEquals(stored.equals(jcs), ManifestFormat.isStoredForm(read.manifest(), jcs));
      shuffled += stored.equals(jcs) ? 0 : 1;
    }
    assertEquals(true, shuffled > 10, "shuffled documents: " + shuffled);
  }

  @Test
  void utf8LengthIsTheLengthOfTheEncoding() {
    java.util.Random r = new java.util.Random(8);
    String alphabet = "a\u007f\u0080\u07ff\u0800\u20ac\uffff";
    for (int i = 0; i < 2000; i++) {
      StringBuilder sb = new StringBuilder();
      for (int n = r.nextInt(20); n > 0; n--) {
        if (r.nextInt(5) == 0) {
          sb.appendCodePoint(0x10000 + r.nextInt(0x100000));
        } else {
          sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
      }
      String s = sb.toString();
      assertEquals(s.getBytes(StandardCharsets.UTF_8).length, ManifestFormat.utf8Length(s), s);
    }
  }

  @Test
  void treeOverTheSizeLimitIsRefused() throws Exception {
    ManifestLimits small = new ManifestLimits(1000, 100, 64, 1000);
    JsonNode tree = base();
    ManifestException e = assertThrows(ManifestException.class,
        () -> new ManifestFormat(small).parse(tree));
    assertEquals(ManifestException.Reason.TOO_LARGE, e.reason());
  }
}

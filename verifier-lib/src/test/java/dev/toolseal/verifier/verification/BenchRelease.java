package dev.toolseal.verifier.verification;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.attest.Attestations;
import dev.toolseal.verifier.attest.Release;
import dev.toolseal.verifier.attest.ReleaseName;
import dev.toolseal.verifier.attest.Review;
import dev.toolseal.verifier.bundle.OfflineBundle;
import dev.toolseal.verifier.bundle.TestBundles;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.keys.SigningKey;
import dev.toolseal.verifier.log.TestLog;
import dev.toolseal.verifier.manifest.ManifestAssembler;
import dev.toolseal.verifier.manifest.ManifestException;
import dev.toolseal.verifier.manifest.ManifestFormat;
import dev.toolseal.verifier.manifest.RawSession;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.manifest.ToolManifest;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A realistic release for the benchmark: a server with {@code tools} tools (descriptions of a
 * few hundred characters, nested input schemas, annotations), signed by a pinned publisher key,
 * PASSED by two of three trusted assessors, all three bundles proven against one checkpoint.
 */
final class BenchRelease {
  static final ObjectMapper JSON = new ObjectMapper();
  static final ServerRef SERVER = new ServerRef("io.github.acme/toolbox", "3.1.4");

  final SigningKey publisher = KeyPairs.generate();
  final List<SigningKey> assessors =
      List.of(KeyPairs.generate(), KeyPairs.generate(), KeyPairs.generate());
  final TestLog log = new TestLog("log.toolseal.bench", 42).grow(1000);
  final RawSession session;
  final ToolManifest manifest;
  final ReleaseEvidence evidence;
  final VerificationPolicy policy;

  BenchRelease(int tools) throws ManifestException, IOException {
    session = session(tools);
    manifest = new ManifestAssembler().assemble(session);
    ObjectNode doc = (ObjectNode) JSON.readTree(ManifestFormat.format(manifest));
    Release release = new Release(new ReleaseName(SERVER.name(), SERVER.version()), doc);
    OfflineBundle rel = TestBundles.log(log,
        Attestations.sign(release.toStatement(), List.of(publisher)), publisher.keyId());
    List<OfflineBundle> reviews = new ArrayList<>();
    for (SigningKey a : assessors.subList(0, 2)) {
      Review review = new Review(release.subject(), "https://assessor.example/" + a.keyId(),
          Instant.parse("2026-11-01T10:00:00Z"), "mcp://" + SERVER.name(),
          "https://toolseal.dev/policy/v1", Optional.empty(), Review.Result.PASSED,
          List.of("TOOLSEAL_L1"), List.of());
      reviews.add(TestBundles.log(log, Attestations.sign(review.toStatement(), List.of(a)),
          a.keyId()));
    }
    log.grow(17);
    evidence = new ReleaseEvidence(TestBundles.refresh(log, rel),
        reviews.stream().map(b -> TestBundles.refresh(log, b)).toList(), List.of(),
        log.client());
    policy = VerificationPolicy.builder(log.trust())
        .pinPublisherKey("io.github.acme", publisher.verificationKey())
        .requireReviews(2, assessors.stream().map(SigningKey::verificationKey).toList())
        .build();
  }

  /** A recorded session of a server with {@code tools} tools, on pages of 25. */
  static RawSession session(int tools) {
    List<String> pages = new ArrayList<>();
    ObjectNode page = null;
    for (int i = 0; i < tools; i++) {
      if (i % 25 == 0) {
        if (page != null) {
          pages.add(page.toString());
        }
        page = JSON.createObjectNode();
        page.putArray("tools");
      }
      ((ArrayNode) page.get("tools")).add(tool(i));
    }
    if (page != null) {
      pages.add(page.toString());
    }
    String init = "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":"
        + "{\"listChanged\":true},\"logging\":{}},\"serverInfo\":{\"name\":\"toolbox\","
        + "\"title\":\"Acme Toolbox\",\"version\":\"3.1.4\"},\"instructions\":\"Use the search "
        + "tools before the write tools. Ask before deleting anything.\"}";
    return new RawSession(SERVER, "{\"roots\":{\"listChanged\":true},\"sampling\":{}}", init,
        pages, List.of(), List.of(), List.of());
  }

  private static ObjectNode tool(int i) {
    ObjectNode t = JSON.createObjectNode();
    t.put("name", "tool_" + i + "_search_records");
    t.put("title", "Search records (" + i + ")");
    t.put("description", ("Searches the records of collection " + i + " for entries matching "
        + "the query and returns at most `limit` results, newest first. Use filters to narrow "
        + "by owner, status or date; dates are ISO 8601 in UTC. The result lists each record's "
        + "id, title, status and a short excerpt \u2014 call get_record for the full text. "
        + "Never pass secrets in the query: it is logged by the server for auditing."));
    ObjectNode schema = t.putObject("inputSchema");
    schema.put("type", "object");
    ObjectNode props = schema.putObject("properties");
    props.putObject("query").put("type", "string").put("minLength", 1).put("maxLength", 512)
        .put("description", "Free text; quotes make a phrase.");
    props.putObject("limit").put("type", "integer").put("minimum", 1).put("maximum", 100)
        .put("default", 20);
    ObjectNode filters = props.putObject("filters");
    filters.put("type", "object");
    ObjectNode fp = filters.putObject("properties");
    fp.putObject("owner").put("type", "string").put("format", "email");
    ArrayNode status = fp.putObject("status").put("type", "string").putArray("enum");
    status.add("open").add("closed").add("archived");
    ObjectNode range = fp.putObject("created");
    range.put("type", "object");
    range.putObject("properties").putObject("from").put("type", "string")
        .put("format", "date-time");
    ((ObjectNode) range.get("properties")).putObject("to").put("type", "string")
        .put("format", "date-time");
    filters.put("additionalProperties", false);
    schema.putArray("required").add("query");
    schema.put("additionalProperties", false);
    ObjectNode annotations = t.putObject("annotations");
    annotations.put("readOnlyHint", true).put("openWorldHint", false);
    return t;
  }
}

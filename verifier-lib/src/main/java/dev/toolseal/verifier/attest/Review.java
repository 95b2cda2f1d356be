package dev.toolseal.verifier.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.attest.CanonicalJson.JsonException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An assessor's review of a release, in SLSA Verification Summary Attestation v1 shape
 * (predicate type {@value #PREDICATE_TYPE}); the subject is the release's subject.
 *
 * <pre>{"verifier": {"id": uri}, "timeVerified": RFC 3339 UTC, "resourceUri": uri,
 *  "policy": {"uri": uri, "digest": {"sha256": hex}?}, "verificationResult": "PASSED"|"FAILED",
 *  "verifiedLevels": [str], "findings": [Finding]}</pre>
 *
 * Exactly these fields ({@code policy.digest} optional); {@code findings} is a ToolSeal
 * extension; other VSA fields are refused. {@code timeVerified} must be in
 * {@link Instant#toString()} form, so one instant has one spelling.
 */
public record Review(Subject subject, String verifierId, Instant timeVerified,
    String resourceUri, String policyUri, Optional<Hash> policyDigest, Result result,
    List<String> verifiedLevels, List<Finding> findings) {
  public static final String PREDICATE_TYPE = "https://slsa.dev/verification_summary/v1";
  public static final int MAX_LEVELS = 32;
  public static final int MAX_FINDINGS = 1000;
  static final int MAX_URI_CHARS = 1024;

  /** The VSA verificationResult. */
  public enum Result { PASSED, FAILED }

  public Review {
    if (subject == null || timeVerified == null || policyDigest == null || result == null
        || verifiedLevels == null || findings == null) {
      throw new IllegalArgumentException("missing review field");
    }
    Predicates.checkText(verifierId, MAX_URI_CHARS, "verifier.id");
    Predicates.checkText(resourceUri, MAX_URI_CHARS, "resourceUri");
    Predicates.checkText(policyUri, MAX_URI_CHARS, "policy.uri");
    if (verifiedLevels.size() > MAX_LEVELS || findings.size() > MAX_FINDINGS) {
      throw new IllegalArgumentException("too many levels or findings");
    }
    verifiedLevels.forEach(l -> Predicates.checkText(l, 128, "verifiedLevels[]"));
    verifiedLevels = List.copyOf(verifiedLevels);
    findings = List.copyOf(findings);
  }

  public Statement toStatement() {
    ObjectNode p = Predicates.object();
    p.putObject("verifier").put("id", verifierId);
    p.put("timeVerified", timeVerified.toString());
    p.put("resourceUri", resourceUri);
    ObjectNode policy = p.putObject("policy");
    policy.put("uri", policyUri);
    policyDigest.ifPresent(d -> policy.set("digest", JsonFields.digestSet(d)));
    p.put("verificationResult", result.name());
    ArrayNode levels = p.putArray("verifiedLevels");
    verifiedLevels.forEach(levels::add);
    ArrayNode fs = p.putArray("findings");
    for (Finding f : findings) {
      fs.addObject().put("severity", f.severity().wireName()).put("path", f.path())
          .put("message", f.message());
    }
    return Statement.of(subject, PREDICATE_TYPE, p);
  }

  /** Reads a review statement strictly. */
  public static Review fromStatement(Statement st) throws PredicateFormatException {
    Predicates.requireType(st, PREDICATE_TYPE);
    Subject subject = st.singleSubject();
    Predicates.releaseName(subject.name(), PREDICATE_TYPE);
    try {
      JsonFields p = JsonFields.of(st.predicate(), "predicate", Set.of("verifier",
          "timeVerified", "resourceUri", "policy", "verificationResult", "verifiedLevels",
          "findings"));
      String verifierId = JsonFields.of(p.get("verifier"), "verifier", Set.of("id"))
          .text("id", MAX_URI_CHARS);
      String time = p.text("timeVerified", 64);
      Instant timeVerified = Instant.parse(time);
      if (!timeVerified.toString().equals(time)) {
        throw new JsonException("timeVerified is not in canonical RFC 3339 UTC form");
      }
      JsonFields policy = JsonFields.of(p.get("policy"), "policy", Set.of("uri"),
          Set.of("digest"));
      Optional<Hash> policyDigest = policy.has("digest")
          ? Optional.of(policy.sha256DigestSet("digest")) : Optional.empty();
      Result result = switch (p.text("verificationResult", 16)) {
        case "PASSED" -> Result.PASSED;
        case "FAILED" -> Result.FAILED;
        default -> throw new JsonException("verificationResult is PASSED or FAILED");
      };
      List<String> levels = new ArrayList<>();
      for (JsonNode l : p.array("verifiedLevels", MAX_LEVELS, true)) {
        if (!l.isTextual()) {
          throw new JsonException("verifiedLevels holds strings");
        }
        levels.add(l.textValue());
      }
      List<Finding> findings = new ArrayList<>();
      for (JsonNode n : p.array("findings", MAX_FINDINGS, true)) {
        JsonFields f = JsonFields.of(n, "finding", Set.of("severity", "path", "message"));
        findings.add(new Finding(Finding.Severity.fromWireName(f.text("severity", 16)),
            f.text("path", 0, Predicates.MAX_TEXT_CHARS),
            f.text("message", Predicates.MAX_TEXT_CHARS)));
      }
      return new Review(subject, verifierId, timeVerified, p.text("resourceUri", MAX_URI_CHARS),
          policy.text("uri", MAX_URI_CHARS), policyDigest, result, levels, findings);
    } catch (JsonException e) {
      throw Predicates.wrap(PREDICATE_TYPE, e);
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new PredicateFormatException(PREDICATE_TYPE, "bad review field: " + e.getMessage());
    }
  }
}

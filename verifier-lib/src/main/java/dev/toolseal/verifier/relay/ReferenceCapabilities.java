package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.attest.Release;
import dev.toolseal.verifier.attest.Statement;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.verification.ReleaseEvidence;
import dev.toolseal.verifier.verification.ReleaseEvidenceSource;
import java.util.Optional;

/**
 * The client capabilities the reference manifest (a pin, a signed release) was recorded with.
 * The guard relays the real client's capabilities to the upstream unchanged (so sampling,
 * elicitation and roots keep working), but assembles the live manifest it verifies with the
 * reference's capabilities: what it compares is only what the server said
 * (docs/design/guard.md, "Client capabilities").
 *
 * <p>Contract: called once per verification on the verification thread. Throwing rejects the
 * server; an empty result means there is no reference yet, and the client's own capabilities are
 * used (and, with {@code --approve-first}, pinned).
 */
@FunctionalInterface
public interface ReferenceCapabilities {

  /** The reference's client capabilities object, if there is a reference. */
  Optional<JsonNode> clientCapabilities() throws Exception;

  /**
   * The capabilities inside the release that {@code source} holds for {@code server}. They are
   * read before the release is verified; that is safe because the release verifier then checks
   * the signed digest over the manifest that includes them.
   */
  static ReleaseCapabilities release(ReleaseEvidenceSource source, ServerRef server) {
    return new ReleaseCapabilities(source, server);
  }

  /** {@link #release}: reads the release statement's manifest document. */
  record ReleaseCapabilities(ReleaseEvidenceSource source, ServerRef server)
      implements ReferenceCapabilities {
    @Override
    public Optional<JsonNode> clientCapabilities() throws Exception {
      JsonNode caps = manifestDocument(source.evidenceFor(server)).get("clientCapabilities");
      if (caps == null || !caps.isObject()) {
        throw new IllegalArgumentException("the release's manifest has no clientCapabilities "
            + "object");
      }
      return Optional.of(caps.deepCopy());
    }
  }

  /**
   * The protocol version the release in {@code evidence} was recorded with (read from evidence
   * already in hand, before it is verified: the verifier then checks the signed digest over the
   * manifest that holds it; a release that does not verify rejects the server anyway).
   */
  static Optional<String> protocolVersion(ReleaseEvidence evidence) throws Exception {
    JsonNode doc = manifestDocument(evidence);
    // v1 (legacy era): inside initialize; v2 (modern era): a member of its own
    JsonNode v = doc.has("initialize") ? doc.path("initialize").path("protocolVersion")
        : doc.path("protocolVersion");
    return v.isTextual() ? Optional.of(v.textValue()) : Optional.empty();
  }

  private static JsonNode manifestDocument(ReleaseEvidence evidence) throws Exception {
    return Release.fromStatement(Statement.parse(evidence.release().envelope().payload()))
        .manifest();
  }
}

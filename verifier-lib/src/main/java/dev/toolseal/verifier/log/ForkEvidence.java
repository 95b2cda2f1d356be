package dev.toolseal.verifier.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.tlog.Hash;
import java.nio.charset.StandardCharsets;

/**
 * The evidence of a fork as a JSON document anyone can check with the log's public key: both
 * signed checkpoints (note text), the consistency proof offered (hex hashes) and why it failed.
 *
 * <pre>
 * {"origin": "...", "known": "&lt;signed note&gt;", "presented": "&lt;signed note&gt;",
 *  "proof": ["&lt;hex&gt;", ...], "proofFailure": "..." or null}
 * </pre>
 */
final class ForkEvidence {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ForkEvidence() {}

  static byte[] json(LogForkException fork) {
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("origin", fork.known().checkpoint().origin());
    doc.put("known", new String(fork.known().signedNote(), StandardCharsets.UTF_8));
    doc.put("presented", new String(fork.presented().signedNote(), StandardCharsets.UTF_8));
    ArrayNode proof = doc.putArray("proof");
    for (Hash h : fork.proof()) {
      proof.add(h.hex());
    }
    doc.put("proofFailure", fork.proofFailure().map(Throwable::getMessage).orElse(null));
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write the fork evidence", e);
    }
  }
}

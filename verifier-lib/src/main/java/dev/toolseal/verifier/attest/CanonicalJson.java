package dev.toolseal.verifier.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.json.JsonFormatException;
import dev.toolseal.verifier.json.JsonLimits;
import dev.toolseal.verifier.json.Jcs;
import dev.toolseal.verifier.json.StrictJson;

/**
 * The attestation parsers' view of the library's one strict JSON reader and RFC 8785
 * implementation ({@link StrictJson}, {@link Jcs}): the same rules as for manifests (no duplicate
 * keys, no lone surrogates, no number JCS would change), with at most {@link #MAX_DEPTH} levels
 * of nesting; failures become {@link JsonException}, which each parser maps to its own exception.
 */
final class CanonicalJson {
  static final int MAX_DEPTH = 128;

  private static final StrictJson ENVELOPES = reader(Envelope.MAX_ENVELOPE_BYTES);
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private CanonicalJson() {}

  /** Thrown for any input that is not strict JSON; the message names the problem only. */
  static final class JsonException extends Exception {
    private static final long serialVersionUID = 1L;

    JsonException(String message) {
      // no stack trace: it is always caught and re-thrown as the format's own exception
      super(message, null, false, false);
    }
  }

  private static StrictJson reader(int maxBytes) {
    return new StrictJson(new JsonLimits(maxBytes, MAX_DEPTH, maxBytes));
  }

  /** Parses {@code bytes} (at most {@code maxBytes}) as strict UTF-8 JSON. */
  static JsonNode parse(byte[] bytes, int maxBytes) throws JsonException {
    StrictJson reader = maxBytes == Envelope.MAX_ENVELOPE_BYTES ? ENVELOPES : reader(maxBytes);
    try {
      return reader.parse(bytes);
    } catch (JsonFormatException e) {
      throw new JsonException("not strict JSON: " + e.getMessage());
    }
  }

  /** RFC 8785 canonical UTF-8 bytes of {@code node}. */
  static byte[] canonical(JsonNode node) {
    return Jcs.canonicalBytes(node);
  }

  /** RFC 8785 canonical text of {@code node}. */
  static String text(JsonNode node) {
    return Jcs.canonicalText(node);
  }

  /** SHA-256 of the JCS bytes of {@code node}. */
  static Hash digest(JsonNode node) {
    return Jcs.sha256(node);
  }

  static Hash sha256(byte[] bytes) {
    return Jcs.sha256(bytes);
  }

  /** A mapper for building nodes. */
  static ObjectMapper mapper() {
    return MAPPER;
  }
}

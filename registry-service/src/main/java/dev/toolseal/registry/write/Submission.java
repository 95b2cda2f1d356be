package dev.toolseal.registry.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolseal.registry.problem.ProblemException;
import dev.toolseal.registry.problem.ProblemType;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.EnvelopeFormatException;
import dev.toolseal.verifier.attest.Statement;
import dev.toolseal.verifier.attest.StatementFormatException;
import java.io.IOException;
import java.util.Base64;

/**
 * A posted DSSE envelope, parsed but not yet verified: its statement is read only to route it
 * and to name the problem precisely. Each step maps its failure to one problem type, in order:
 * not JSON ({@code malformed-json}), non-canonical base64 ({@code bad-base64}), not an envelope
 * ({@code malformed-envelope}), another payloadType ({@code wrong-payload-type}), not a statement
 * ({@code invalid-statement}), another predicate type ({@code wrong-predicate-type}).
 *
 * @param envelope the envelope (canonical form, {@link Envelope#toJson()})
 * @param statement its statement, unauthenticated
 */
public record Submission(Envelope envelope, Statement statement) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses {@code body}, which must carry a statement of {@code predicateType}. */
    public static Submission parse(byte[] body, String predicateType) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The body is not well-formed JSON.");
        } catch (IOException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The body could not be read as JSON.");
        }
        if (tree == null || !tree.isObject()) {
            throw new ProblemException(ProblemType.MALFORMED_ENVELOPE, "The body is not a DSSE envelope object.");
        }
        requireBase64(tree.get("payload"), "payload");
        JsonNode signatures = tree.get("signatures");
        if (signatures != null && signatures.isArray()) {
            for (JsonNode s : signatures) {
                requireBase64(s.get("sig"), "signatures[].sig");
            }
        }
        Envelope envelope;
        try {
            envelope = Envelope.parse(body);
        } catch (EnvelopeFormatException e) {
            throw new ProblemException(ProblemType.MALFORMED_ENVELOPE,
                    "The body is not a DSSE envelope as ToolSeal accepts it (see docs/design/attestations.md).");
        }
        if (!envelope.payloadType().equals(Statement.PAYLOAD_TYPE)) {
            throw new ProblemException(ProblemType.WRONG_PAYLOAD_TYPE,
                    "The payloadType must be " + Statement.PAYLOAD_TYPE + ".");
        }
        Statement statement;
        try {
            statement = Statement.parse(envelope.payload());
        } catch (StatementFormatException e) {
            throw new ProblemException(ProblemType.INVALID_STATEMENT, "The payload is not an in-toto Statement v1.");
        }
        if (!statement.predicateType().equals(predicateType)) {
            throw new ProblemException(ProblemType.WRONG_PREDICATE_TYPE,
                    "This endpoint takes statements of predicate type " + predicateType + ".");
        }
        return new Submission(envelope, statement);
    }

    private static void requireBase64(JsonNode value, String field) {
        if (value == null || !value.isTextual()) {
            return;
        }
        String text = value.textValue();
        try {
            byte[] decoded = Base64.getDecoder().decode(text);
            if (Base64.getEncoder().encodeToString(decoded).equals(text)) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ProblemException(ProblemType.BAD_BASE64, "Field " + field + " is not canonical padded base64.");
    }
}

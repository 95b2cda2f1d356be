package dev.toolseal.verifier.mcp;

import static dev.toolseal.verifier.json.StrictJson.firstLoneSurrogate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * The one JSON parser of the capture layer: Jackson 2 trees, strict and lossless.
 *
 * <p>Duplicate member names, trailing data, non-standard syntax and unpaired UTF-16 surrogates
 * (in values or member names) are rejected; every number keeps its exact decimal value and
 * scale ({@code 1.10} stays {@code 1.10}); member order is kept as received. Nesting is bounded.
 */
final class StrictJson {
    private static final int MAX_DEPTH = 256;
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StrictJson() {
    }

    /** Parses one JSON text; {@code what} names it in the exception. */
    static JsonNode parse(String text, String what) throws McpRecordingException {
        JsonNode node;
        try (JsonParser parser = MAPPER.createParser(text)) {
            node = MAPPER.readTree(parser);
        } catch (JsonProcessingException e) {
            throw new McpRecordingException(McpRecordingException.Reason.MALFORMED_JSON,
                    what + " is not strict JSON", prefix(text), e);
        } catch (java.io.IOException e) {
            throw new McpRecordingException(McpRecordingException.Reason.MALFORMED_JSON,
                    what + " could not be read", prefix(text), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new McpRecordingException(McpRecordingException.Reason.MALFORMED_JSON,
                    what + " is empty", prefix(text));
        }
        requireWellFormedStrings(node, what, text);
        return node;
    }

    /** Serialises a tree compactly, members in their stored order. */
    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** The first 200 chars of a message, for evidence. */
    static String prefix(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static void requireWellFormedStrings(JsonNode root, String what, String text)
            throws McpRecordingException {
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            JsonNode node = todo.pop();
            if (node.isTextual() && firstLoneSurrogate(node.textValue()) >= 0) {
                throw new McpRecordingException(McpRecordingException.Reason.MALFORMED_JSON,
                        what + " has a string with an unpaired surrogate", prefix(text));
            }
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> member : node.properties()) {
                    if (firstLoneSurrogate(member.getKey()) >= 0) {
                        throw new McpRecordingException(McpRecordingException.Reason.MALFORMED_JSON,
                                what + " has a member name with an unpaired surrogate", prefix(text));
                    }
                    todo.push(member.getValue());
                }
            } else if (node.isArray()) {
                node.forEach(todo::push);
            }
        }
    }
}

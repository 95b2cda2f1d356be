package dev.toolseal.verifier.mcp;

import java.util.Objects;

/**
 * Recording the raw definitions of an MCP server failed; nothing partial is returned.
 *
 * <p>{@link #reason()} says what went wrong and {@link #evidence()} carries the piece of wire
 * data that shows it (a repeated cursor, the JSON-RPC error object, the offending message
 * prefix), so callers never need to parse the message.
 */
public final class McpRecordingException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** The server could not be started or reached, or the connection broke. */
        TRANSPORT,
        /** A request got no answer in time. */
        TIMEOUT,
        /** The server answered a request with a JSON-RPC error. */
        SERVER_ERROR,
        /** A message was not strict JSON (syntax, duplicate key, lone surrogate, trailing data). */
        MALFORMED_JSON,
        /** A message was valid JSON but not the MCP shape we need (missing array, bad cursor). */
        PROTOCOL,
        /** A list returned the same nextCursor twice. */
        REPEATED_CURSOR,
        /** A list needed more pages than the limit allows. */
        PAGE_LIMIT,
        /** A message, or all messages together, exceeded the size limit. */
        SIZE_LIMIT,
        /** The server announced a list change while the snapshot was being taken. */
        CHANGED_DURING_RECORDING,
        /** A traffic listener threw; the session stops rather than continue unobserved. */
        LISTENER_FAILED,
        /** The JVM decodes stdio with a charset other than UTF-8 (the SDK reads with it). */
        UNSAFE_CHARSET
    }

    private final Reason reason;
    private final String evidence;

    public McpRecordingException(Reason reason, String message, String evidence) {
        super(Objects.requireNonNull(reason, "reason") + ": " + message);
        this.reason = reason;
        this.evidence = evidence == null ? "" : evidence;
    }

    public McpRecordingException(Reason reason, String message, String evidence, Throwable cause) {
        this(reason, message, evidence);
        initCause(cause);
    }

    public Reason reason() {
        return reason;
    }

    /** The wire data that shows the failure, possibly shortened; empty if there is none. */
    public String evidence() {
        return evidence;
    }
}

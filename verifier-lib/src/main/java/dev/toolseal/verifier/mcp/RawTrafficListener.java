package dev.toolseal.verifier.mcp;

/**
 * Observes the raw traffic of a {@link RecordingTransport}: every response (paired with its
 * request) and every notification, including the {@code tools/list} calls the SDK client makes
 * on its own after a list_changed notification.
 *
 * <p>Contract: methods are called on the transport's reading thread, in arrival order, after
 * the message is recorded and <em>before</em> the SDK client sees it. They must return quickly
 * and must not call the client (its answer would be read by this very thread). If a method
 * throws, the transport records {@link McpRecordingException.Reason#LISTENER_FAILED}, the
 * message and every later one are withheld from the SDK client (over stdio the SDK stops reading
 * altogether): an unobserved session never goes on.
 */
public interface RawTrafficListener {

    /** A response arrived. */
    default void onResponse(RawResponse response) {
    }

    /** A notification arrived; see {@link RawNotification#listChanged()}. */
    default void onNotification(RawNotification notification) {
    }
}

package dev.toolseal.verifier.mcp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Decides, at the moment the SDK client hands a request to a {@link RecordingTransport}, whether
 * it may go out. A gate uses it to check a call against the verdict in force when the call is
 * sent, not only when it was admitted.
 *
 * <p>Contract: called on the sending thread for every outgoing request (never for notifications
 * or responses), with the params exactly as they will be written. To let the request go, call
 * {@code send.run()} once, inside this call; it hands the message to the SDK transport (over
 * stdio it is queued for writing before {@code run} returns), so a guard that calls it while
 * holding its own lock orders the send against its own state changes. To stop the request,
 * throw without calling it: nothing is sent, and the SDK caller's request fails with that
 * exception (somewhere in the cause chain). Returning without calling it also stops the request.
 * It must not block for long and must not call the client.
 */
@FunctionalInterface
public interface SendGuard {
    /** Lets every request go. */
    SendGuard OPEN = (method, params, send) -> send.run();

    /** Sends the request {@code method} with {@code params} by calling {@code send}, or throws. */
    void beforeSend(String method, JsonNode params, Runnable send) throws Exception;
}

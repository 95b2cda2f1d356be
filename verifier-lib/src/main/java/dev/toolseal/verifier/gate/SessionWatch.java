package dev.toolseal.verifier.gate;

import dev.toolseal.verifier.mcp.RawNotification;
import dev.toolseal.verifier.mcp.RawResponse;
import dev.toolseal.verifier.mcp.RawTrafficListener;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Objects;

/**
 * Watches one gated session for what makes its verdict stale: a list_changed notification of
 * any list, or an {@code initialize} answer (a transport that re-initialised on its own). Runs
 * {@code invalidate} on the reading thread, before the SDK client sees the message.
 */
final class SessionWatch implements RawTrafficListener {
    private final Runnable invalidate;

    SessionWatch(Runnable invalidate) {
        this.invalidate = Objects.requireNonNull(invalidate, "invalidate");
    }

    @Override
    public void onNotification(RawNotification notification) {
        if (notification.listChanged().isPresent()) {
            invalidate.run();
        }
    }

    @Override
    public void onResponse(RawResponse response) {
        if (McpSchema.METHOD_INITIALIZE.equals(response.method())) {
            invalidate.run();
        }
    }
}

package dev.toolseal.verifier.mcp;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on what one session records.
 *
 * @param maxMessageChars largest single incoming JSON-RPC message, in UTF-16 chars
 * @param maxTotalChars   all page results of one snapshot together, in chars as received
 * @param maxPages        pages one list may take, counting the first
 * @param requestTimeout  how long one request may wait for its answer
 */
public record RecordingLimits(int maxMessageChars, long maxTotalChars, int maxPages,
        Duration requestTimeout) {

    /** 4 Mi chars per message, 64 Mi chars per snapshot, 1000 pages per list, 30 s per request. */
    public static final RecordingLimits DEFAULT =
            new RecordingLimits(4 << 20, 64L << 20, 1000, Duration.ofSeconds(30));

    public RecordingLimits {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (maxMessageChars < 1024) {
            throw new IllegalArgumentException("maxMessageChars below 1024: " + maxMessageChars);
        }
        if (maxTotalChars < 1024) {
            throw new IllegalArgumentException("maxTotalChars below 1024: " + maxTotalChars);
        }
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages below 1: " + maxPages);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout not positive: " + requestTimeout);
        }
    }

    public RecordingLimits withMaxPages(int pages) {
        return new RecordingLimits(maxMessageChars, maxTotalChars, pages, requestTimeout);
    }

    public RecordingLimits withMaxMessageChars(int chars) {
        return new RecordingLimits(chars, maxTotalChars, maxPages, requestTimeout);
    }

    public RecordingLimits withMaxTotalChars(long chars) {
        return new RecordingLimits(maxMessageChars, chars, maxPages, requestTimeout);
    }
}

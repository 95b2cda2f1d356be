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
 * @param probeTimeout    how long the era probe ({@code server/discover}) waits before a server
 *                        that does not answer is taken for a legacy one (never longer than
 *                        {@code requestTimeout})
 */
public record RecordingLimits(int maxMessageChars, long maxTotalChars, int maxPages,
        Duration requestTimeout, Duration probeTimeout) {

    /** The era probe's wait when none is given: 5 s. */
    public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(5);

    /** 4 Mi chars per message, 64 Mi chars per snapshot, 1000 pages per list, 30 s per request. */
    public static final RecordingLimits DEFAULT =
            new RecordingLimits(4 << 20, 64L << 20, 1000, Duration.ofSeconds(30));

    public RecordingLimits {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(probeTimeout, "probeTimeout");
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
        if (probeTimeout.isNegative() || probeTimeout.isZero()) {
            throw new IllegalArgumentException("probeTimeout not positive: " + probeTimeout);
        }
    }

    /** Limits with the {@linkplain #DEFAULT_PROBE_TIMEOUT default probe timeout}. */
    public RecordingLimits(int maxMessageChars, long maxTotalChars, int maxPages, Duration requestTimeout) {
        this(maxMessageChars, maxTotalChars, maxPages, requestTimeout, DEFAULT_PROBE_TIMEOUT);
    }

    public RecordingLimits withMaxPages(int pages) {
        return new RecordingLimits(maxMessageChars, maxTotalChars, pages, requestTimeout, probeTimeout);
    }

    public RecordingLimits withMaxMessageChars(int chars) {
        return new RecordingLimits(chars, maxTotalChars, maxPages, requestTimeout, probeTimeout);
    }

    public RecordingLimits withMaxTotalChars(long chars) {
        return new RecordingLimits(maxMessageChars, chars, maxPages, requestTimeout, probeTimeout);
    }

    public RecordingLimits withProbeTimeout(Duration timeout) {
        return new RecordingLimits(maxMessageChars, maxTotalChars, maxPages, requestTimeout, timeout);
    }

    /** The probe's wait: {@link #probeTimeout()}, but never longer than {@link #requestTimeout()}. */
    Duration effectiveProbeTimeout() {
        return probeTimeout.compareTo(requestTimeout) < 0 ? probeTimeout : requestTimeout;
    }
}

package dev.toolseal.registry.browse;

import dev.toolseal.registry.problem.ProblemException;
import dev.toolseal.registry.problem.ProblemType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Strict parsing of the browse APIs' query parameters; every failure is an {@code invalid-parameter} problem. */
public final class QueryParams {

    /** Page size when {@code limit} is absent. */
    public static final int DEFAULT_LIMIT = 30;

    private QueryParams() {
    }

    /** {@code limit}: 1..{@link BrowseService#MAX_LIMIT}, default {@link #DEFAULT_LIMIT}. */
    public static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        if (text.length() > 3 || !text.chars().allMatch(ch -> ch >= '0' && ch <= '9')
                || Integer.parseInt(text) < 1 || Integer.parseInt(text) > BrowseService.MAX_LIMIT) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER,
                    "limit is a number from 1 to " + BrowseService.MAX_LIMIT + ".");
        }
        return Integer.parseInt(text);
    }

    /** {@code updated_since}: an RFC 3339 UTC timestamp, or absent. */
    public static Optional<Instant> instant(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER,
                    "updated_since is an RFC 3339 timestamp such as 2026-01-31T12:00:00Z.");
        }
    }

    /** A cursor, or absent when null or empty. */
    public static Optional<String> cursor(String text) {
        return Optional.ofNullable(text).filter(s -> !s.isEmpty());
    }

    /** A log index: a non-negative decimal of at most 18 digits. */
    public static long index(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER, "A log index is a non-negative decimal number.");
        }
        return Long.parseLong(text);
    }
}

package dev.toolseal.registry.problem;

import java.net.URI;

/**
 * The stable problem types of the registry API. A client may switch on {@link #uri()}; titles are
 * for people and may change. New types are added, never renamed.
 */
public enum ProblemType {
    /** The request was malformed in a way no more specific type describes. */
    BAD_REQUEST("bad-request", 400, "Bad request"),
    /** The body was not well-formed JSON or did not fit the expected shape. */
    MALFORMED_JSON("malformed-json", 400, "Malformed JSON body"),
    /** A parameter or field had an invalid value. */
    INVALID_PARAMETER("invalid-parameter", 400, "Invalid parameter"),
    /** The request lacks valid credentials. */
    UNAUTHORIZED("unauthorized", 401, "Unauthorized"),
    /** The credentials do not allow this request. */
    FORBIDDEN("forbidden", 403, "Forbidden"),
    /** No resource at this path. */
    NOT_FOUND("not-found", 404, "Not found"),
    /** The resource does not support this method. */
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    /** No representation matches the Accept header. */
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable"),
    /** The request conflicts with the current state. */
    CONFLICT("conflict", 409, "Conflict"),
    /** The body exceeds {@code quarkus.http.limits.max-body-size}. */
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Payload too large"),
    /** The body's media type is not accepted here. */
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    /** Too many requests from this client; retry after the Retry-After header. */
    TOO_MANY_REQUESTS("too-many-requests", 429, "Too many requests"),
    /** The service cannot take the request now; retry after the Retry-After header. */
    UNAVAILABLE("unavailable", 503, "Service unavailable"),
    /** An unexpected failure inside the service; details are only in the service log. */
    INTERNAL_ERROR("internal-error", 500, "Internal error");

    /** Base of every problem type URI. */
    public static final String BASE = "https://toolseal.dev/problems/";

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    /** The stable type URI, {@code https://toolseal.dev/problems/<slug>}. */
    public URI uri() {
        return URI.create(BASE + slug);
    }

    /** The HTTP status this problem is sent with. */
    public int status() {
        return status;
    }

    /** A short human-readable summary. */
    public String title() {
        return title;
    }

    /** The type for an HTTP error status raised by the framework, {@link #BAD_REQUEST} or {@link #INTERNAL_ERROR} if none fits. */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status && type != MALFORMED_JSON && type != INVALID_PARAMETER) {
                return type;
            }
        }
        return status >= 400 && status < 500 ? BAD_REQUEST : INTERNAL_ERROR;
    }
}

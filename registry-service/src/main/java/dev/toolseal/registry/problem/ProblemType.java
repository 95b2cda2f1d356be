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
    /** A base64 field of the envelope is not canonical standard padded base64. */
    BAD_BASE64("bad-base64", 400, "Bad base64"),
    /** The body is JSON but not a DSSE envelope of the accepted shape. */
    MALFORMED_ENVELOPE("malformed-envelope", 400, "Malformed envelope"),
    /** The envelope's payloadType is not the in-toto statement type. */
    WRONG_PAYLOAD_TYPE("wrong-payload-type", 422, "Wrong payload type"),
    /** The statement's predicate type does not belong at this endpoint. */
    WRONG_PREDICATE_TYPE("wrong-predicate-type", 422, "Wrong predicate type"),
    /** The payload is not a valid in-toto statement with a valid predicate of its type. */
    INVALID_STATEMENT("invalid-statement", 422, "Invalid statement"),
    /** The release's manifest is not a valid ToolSeal manifest, or does not fit its subject. */
    INVALID_MANIFEST("invalid-manifest", 422, "Invalid manifest"),
    /** The subject digest is not the digest of the manifest. */
    DIGEST_MISMATCH("digest-mismatch", 422, "Subject digest mismatch"),
    /** A review or yank names a release the registry does not hold. */
    UNKNOWN_RELEASE("unknown-release", 422, "Unknown release"),
    /** A key binding carries no registry challenge ({@code nonce}); get one from POST /v1/keys/challenge. */
    CHALLENGE_REQUIRED("challenge-required", 422, "Challenge required"),
    /** The binding's challenge was never issued, has expired or was already used. */
    INVALID_CHALLENGE("invalid-challenge", 403, "Invalid challenge"),
    /**
     * The binding carries no ownership proof and needs one: the registry does not let unproven bindings
     * take namespaces, or the namespace's key was revoked. The {@code proof} member says which.
     */
    OWNERSHIP_REQUIRED("ownership-required", 403, "Ownership proof required"),
    /** The binding's ownership proof does not hold; the {@code proof} member names the method and what failed. */
    OWNERSHIP_PROOF_FAILED("ownership-proof-failed", 403, "Ownership proof failed"),
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
    /** No signature is by a key the registry knows for this purpose. */
    UNKNOWN_KEY("unknown-key", 403, "Unknown key"),
    /** The signing key has been revoked. */
    KEY_REVOKED("key-revoked", 403, "Key revoked"),
    /** A signature by the required key does not verify, or a required signature is missing. */
    BAD_SIGNATURE("bad-signature", 403, "Bad signature"),
    /** The namespace is bound to another key that is not revoked. */
    NAMESPACE_TAKEN("namespace-taken", 409, "Namespace taken"),
    /** The key is already bound (to this or another namespace). */
    KEY_IN_USE("key-in-use", 409, "Key already bound"),
    /** The server version is already published with other content; the attempt was recorded. */
    VERSION_CONFLICT("version-conflict", 409, "Version conflict"),
    /** The same envelope or statement was already accepted. */
    REPLAY("replay", 409, "Replayed envelope"),
    /** The release is already yanked. */
    ALREADY_YANKED("already-yanked", 409, "Already yanked"),
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

    /** Slugs of the types that stand for a bare HTTP status (see {@link #forStatus}). */
    private static final java.util.Set<String> GENERIC = java.util.Set.of("bad-request", "unauthorized",
            "forbidden", "not-found", "method-not-allowed", "not-acceptable", "conflict", "payload-too-large",
            "unsupported-media-type", "too-many-requests", "unavailable", "internal-error");

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
            if (type.status == status && GENERIC.contains(type.slug)) {
                return type;
            }
        }
        return status >= 400 && status < 500 ? BAD_REQUEST : INTERNAL_ERROR;
    }
}

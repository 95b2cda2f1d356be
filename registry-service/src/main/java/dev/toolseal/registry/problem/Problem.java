package dev.toolseal.registry.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * An RFC 9457 problem details body. {@code detail} is written for people and never carries class
 * names, stack traces or echoed request content.
 *
 * @param type the stable type URI
 * @param title the type's summary
 * @param status the HTTP status
 * @param detail this occurrence, or null
 * @param instance the request path, or null
 * @param proof for ownership problems, the proof method and what failed, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, Proof proof) {

    /**
     * An extension member of ownership problems: {@code {"method": "dns", "failed": "other-key"}}.
     *
     * @param method the proof method ({@code dns}, {@code http}, {@code github-oidc}), or null when
     *     no proof was given
     * @param failed a stable name for what failed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Proof(String method, String failed) {
    }

    /** RFC 9457 media type. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** The media type as a JAX-RS value. */
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);

    public Problem {
        if (type == null || title == null || status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem needs a type, a title and an error status");
        }
    }

    /** A problem of {@code type} with a detail and the request path. */
    public static Problem of(ProblemType type, String detail, String instance) {
        return of(type, detail, instance, null);
    }

    /** A problem of {@code type} with a detail, the request path and, for ownership problems, the proof. */
    public static Problem of(ProblemType type, String detail, String instance, Proof proof) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, proof);
    }

    /** This problem as a response with the problem media type. */
    public Response toResponse() {
        return Response.status(status).type(MEDIA).entity(this).build();
    }
}

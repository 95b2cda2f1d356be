package dev.toolseal.registry.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a request body that comes without a {@code Content-Type} with a 415 problem. The REST
 * layer would otherwise match such a body to a JSON endpoint and read it as JSON, so a client
 * that forgot the header would get its write accepted by accident of the matching rules.
 */
public class ContentTypeRequired {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    @ServerRequestFilter(preMatching = true)
    public void require(ContainerRequestContext request) {
        if (WITH_BODY.contains(request.getMethod()) && request.getHeaderString(HttpHeaders.CONTENT_TYPE) == null
                && hasBody(request)) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "A request body needs a Content-Type header (application/json).");
        }
    }

    /** Whether a body follows, by the headers (before matching, the body has not been read). */
    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return (length != null && !length.equals("0")) || request.getHeaderString("Transfer-Encoding") != null;
    }
}

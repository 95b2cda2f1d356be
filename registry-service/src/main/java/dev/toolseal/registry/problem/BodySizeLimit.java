package dev.toolseal.registry.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * Answers a request whose declared {@code Content-Length} exceeds
 * {@code quarkus.http.limits.max-body-size} with a 413 problem before any body is read. (The HTTP
 * layer would answer such requests itself, with an empty 413; a chunked body that grows past the
 * limit still gets that plain 413, as no mapper sees it.)
 */
@ApplicationScoped
public class BodySizeLimit {

    /** Runs before the REST layer and the management routes. */
    private static final int ROUTE_ORDER = -1000;

    private final long maxBytes;
    private final ObjectMapper json;

    /**
     * Reads the limit through {@link Config}, not {@code @ConfigProperty}: that annotation's class
     * file (microprofile-config-api 3.1) carries OSGi annotations missing from the classpath, and
     * javac's classfile lint, an error under the build gate, reports them at every use.
     */
    @Inject
    public BodySizeLimit(Config config, ObjectMapper json) {
        this.maxBytes = config.getValue("quarkus.http.limits.max-body-size", MemorySize.class).asLongValue();
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null || !exceeds(length)) {
            ctx.next();
            return;
        }
        Problem problem = Problem.of(ProblemType.PAYLOAD_TOO_LARGE,
                "The request body is larger than " + maxBytes + " bytes.", ctx.normalizedPath());
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            ctx.fail(e);
            return;
        }
        ctx.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }

    private boolean exceeds(String contentLength) {
        if (contentLength.isEmpty() || contentLength.length() > 19
                || !contentLength.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return Long.parseLong(contentLength) > maxBytes;
    }
}

package dev.toolseal.registry.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.toolseal.tlog.engine.PushbackException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every exception that reaches the REST layer into an RFC 9457 problem response. Unknown
 * failures become {@link ProblemType#INTERNAL_ERROR} with an incident id that is also logged, so
 * an operator can find the stack trace without the client ever seeing it.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = Problem.of(e.type(), e.getMessage(), path(uri), e.proof().orElse(null)).toResponse();
        if (e.type() == ProblemType.UNAVAILABLE) {
            return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
        }
        return response;
    }

    @ServerExceptionMapper
    public Response pushback(PushbackException e, UriInfo uri) {
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        return Response.fromResponse(Problem.of(ProblemType.UNAVAILABLE,
                "The log's append queue is full; retry later.", path(uri)).toResponse())
                .header(HttpHeaders.RETRY_AFTER, seconds).build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return Problem.of(ProblemType.NOT_FOUND, "No resource at this path.", path(uri)).toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        ProblemType type = ProblemType.forStatus(status);
        if (type == ProblemType.INTERNAL_ERROR) {
            return internal(e, uri);
        }
        Response.ResponseBuilder response = Response.fromResponse(Problem.of(type, null, path(uri)).toResponse());
        if (status == 405 && e.getResponse() != null && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            response.header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW));
        }
        if (type.status() != status) {
            response.status(type.status());
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return Problem.of(ProblemType.MALFORMED_JSON, "The request body is not valid JSON of the expected shape.",
                path(uri)).toResponse();
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response internal(Throwable e, UriInfo uri) {
        UUID incident = UUID.randomUUID();
        LOG.errorf(e, "Internal error, incident %s", incident);
        return Problem.of(ProblemType.INTERNAL_ERROR, "Incident " + incident + ".", path(uri)).toResponse();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }
}

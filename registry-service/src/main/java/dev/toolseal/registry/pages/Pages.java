package dev.toolseal.registry.pages;

import dev.toolseal.registry.problem.ProblemException;
import dev.toolseal.registry.problem.ProblemType;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

/** How every page is answered: HTML with strict security headers, and problems as HTML error pages. */
final class Pages {

    static final String HTML = "text/html;charset=UTF-8";

    /**
     * Only this origin's styles and images, no scripts at all, forms post back here only. Pages
     * work without JavaScript, so a script that slipped past escaping would still not run.
     */
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "base-uri 'none'; frame-ancestors 'none'";

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Pages() {
    }

    /** A timestamp for people, to the minute, in UTC. */
    static String utc(Instant instant) {
        return UTC.format(instant);
    }

    /**
     * Renders the page {@code page} builds; a not-found, invalid-parameter or unavailable problem
     * becomes an HTML error page with that problem's status instead of problem JSON.
     */
    static Response render(Supplier<TemplateInstance> page) {
        int status = 200;
        TemplateInstance template;
        try {
            template = page.get();
        } catch (ProblemException e) {
            if (e.type() != ProblemType.NOT_FOUND && e.type() != ProblemType.INVALID_PARAMETER
                    && e.type() != ProblemType.UNAVAILABLE) {
                throw e;
            }
            status = e.type().status();
            template = Templates.error(e.type().title(), e.getMessage());
        }
        return html(Response.status(status).entity(template.render()));
    }

    /** Adds the content type and security headers. */
    static Response html(Response.ResponseBuilder response) {
        return response.type(HTML)
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache")
                .build();
    }
}

package dev.toolseal.registry.badge;

import dev.toolseal.registry.browse.BrowseService;
import dev.toolseal.registry.browse.Views;
import dev.toolseal.registry.problem.ProblemException;
import dev.toolseal.registry.problem.ProblemType;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Status badges for READMEs: {@code /v1/badges/<namespace>/<name>.svg} (the latest version) and
 * {@code /v1/badges/<namespace>/<name>/<version>.svg}. Messages, in order of precedence:
 * {@code yanked}, {@code mismatch} (a refused overwrite was recorded), {@code review failed},
 * {@code reviewed by <assessor>}, {@code signed, unreviewed}; {@code not found} with status 404.
 * Cached for five minutes, with a strong ETag.
 */
@Path("/v1/badges")
public class BadgeResource {

    static final String SVG = "image/svg+xml";
    static final String CACHE = "public, max-age=300";
    private static final String LABEL = "toolseal";
    /** The message when every passing review is by an assessor key bound without an ownership proof. */
    public static final String UNPROVEN_REVIEWS = "reviewed by unproven assessors";

    private final BrowseService browse;

    @Inject
    public BadgeResource(BrowseService browse) {
        this.browse = browse;
    }

    @GET
    @Path("/{ns}/{name}.svg")
    @Produces(SVG)
    @Operation(summary = "Badge of a server's latest version")
    public Response latest(@PathParam("ns") String ns, @PathParam("name") String name, @Context Request request) {
        return badge(ns + "/" + name, null, request);
    }

    @GET
    @Path("/{ns}/{name}/{version}.svg")
    @Produces(SVG)
    @Operation(summary = "Badge of one version of a server")
    public Response version(@PathParam("ns") String ns, @PathParam("name") String name,
            @PathParam("version") String version, @Context Request request) {
        return badge(ns + "/" + name, version, request);
    }

    private Response badge(String server, String version, Request request) {
        Badge badge;
        int status = 200;
        try {
            String v = version != null ? version : browse.versions(server).get(0).version();
            badge = of(browse.release(server, v));
        } catch (ProblemException e) {
            if (e.type() != ProblemType.NOT_FOUND) {
                throw e;
            }
            badge = new Badge(LABEL, "not found", "#9f9f9f");
            status = 404;
        }
        String svg = badge.svg();
        EntityTag etag = new EntityTag(sha256(svg));
        Response.ResponseBuilder notModified = status == 200 ? request.evaluatePreconditions(etag) : null;
        Response.ResponseBuilder response = notModified != null ? notModified
                : Response.status(status).entity(svg).type(SVG);
        return response.tag(etag).header("Cache-Control", CACHE).build();
    }

    /**
     * The badge of a release: the first of yanked, mismatch, review failed, reviewed by, signed. A
     * passing review names its assessor only by what the assessor key's ownership proof shows; reviews
     * by keys bound without a proof are counted as unproven, never named.
     */
    public static Badge of(BrowseService.ReleaseRecord record) {
        if (record.yank().isPresent()) {
            return new Badge(LABEL, "yanked", "#e05d44");
        }
        if (record.conflicts() > 0) {
            return new Badge(LABEL, "mismatch", "#e05d44");
        }
        List<Views.ReviewView> reviews = record.reviews();
        if (reviews.stream().anyMatch(r -> r.result().equals("FAILED"))) {
            return new Badge(LABEL, "review failed", "#e05d44");
        }
        List<Views.ReviewView> passed = reviews.stream().filter(r -> r.result().equals("PASSED")).toList();
        List<String> proven = passed.stream().map(Views.ReviewView::provenAs).filter(p -> p != null).distinct()
                .toList();
        long unproven = passed.stream().filter(r -> r.provenAs() == null).map(Views.ReviewView::keyId).distinct()
                .count();
        if (!proven.isEmpty()) {
            return new Badge(LABEL, "reviewed by " + String.join(", ", proven)
                    + (unproven > 0 ? " +" + unproven + " unproven" : ""), "#4c1");
        }
        if (unproven > 0) {
            return new Badge(LABEL, UNPROVEN_REVIEWS, "#dfb317");
        }
        return new Badge(LABEL, "signed, unreviewed", "#dfb317");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}

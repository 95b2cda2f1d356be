package dev.toolseal.registry.log;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The C2SP tlog-tiles read API: {@code /log/checkpoint}, {@code /log/tile/<L>/<N>[.p/<W>]} and
 * {@code /log/tile/entries/<N>[.p/<W>]}. Full tiles never change and are cached for a year as
 * immutable; partial tiles are cached briefly (a wider one supersedes them); the checkpoint for a
 * few seconds. Tiles carry a strong ETag (SHA-256 of the body) and answer If-None-Match with 304.
 */
@Path("/log")
public class LogReadResource {

    static final String CHECKPOINT_CACHE = "public, max-age=5";
    static final String FULL_TILE_CACHE = "public, max-age=31536000, immutable";
    static final String PARTIAL_TILE_CACHE = "public, max-age=60";

    private final LogReadService service;

    @Inject
    public LogReadResource(LogReadService service) {
        this.service = service;
    }

    @GET
    @Path("/checkpoint")
    @Produces("text/plain; charset=utf-8")
    @Operation(summary = "The latest signed checkpoint (C2SP tlog-checkpoint signed note)")
    public Response checkpoint() {
        return Response.ok(service.checkpointNote())
                .header("Cache-Control", CHECKPOINT_CACHE)
                .build();
    }

    @GET
    @Path("/tile/{path: .+}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "A hash tile, tile/<L>/<N>[.p/<W>] (C2SP tlog-tiles)")
    public Response tile(@PathParam("path") String path, @Context Request request) {
        return tileResponse(service.tile(path), request);
    }

    @GET
    @Path("/tile/entries/{path: .+}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "An entry bundle, tile/entries/<N>[.p/<W>] (C2SP tlog-tiles)")
    public Response entries(@PathParam("path") String path, @Context Request request) {
        return tileResponse(service.entryBundle(path), request);
    }

    private static Response tileResponse(LogReadService.Tile tile, Request request) {
        EntityTag etag = new EntityTag(sha256Hex(tile.body()));
        String cache = tile.id().isPartial() ? PARTIAL_TILE_CACHE : FULL_TILE_CACHE;
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        Response.ResponseBuilder response = notModified != null ? notModified : Response.ok(tile.body());
        return response.tag(etag).header("Cache-Control", cache).build();
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}

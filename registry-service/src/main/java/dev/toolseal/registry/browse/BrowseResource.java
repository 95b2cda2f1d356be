package dev.toolseal.registry.browse;

import dev.toolseal.registry.problem.ProblemException;
import dev.toolseal.registry.problem.ProblemType;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The browse API under {@code /v1}. A server is addressed by its two name parts,
 * {@code /v1/servers/<namespace>/<name>}.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class BrowseResource {

    private final BrowseService service;
    private final Bundles bundles;

    @Inject
    public BrowseResource(BrowseService service, Bundles bundles) {
        this.service = service;
        this.bundles = bundles;
    }

    @GET
    @Path("/servers")
    @Operation(summary = "Servers (newest release each) by name; q searches name and title; cursor pagination")
    public Views.ServerPage servers(@QueryParam("q") String q, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit, @QueryParam("updated_since") String updatedSince) {
        return service.servers(q == null ? "" : q, QueryParams.cursor(cursor), QueryParams.limit(limit),
                QueryParams.instant(updatedSince));
    }

    @GET
    @Path("/servers/{ns}/{name}/versions")
    @Operation(summary = "Versions of a server, newest first")
    public List<Views.VersionSummary> versions(@PathParam("ns") String ns, @PathParam("name") String name) {
        return service.versions(ns + "/" + name);
    }

    @GET
    @Path("/servers/{ns}/{name}/versions/{version}")
    @Operation(summary = "A release: manifest, tools, signatures, reviews, log index and inclusion proof")
    public Views.VersionDetail version(@PathParam("ns") String ns, @PathParam("name") String name,
            @PathParam("version") String version) {
        return service.version(ns + "/" + name, version);
    }

    @GET
    @Path("/servers/{ns}/{name}/versions/{version}/bundle")
    @Operation(summary = "The release's offline bundle (Sigstore bundle v0.3 JSON)")
    public byte[] bundle(@PathParam("ns") String ns, @PathParam("name") String name,
            @PathParam("version") String version) {
        return bundles.release(ns + "/" + name, version);
    }

    @GET
    @Path("/servers/{ns}/{name}/versions/{version}/conflicts")
    @Operation(summary = "Refused attempts to publish other content under this version")
    public List<Views.ConflictView> conflicts(@PathParam("ns") String ns, @PathParam("name") String name,
            @PathParam("version") String version) {
        return service.conflicts(ns + "/" + name, version);
    }

    @GET
    @Path("/servers/{ns}/{name}/diff")
    @Operation(summary = "What changed between two versions (structured and as text)")
    public Views.DiffView diff(@PathParam("ns") String ns, @PathParam("name") String name,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        if (from == null || to == null || from.isEmpty() || to.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER, "Query parameters from and to are required.");
        }
        return service.diff(ns + "/" + name, from, to);
    }

    @GET
    @Path("/namespaces/{ns}")
    @Operation(summary = "A namespace's keys and logged key events")
    public Views.NamespaceView namespace(@PathParam("ns") String ns) {
        return service.namespace(ns);
    }

    @GET
    @Path("/log/entries/{index}")
    @Operation(summary = "A log entry: envelope, leaf and inclusion proof once integrated")
    public Views.EntryView entry(@PathParam("index") String index) {
        return service.entry(QueryParams.index(index));
    }

    @GET
    @Path("/log/entries/{index}/bundle")
    @Operation(summary = "A log entry's offline bundle (Sigstore bundle v0.3 JSON)")
    public byte[] entryBundle(@PathParam("index") String index) {
        return bundles.entry(QueryParams.index(index));
    }
}

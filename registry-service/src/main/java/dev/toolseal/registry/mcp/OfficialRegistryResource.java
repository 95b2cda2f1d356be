package dev.toolseal.registry.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.registry.browse.BrowseService;
import dev.toolseal.registry.browse.QueryParams;
import dev.toolseal.registry.browse.Views;
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
 * A read-only {@code /v0} API in the official MCP registry's shape (see {@link OfficialShape}),
 * so registry clients can list ToolSeal's servers. Servers are addressed as
 * {@code /v0/servers/<namespace>/<name>} (the latest version) and
 * {@code /v0/servers/<namespace>/<name>/versions[/<version>|/latest]}.
 */
@Path("/v0/servers")
@Produces(MediaType.APPLICATION_JSON)
public class OfficialRegistryResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BrowseService browse;

    @Inject
    public OfficialRegistryResource(BrowseService browse) {
        this.browse = browse;
    }

    @GET
    @Operation(summary = "Servers in the official MCP registry's list shape; search, cursor, limit, updated_since")
    public ObjectNode list(@QueryParam("search") String search, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit, @QueryParam("updated_since") String updatedSince) {
        Views.ServerPage page = browse.servers(search == null ? "" : search, QueryParams.cursor(cursor),
                QueryParams.limit(limit), QueryParams.instant(updatedSince));
        ObjectNode body = JSON.createObjectNode();
        ArrayNode servers = body.putArray("servers");
        for (Views.ServerSummary s : page.servers()) {
            servers.add(OfficialShape.item(browse.release(s.name(), s.latestVersion()), true));
        }
        ObjectNode metadata = body.putObject("metadata");
        if (page.nextCursor() != null) {
            metadata.put("nextCursor", page.nextCursor());
        }
        metadata.put("count", page.servers().size());
        return body;
    }

    @GET
    @Path("/{ns}/{name}")
    @Operation(summary = "The latest version of a server, official shape")
    public ObjectNode server(@PathParam("ns") String ns, @PathParam("name") String name) {
        return version(ns, name, "latest");
    }

    @GET
    @Path("/{ns}/{name}/versions")
    @Operation(summary = "Every version of a server, official list shape")
    public ObjectNode versions(@PathParam("ns") String ns, @PathParam("name") String name) {
        String server = ns + "/" + name;
        List<Views.VersionSummary> versions = browse.versions(server);
        ObjectNode body = JSON.createObjectNode();
        ArrayNode servers = body.putArray("servers");
        for (int i = 0; i < versions.size(); i++) {
            servers.add(OfficialShape.item(browse.release(server, versions.get(i).version()), i == 0));
        }
        body.putObject("metadata").put("count", versions.size());
        return body;
    }

    @GET
    @Path("/{ns}/{name}/versions/{version}")
    @Operation(summary = "One version of a server (or latest), official shape")
    public ObjectNode version(@PathParam("ns") String ns, @PathParam("name") String name,
            @PathParam("version") String version) {
        String server = ns + "/" + name;
        String latest = browse.versions(server).get(0).version();
        String wanted = "latest".equals(version) ? latest : version;
        return OfficialShape.item(browse.release(server, wanted), wanted.equals(latest));
    }
}

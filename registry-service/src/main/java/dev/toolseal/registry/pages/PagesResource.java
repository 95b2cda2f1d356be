package dev.toolseal.registry.pages;

import dev.toolseal.registry.browse.BrowseService;
import dev.toolseal.registry.browse.QueryParams;
import dev.toolseal.registry.browse.Views;
import dev.toolseal.registry.problem.ProblemException;
import dev.toolseal.registry.problem.ProblemType;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The registry's web pages for people: {@code /} (servers, with search), {@code /servers/<ns>/<name>}
 * and {@code .../versions/<v>} (a release), {@code .../diff?from=&to=}, {@code /transparency-log}
 * and the one stylesheet, {@code /assets/toolseal.css}. No scripts, no external assets.
 */
@Path("/")
@Produces(Pages.HTML)
public class PagesResource {

    static final String CSS_PATH = "/assets/toolseal.css";
    private static final byte[] CSS = resource("pages/toolseal.css");
    private static final EntityTag CSS_TAG = new EntityTag(Integer.toHexString(Arrays.hashCode(CSS)));

    private final BrowseService browse;
    private final ServerPages servers;
    private final LogPages log;

    @Inject
    public PagesResource(BrowseService browse, ServerPages servers, LogPages log) {
        this.browse = browse;
        this.servers = servers;
        this.log = log;
    }

    @GET
    @Operation(summary = "Web page: servers by name, with search", hidden = true)
    public Response list(@QueryParam("q") String q, @QueryParam("cursor") String cursor) {
        return Pages.render(() -> {
            String query = q == null ? "" : q.strip();
            Views.ServerPage page = browse.servers(query, QueryParams.cursor(cursor), QueryParams.DEFAULT_LIMIT,
                    Optional.empty());
            List<ServerList.Row> rows = new ArrayList<>();
            for (Views.ServerSummary s : page.servers()) {
                rows.add(new ServerList.Row(s.name(), "/servers/" + s.name(), s.latestVersion(),
                        VisibleLines.of(s.description() == null ? "" : s.description()), s.tools().size(),
                        s.yanked(), Pages.utc(s.publishedAt())));
            }
            String next = page.nextCursor() == null ? null
                    : "/?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&cursor=" + page.nextCursor();
            return Templates.servers(new ServerList(query, rows, next));
        });
    }

    @GET
    @Path("servers/{ns}/{name}")
    @Operation(summary = "Web page: a server's newest version", hidden = true)
    public Response server(@PathParam("ns") String ns, @PathParam("name") String name) {
        return Pages.render(() -> Templates.server(servers.page(ns + "/" + name, Optional.empty())));
    }

    @GET
    @Path("servers/{ns}/{name}/versions/{version}")
    @Operation(summary = "Web page: one version of a server", hidden = true)
    public Response version(@PathParam("ns") String ns, @PathParam("name") String name,
            @PathParam("version") String version) {
        return Pages.render(() -> Templates.server(servers.page(ns + "/" + name, Optional.of(version))));
    }

    @GET
    @Path("servers/{ns}/{name}/diff")
    @Operation(summary = "Web page: what changed between two versions", hidden = true)
    public Response diff(@PathParam("ns") String ns, @PathParam("name") String name, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        String server = ns + "/" + name;
        return Pages.render(() -> {
            List<String> versions = servers.versions(server).stream().map(Views.VersionSummary::version).toList();
            if (isEmpty(from) != isEmpty(to)) {
                throw new ProblemException(ProblemType.INVALID_PARAMETER, "Pick both versions to compare.");
            }
            ServerPage.DiffSection diff = !isEmpty(from) ? servers.diff(server, from, to)
                    : versions.size() > 1 ? servers.diff(server, versions.get(1), versions.get(0)) : null;
            return Templates.diff(server, "/servers/" + server, versions, diff);
        });
    }

    @GET
    @Path("transparency-log")
    @Operation(summary = "Web page: the log's checkpoint, recent entries and how to verify", hidden = true)
    public Response transparencyLog(@Context UriInfo uri) {
        String base = uri.getBaseUri().toString().replaceAll("/+$", "");
        return Pages.render(() -> Templates.log(log.page(base)));
    }

    @GET
    @Path("assets/toolseal.css")
    @Produces("text/css;charset=UTF-8")
    @Operation(summary = "The pages' stylesheet", hidden = true)
    public Response css(@Context Request request) {
        Response.ResponseBuilder notModified = request.evaluatePreconditions(CSS_TAG);
        return (notModified != null ? notModified : Response.ok(CSS)).tag(CSS_TAG)
                .header("Cache-Control", "public, max-age=3600").build();
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static byte[] resource(String name) {
        try (InputStream in = PagesResource.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

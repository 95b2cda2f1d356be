package dev.toolseal.registry.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolseal.registry.badge.Badge;
import dev.toolseal.registry.badge.BadgeResource;
import dev.toolseal.registry.browse.BrowseService;
import dev.toolseal.registry.browse.Views;
import dev.toolseal.verifier.manifest.VisibleText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds {@link ServerPage}s and diff pages from the browse API's reads; no queries of its own. */
@ApplicationScoped
public class ServerPages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BrowseService browse;

    @Inject
    public ServerPages(BrowseService browse) {
        this.browse = browse;
    }

    /** The page of {@code name} at {@code version}, or at its newest version when empty. */
    public ServerPage page(String name, Optional<String> version) {
        List<Views.VersionSummary> versions = browse.versions(name);
        String shown = version.orElse(versions.get(0).version());
        Views.VersionDetail detail = browse.version(name, shown);
        Badge badge = BadgeResource.of(browse.release(name, shown));
        String previous = previous(versions, shown);
        ServerPage.DiffSection diff = previous == null ? null : diff(name, previous, shown);
        String path = "/servers/" + name;
        return new ServerPage(name, path, title(detail.manifest(), name), shown,
                versions.get(0).version().equals(shown), status(badge),
                "/v1/badges/" + name + "/" + shown + ".svg", rows(versions, shown, path), release(detail, path),
                publisherKey(name, detail.publisherKeyId()), reviews(detail.reviews()), tools(detail.manifest()),
                instructions(detail.manifest()), diff);
    }

    /** The versions of {@code name}, newest first (404 if none). */
    public List<Views.VersionSummary> versions(String name) {
        return browse.versions(name);
    }

    /** The changes from {@code from} to {@code to}. */
    public ServerPage.DiffSection diff(String name, String from, String to) {
        Views.DiffView view = browse.diff(name, from, to);
        return new ServerPage.DiffSection(from, to, view.identical(), VisibleLines.ofRendered(view.text()));
    }

    private static String previous(List<Views.VersionSummary> versions, String version) {
        for (int i = 0; i < versions.size() - 1; i++) {
            if (versions.get(i).version().equals(version)) {
                return versions.get(i + 1).version();
            }
        }
        return null;
    }

    private static List<ServerPage.VersionRow> rows(List<Views.VersionSummary> versions, String shown,
            String path) {
        List<ServerPage.VersionRow> rows = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            Views.VersionSummary v = versions.get(i);
            String previous = i + 1 < versions.size() ? versions.get(i + 1).version() : null;
            rows.add(new ServerPage.VersionRow(v.version(), Pages.utc(v.publishedAt()), v.logIndex(), v.yanked(),
                    v.reviews(), v.version().equals(shown), previous,
                    previous == null ? null : diffPath(path, previous, v.version())));
        }
        return rows;
    }

    /** The diff page's path comparing {@code from} with {@code to}. */
    static String diffPath(String serverPath, String from, String to) {
        return serverPath + "/diff?from=" + URLEncoder.encode(from, StandardCharsets.UTF_8) + "&to="
                + URLEncoder.encode(to, StandardCharsets.UTF_8);
    }

    private static ServerPage.Release release(Views.VersionDetail d, String path) {
        return new ServerPage.Release(d.manifestDigest(), d.envelopeDigest(), d.logIndex(), d.yankLogIndex(),
                d.conflicts(), Pages.utc(d.publishedAt()), d.inclusion() == null ? null : d.inclusion().treeSize(),
                d.signatures(), "/v1" + path + "/versions/" + d.version() + "/bundle");
    }

    private ServerPage.PublisherKey publisherKey(String name, String keyId) {
        String namespace = name.substring(0, name.indexOf('/'));
        return browse.namespace(namespace).keys().stream().filter(k -> k.keyId().equals(keyId)).findFirst()
                .map(k -> new ServerPage.PublisherKey(namespace, k.keyId(), k.algorithm(), k.state(),
                        k.provenAs(), k.proofMethod()))
                .orElse(new ServerPage.PublisherKey(namespace, keyId, "unknown", "unknown", null, null));
    }

    private static List<ServerPage.ReviewItem> reviews(List<Views.ReviewView> reviews) {
        List<ServerPage.ReviewItem> items = new ArrayList<>();
        for (Views.ReviewView r : reviews) {
            List<ServerPage.FindingItem> findings = new ArrayList<>();
            for (JsonNode f : r.findings()) {
                findings.add(new ServerPage.FindingItem(VisibleText.of(f.path("severity").asText()),
                        VisibleText.of(f.path("path").asText()), VisibleLines.of(f.path("message").asText())));
            }
            items.add(new ServerPage.ReviewItem(VisibleText.of(r.assessor()),
                    r.provenAs() == null ? null : VisibleText.of(r.provenAs()), r.keyId(), r.result(),
                    r.result().equals("PASSED"), VisibleText.of(r.verifierId()), Pages.utc(r.reviewedAt()), r.logIndex(),
                    findings));
        }
        return items;
    }

    private static List<ServerPage.ToolItem> tools(JsonNode manifest) {
        List<ServerPage.ToolItem> tools = new ArrayList<>();
        for (JsonNode tool : manifest.path("tools")) {
            JsonNode description = tool.path("description");
            tools.add(new ServerPage.ToolItem(VisibleText.of(tool.path("name").asText()),
                    description.isTextual() ? VisibleLines.of(description.textValue()) : null,
                    VisibleLines.of(pretty(tool))));
        }
        return tools;
    }

    private static VisibleLines instructions(JsonNode manifest) {
        JsonNode instructions = serverAnswer(manifest).path("instructions");
        return instructions.isTextual() ? VisibleLines.of(instructions.textValue()) : null;
    }

    /** The server's own answer in a stored manifest: initialize (v1, legacy) or discover (v2). */
    private static JsonNode serverAnswer(JsonNode manifest) {
        return manifest.has("initialize") ? manifest.path("initialize") : manifest.path("discover");
    }

    private static String title(JsonNode manifest, String name) {
        JsonNode info = manifest.has("initialize") ? manifest.path("initialize").path("serverInfo")
                : manifest.path("serverInfo");
        JsonNode title = info.path("title").isTextual() ? info.path("title") : info.path("name");
        return VisibleText.of(title.isTextual() ? title.textValue() : name);
    }

    private static ServerPage.Status status(Badge badge) {
        String message = badge.message();
        String tone = message.equals(BadgeResource.UNPROVEN_REVIEWS) || message.equals("signed, unreviewed") ? "warn"
                : message.startsWith("reviewed by") ? "ok" : "bad";
        return new ServerPage.Status(message, tone);
    }

    private static String pretty(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree does not serialise", e);
        }
    }
}

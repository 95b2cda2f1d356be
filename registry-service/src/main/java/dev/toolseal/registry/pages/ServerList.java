package dev.toolseal.registry.pages;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * The server list page: the search text and one page of servers (newest release each).
 *
 * @param query the search text, empty for all servers
 * @param servers the servers on this page, by name
 * @param nextPath the next page's path and query, or null on the last page
 */
@TemplateData
public record ServerList(String query, List<Row> servers, String nextPath) {

    public ServerList {
        servers = List.copyOf(servers);
    }

    /** One server: its name, newest version and what it says about itself. */
    @TemplateData
    public record Row(String name, String path, String version, VisibleLines description, int toolCount,
            boolean yanked, String published) {
    }
}

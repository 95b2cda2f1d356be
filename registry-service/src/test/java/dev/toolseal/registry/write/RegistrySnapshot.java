package dev.toolseal.registry.write;

import dev.toolseal.registry.log.LogEngine;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Row counts of every registry table and the log's sequenced size: what a refused write must not change. */
public record RegistrySnapshot(Map<String, Long> counts) {

    public static final List<String> TABLES = List.of("entries", "namespace_keys", "releases", "server_latest",
            "reviews", "version_conflicts", "oidc_used_tokens");

    public static RegistrySnapshot take(DataSource dataSource, LogEngine engine) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        counts.put("log", engine.sequencedSize());
        return new RegistrySnapshot(counts);
    }

    /** This snapshot with {@code table} grown by {@code n}. */
    public RegistrySnapshot plus(String table, long n) {
        Map<String, Long> next = new LinkedHashMap<>(counts);
        next.merge(table, n, Long::sum);
        return new RegistrySnapshot(next);
    }
}

package dev.toolseal.registry.store;

import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.keys.KeyId;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The SQL of the registry's own tables (see {@code db/migration/registry}). Every method runs on
 * the caller's connection, inside the caller's transaction.
 */
public final class RegistryStore {

    private static final String ENTRY_COLUMNS = "id, kind, name, version, subject_digest, key_id, envelope_digest, "
            + "envelope, leaf, log_index, created_at";
    private static final String KEY_COLUMNS = "key_id, namespace, role, algorithm, spki, state, entry_id, proof_method, "
            + "proven_as";
    private static final String RELEASE_COLUMNS = "id, server_name, version, manifest_digest, manifest, tool_names, "
            + "description, entry_id, yank_entry_id, published_at";

    private RegistryStore() {
    }

    /** A new entry to store. */
    public record NewEntry(String kind, String name, String version, Hash subjectDigest, KeyId keyId,
            Hash envelopeDigest, Hash payloadDigest, byte[] envelope, byte[] leaf) {
    }

    // --- entries

    /**
     * Inserts an entry without a log index; returns its id, or empty (and inserts nothing) if an
     * entry with the same envelope or payload digest is stored: the replay check and the insert in
     * one statement. A conflicting entry of a transaction still open is waited for.
     */
    public static OptionalLong insertEntry(Connection c, NewEntry e) throws SQLException {
        // the digests are the only unique columns a new row can collide on (id is a serial,
        // log_index is null here), so DO NOTHING means exactly "a replay"
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO entries (kind, name, version, subject_digest, "
                + "key_id, envelope_digest, payload_digest, envelope, leaf) VALUES (?,?,?,?,?,?,?,?,?) "
                + "ON CONFLICT DO NOTHING RETURNING id")) {
            ps.setString(1, e.kind());
            ps.setString(2, e.name());
            ps.setString(3, e.version());
            ps.setBytes(4, e.subjectDigest().bytes());
            ps.setBytes(5, e.keyId().hash().bytes());
            ps.setBytes(6, e.envelopeDigest().bytes());
            ps.setBytes(7, e.payloadDigest().bytes());
            ps.setBytes(8, e.envelope());
            ps.setBytes(9, e.leaf());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** Records the log index of entry {@code id}. */
    public static void setLogIndex(Connection c, long id, long index) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE entries SET log_index = ? WHERE id = ?")) {
            ps.setLong(1, index);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /** Records log indexes {@code first, first + 1, ...} of entries {@code ids}, in one statement. */
    public static void setLogIndexes(Connection c, long[] ids, long first) throws SQLException {
        Long[] boxed = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            boxed[i] = ids[i];
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE entries SET log_index = ?::bigint + t.ord - 1 "
                + "FROM unnest(?::bigint[]) WITH ORDINALITY AS t(id, ord) WHERE entries.id = t.id")) {
            ps.setLong(1, first);
            ps.setArray(2, c.createArrayOf("bigint", boxed));
            if (ps.executeUpdate() != ids.length) {
                throw new SQLException("an entry to index is missing");
            }
        }
    }

    /** Whether an entry with this envelope digest or this payload digest exists. */
    public static boolean entryExists(Connection c, Hash envelopeDigest, Hash payloadDigest) throws SQLException {
        // two unique-index probes: a plan for "a = ? OR b = ?" made while the table was small (a
        // prepared statement's generic plan, cached per connection) can stay a sequential scan
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM entries WHERE envelope_digest = ?)"
                + " OR EXISTS (SELECT 1 FROM entries WHERE payload_digest = ?)")) {
            ps.setBytes(1, envelopeDigest.bytes());
            ps.setBytes(2, payloadDigest.bytes());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    public static Optional<Rows.Entry> entry(Connection c, long id) throws SQLException {
        return one(c, "SELECT " + ENTRY_COLUMNS + " FROM entries WHERE id = ?", id, RegistryStore::entryRow);
    }

    public static Optional<Rows.Entry> entryAtIndex(Connection c, long index) throws SQLException {
        return one(c, "SELECT " + ENTRY_COLUMNS + " FROM entries WHERE log_index = ?", index, RegistryStore::entryRow);
    }

    /** Logged key events of a namespace, oldest first. */
    public static List<Rows.Entry> keyEvents(Connection c, String namespace) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ENTRY_COLUMNS + " FROM entries WHERE name = ? "
                + "AND kind IN ('key-binding', 'key-rotation', 'key-revocation') AND log_index IS NOT NULL ORDER BY id")) {
            ps.setString(1, namespace);
            return all(ps, RegistryStore::entryRow);
        }
    }

    // --- keys

    public static Optional<Rows.Key> key(Connection c, KeyId id) throws SQLException {
        return one(c, "SELECT " + KEY_COLUMNS + " FROM namespace_keys WHERE key_id = ?", id.hash().bytes(),
                RegistryStore::keyRow);
    }

    /** The namespace's current key, without a lock. */
    public static Optional<Rows.Key> currentKey(Connection c, String namespace) throws SQLException {
        return one(c, "SELECT " + KEY_COLUMNS + " FROM namespace_keys WHERE namespace = ? AND state = 'current'",
                namespace, RegistryStore::keyRow);
    }

    /** The namespace's current key, locked for this transaction. */
    public static Optional<Rows.Key> currentKeyForUpdate(Connection c, String namespace) throws SQLException {
        return one(c, "SELECT " + KEY_COLUMNS + " FROM namespace_keys WHERE namespace = ? AND state = 'current' "
                + "FOR UPDATE", namespace, RegistryStore::keyRow);
    }

    /** The namespace's current key, share-locked (a concurrent rotation or revocation waits). */
    public static Optional<Rows.Key> currentKeyForShare(Connection c, String namespace) throws SQLException {
        return one(c, "SELECT " + KEY_COLUMNS + " FROM namespace_keys WHERE namespace = ? AND state = 'current' "
                + "FOR SHARE", namespace, RegistryStore::keyRow);
    }

    public static void insertKey(Connection c, Rows.Key k) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO namespace_keys (key_id, namespace, role, algorithm, "
                + "spki, state, entry_id, proof_method, proven_as) VALUES (?,?,?,?,?,?,?,?,?)")) {
            ps.setBytes(1, k.keyId().hash().bytes());
            ps.setString(2, k.namespace());
            ps.setString(3, k.role().wireName());
            ps.setString(4, k.algorithm());
            ps.setBytes(5, k.spki());
            ps.setString(6, k.state().wireName());
            ps.setLong(7, k.entryId());
            ps.setString(8, k.proof().map(Rows.Proof::method).orElse(null));
            ps.setString(9, k.proof().map(Rows.Proof::provenAs).orElse(null));
            ps.executeUpdate();
        }
    }

    /** Keys ever bound to {@code namespace}, in binding order. */
    public static List<Rows.Key> keys(Connection c, String namespace) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + KEY_COLUMNS
                + " FROM namespace_keys WHERE namespace = ? ORDER BY entry_id")) {
            ps.setString(1, namespace);
            return all(ps, RegistryStore::keyRow);
        }
    }

    /** Moves a key to {@code state}, noting the entry that did it when revoking. */
    public static void setKeyState(Connection c, KeyId id, KeyState state, long byEntry) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE namespace_keys SET state = ?, revoked_by = "
                + "CASE WHEN ? = 'revoked' THEN ? ELSE revoked_by END WHERE key_id = ?")) {
            ps.setString(1, state.wireName());
            ps.setString(2, state.wireName());
            ps.setLong(3, byEntry);
            ps.setBytes(4, id.hash().bytes());
            ps.executeUpdate();
        }
    }

    // --- releases

    public static Optional<Rows.Release> release(Connection c, String serverName, String version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + RELEASE_COLUMNS
                + " FROM releases WHERE server_name = ? AND version = ?")) {
            ps.setString(1, serverName);
            ps.setString(2, version);
            List<Rows.Release> rows = all(ps, RegistryStore::releaseRow);
            return rows.stream().findFirst();
        }
    }

    /** Versions of a server, newest first. */
    public static List<Rows.Release> releases(Connection c, String serverName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + RELEASE_COLUMNS
                + " FROM releases WHERE server_name = ? ORDER BY published_at DESC, id DESC")) {
            ps.setString(1, serverName);
            return all(ps, RegistryStore::releaseRow);
        }
    }

    /**
     * The listing's search condition on {@code server_latest l}: two parameters, the same
     * {@code %pattern%} (lower case, wildcards escaped), matched against lower(name) and
     * lower(description); the trigram indexes of migration V2 serve it.
     */
    public static final String SEARCH_PREDICATE =
            "(lower(l.server_name) LIKE ? ESCAPE '\\' OR lower(l.description) LIKE ? ESCAPE '\\')";

    /** A server's newest release with the key it was accepted on and its log index. */
    public record ServerRow(Rows.Release release, KeyId keyId, Optional<Long> logIndex) {
    }

    /**
     * The newest release of each server (table {@code server_latest}) whose name or description
     * contains {@code query} (case-insensitive; '' matches all) and that was published at or after
     * {@code updatedSince}, ordered by server name, after {@code afterName}. The search is a
     * {@code LIKE '%query%'} on {@code lower(...)}, which the trigram indexes serve.
     */
    public static List<ServerRow> latestServers(Connection c, String query, Optional<java.time.Instant> updatedSince,
            String afterName, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ").append(prefixed("r.", RELEASE_COLUMNS))
                .append(", e.key_id, e.log_index FROM server_latest l JOIN releases r ON r.id = l.release_id "
                        + "JOIN entries e ON e.id = r.entry_id WHERE l.server_name > ?");
        if (!query.isEmpty()) {
            sql.append(" AND ").append(SEARCH_PREDICATE);
        }
        if (updatedSince.isPresent()) {
            sql.append(" AND l.published_at >= ?");
        }
        sql.append(" ORDER BY l.server_name LIMIT ?");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setString(i++, afterName);
            if (!query.isEmpty()) {
                String pattern = "%" + likeEscape(query.toLowerCase(java.util.Locale.ROOT)) + "%";
                ps.setString(i++, pattern);
                ps.setString(i++, pattern);
            }
            if (updatedSince.isPresent()) {
                ps.setTimestamp(i++, Timestamp.from(updatedSince.get()));
            }
            ps.setInt(i, limit);
            return all(ps, rs -> {
                long index = rs.getLong(12);
                Optional<Long> logIndex = rs.wasNull() ? Optional.empty() : Optional.of(index);
                return new ServerRow(releaseRow(rs), new KeyId(Hash.of(rs.getBytes(11))), logIndex);
            });
        }
    }

    /** {@code text} with LIKE's wildcards and its escape character (a backslash) escaped. */
    static String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String prefixed(String prefix, String columns) {
        return prefix + String.join(", " + prefix, columns.split(", "));
    }

    public static long insertRelease(Connection c, String serverName, String version, Hash digest, byte[] manifest,
            List<String> toolNames, String description, long entryId) throws SQLException {
        // the release and its server's row in server_latest, in one statement; a concurrent older
        // publication (earlier published_at) never replaces a newer one
        try (PreparedStatement ps = c.prepareStatement("WITH r AS (INSERT INTO releases (server_name, version, "
                + "manifest_digest, manifest, tool_names, description, entry_id) VALUES (?,?,?,?,?,?,?) "
                + "RETURNING id, server_name, published_at, description), l AS (INSERT INTO server_latest "
                + "(server_name, release_id, published_at, description) SELECT server_name, id, published_at, "
                + "description FROM r ON CONFLICT (server_name) DO UPDATE SET release_id = EXCLUDED.release_id, "
                + "published_at = EXCLUDED.published_at, description = EXCLUDED.description "
                + "WHERE (server_latest.published_at, server_latest.release_id) "
                + "< (EXCLUDED.published_at, EXCLUDED.release_id)) SELECT id FROM r")) {
            ps.setString(1, serverName);
            ps.setString(2, version);
            ps.setBytes(3, digest.bytes());
            ps.setBytes(4, manifest);
            ps.setArray(5, c.createArrayOf("text", toolNames.toArray()));
            ps.setString(6, description);
            ps.setLong(7, entryId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public static void setYanked(Connection c, long releaseId, long yankEntryId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE releases SET yank_entry_id = ? WHERE id = ?")) {
            ps.setLong(1, yankEntryId);
            ps.setLong(2, releaseId);
            ps.executeUpdate();
        }
    }

    // --- reviews

    public static void insertReview(Connection c, long releaseId, long entryId, String assessor, KeyId keyId,
            String verifierId, String result, String findingsJson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO reviews (release_id, entry_id, assessor, key_id, "
                + "verifier_id, result, findings) VALUES (?,?,?,?,?,?,?)")) {
            ps.setLong(1, releaseId);
            ps.setLong(2, entryId);
            ps.setString(3, assessor);
            ps.setBytes(4, keyId.hash().bytes());
            ps.setString(5, verifierId);
            ps.setString(6, result);
            ps.setString(7, findingsJson);
            ps.executeUpdate();
        }
    }

    public static List<Rows.Review> reviews(Connection c, long releaseId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, release_id, entry_id, assessor, key_id, verifier_id, "
                + "result, findings, reviewed_at FROM reviews WHERE release_id = ? ORDER BY id")) {
            ps.setLong(1, releaseId);
            return all(ps, rs -> new Rows.Review(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                    new KeyId(Hash.of(rs.getBytes(5))), rs.getString(6), rs.getString(7), rs.getString(8),
                    rs.getTimestamp(9).toInstant()));
        }
    }

    // --- conflicts

    /** Records a refused overwrite; the same envelope is recorded once. */
    public static void insertConflict(Connection c, String serverName, String version, Hash envelopeDigest,
            Hash manifestDigest, String keyIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO version_conflicts (server_name, version, "
                + "envelope_digest, manifest_digest, key_ids) VALUES (?,?,?,?,?) ON CONFLICT (envelope_digest) DO NOTHING")) {
            ps.setString(1, serverName);
            ps.setString(2, version);
            ps.setBytes(3, envelopeDigest.bytes());
            ps.setBytes(4, manifestDigest.bytes());
            ps.setString(5, keyIds);
            ps.executeUpdate();
        }
    }

    public static List<Rows.Conflict> conflicts(Connection c, String serverName, String version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, server_name, version, envelope_digest, manifest_digest, "
                + "key_ids, attempted_at FROM version_conflicts WHERE server_name = ? AND version = ? ORDER BY id")) {
            ps.setString(1, serverName);
            ps.setString(2, version);
            return all(ps, rs -> new Rows.Conflict(rs.getLong(1), rs.getString(2), rs.getString(3),
                    Hash.of(rs.getBytes(4)), Hash.of(rs.getBytes(5)), rs.getString(6), rs.getTimestamp(7).toInstant()));
        }
    }

    /** Number of refused overwrites of any version of {@code serverName} (or of one version). */
    public static long conflictCount(Connection c, String serverName, Optional<String> version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM version_conflicts WHERE server_name = ? "
                + "AND (? IS NULL OR version = ?)")) {
            ps.setString(1, serverName);
            ps.setString(2, version.orElse(null));
            ps.setString(3, version.orElse(null));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    // --- row mapping

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private static <T> Optional<T> one(Connection c, String sql, Object param, RowMapper<T> mapper)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            List<T> rows = all(ps, mapper);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        }
    }

    private static <T> List<T> all(PreparedStatement ps, RowMapper<T> mapper) throws SQLException {
        List<T> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
        }
        return out;
    }

    private static Rows.Entry entryRow(ResultSet rs) throws SQLException {
        long index = rs.getLong(10);
        Optional<Long> logIndex = rs.wasNull() ? Optional.empty() : Optional.of(index);
        return new Rows.Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Hash.of(rs.getBytes(5)), new KeyId(Hash.of(rs.getBytes(6))), Hash.of(rs.getBytes(7)), rs.getBytes(8),
                rs.getBytes(9), logIndex, rs.getTimestamp(11).toInstant());
    }

    private static Rows.Key keyRow(ResultSet rs) throws SQLException {
        return new Rows.Key(new KeyId(Hash.of(rs.getBytes(1))), rs.getString(2), KeyRole.of(rs.getString(3)),
                rs.getString(4), rs.getBytes(5), KeyState.of(rs.getString(6)), rs.getLong(7),
                rs.getString(8) == null ? Optional.empty() : Optional.of(new Rows.Proof(rs.getString(8), rs.getString(9))));
    }

    private static Rows.Release releaseRow(ResultSet rs) throws SQLException {
        long yank = rs.getLong(9);
        Optional<Long> yankEntry = rs.wasNull() ? Optional.empty() : Optional.of(yank);
        Array tools = rs.getArray(6);
        List<String> toolNames = Arrays.asList((String[]) tools.getArray());
        return new Rows.Release(rs.getLong(1), rs.getString(2), rs.getString(3), Hash.of(rs.getBytes(4)),
                rs.getBytes(5), List.copyOf(toolNames), rs.getString(7), rs.getLong(8), yankEntry,
                rs.getTimestamp(10).toInstant());
    }
}

package dev.toolseal.tlog.postgres;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.engine.EntryBundleData;
import dev.toolseal.tlog.engine.StoreConflictException;
import dev.toolseal.tlog.tiles.Tile;
import dev.toolseal.tlog.tiles.TileId;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/** The SQL for tiles and entry bundles: set-based reads and insert-only, conflict-checked writes. */
final class TileQueries {
  private TileQueries() {}

  /**
   * For each id, the first {@code 32 * width} bytes of the narrowest stored tile at its level
   * and index that is at least as wide, or null where there is none.
   */
  static byte[][] readPrefixes(DataSource dataSource, List<TileId> ids) throws IOException {
    Integer[] levels = new Integer[ids.size()];
    Long[] indexes = new Long[ids.size()];
    Integer[] widths = new Integer[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      levels[i] = ids.get(i).level();
      indexes[i] = ids.get(i).index();
      widths[i] = ids.get(i).width();
    }
    byte[][] out = new byte[ids.size()][];
    Sql.read(dataSource, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT DISTINCT ON (q.ord) q.ord, q.width, t.data"
              + " FROM unnest(?::int[], ?::bigint[], ?::int[]) WITH ORDINALITY"
              + "   AS q(level, idx, width, ord)"
              + " JOIN tlog_tiles t"
              + "   ON t.level = q.level AND t.idx = q.idx AND t.width >= q.width"
              + " ORDER BY q.ord, t.width")) {
        ps.setArray(1, c.createArrayOf("int4", levels));
        ps.setArray(2, c.createArrayOf("int8", indexes));
        ps.setArray(3, c.createArrayOf("int4", widths));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            int at = (int) rs.getLong(1) - 1;
            out[at] = Arrays.copyOf(rs.getBytes(3), rs.getInt(2) * Hash.SIZE);
          }
        }
      }
      return null;
    });
    return out;
  }

  /** Inserts tiles; an existing tile must have the same bytes. Then drops superseded partials. */
  static void insertTiles(Connection c, List<Tile> tiles)
      throws SQLException, StoreConflictException {
    List<Row> rows = new ArrayList<>(tiles.size());
    for (Tile t : tiles) {
      rows.add(new Row(t.id(), t.bytes()));
    }
    insert(c, Table.TILES, rows);
  }

  /** Inserts entry bundles like {@link #insertTiles}. */
  static void insertBundles(Connection c, List<EntryBundleData> bundles)
      throws SQLException, StoreConflictException {
    List<Row> rows = new ArrayList<>(bundles.size());
    for (EntryBundleData b : bundles) {
      rows.add(new Row(b.id(), b.bytes()));
    }
    insert(c, Table.BUNDLES, rows);
  }

  /** The two insert-only tables; bundles have no level column (they are all level 0). */
  private enum Table {
    TILES("tlog_tiles", "level, idx, width", "level = ? AND idx = ? AND width = ?"),
    BUNDLES("tlog_entry_bundles", "idx, width", "idx = ? AND width = ?");

    final String name;
    final String key;
    final String match;

    Table(String name, String key, String match) {
      this.name = name;
      this.key = key;
      this.match = match;
    }

    boolean hasLevel() {
      return this == TILES;
    }

    String objectName(TileId id) {
      return hasLevel() ? id.path() : id.entriesPath();
    }
  }

  private record Row(TileId id, byte[] data) {}

  private static void insert(Connection c, Table table, List<Row> rows)
      throws SQLException, StoreConflictException {
    if (rows.isEmpty()) {
      return;
    }
    Integer[] levels = new Integer[rows.size()];
    Long[] indexes = new Long[rows.size()];
    Integer[] widths = new Integer[rows.size()];
    byte[][] data = new byte[rows.size()][];
    for (int i = 0; i < rows.size(); i++) {
      levels[i] = rows.get(i).id().level();
      indexes[i] = rows.get(i).id().index();
      widths[i] = rows.get(i).id().width();
      data[i] = rows.get(i).data();
    }
    Set<TileId> inserted = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO " + table.name + " (" + table.key + ", data)"
            + " SELECT " + (table.hasLevel() ? "q.level, " : "") + "q.idx, q.width, q.data"
            + " FROM unnest(?::int[], ?::bigint[], ?::int[], ?::bytea[])"
            + "   AS q(level, idx, width, data)"
            + " ON CONFLICT (" + table.key + ") DO NOTHING"
            + " RETURNING " + (table.hasLevel() ? "level" : "0") + ", idx, width")) {
      ps.setArray(1, c.createArrayOf("int4", levels));
      ps.setArray(2, c.createArrayOf("int8", indexes));
      ps.setArray(3, c.createArrayOf("int4", widths));
      ps.setArray(4, c.createArrayOf("bytea", data));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          inserted.add(new TileId(rs.getInt(1), rs.getLong(2), rs.getInt(3)));
        }
      }
    }
    for (Row r : rows) {
      if (!inserted.contains(r.id())) {
        checkSame(c, table, r);
      }
    }
    dropSupersededPartials(c, table, rows);
  }

  /** A row that was not inserted exists already; it must hold the same bytes. */
  private static void checkSame(Connection c, Table table, Row r)
      throws SQLException, StoreConflictException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT data FROM " + table.name + " WHERE " + table.match)) {
      int p = 1;
      if (table.hasLevel()) {
        ps.setInt(p++, r.id().level());
      }
      ps.setLong(p++, r.id().index());
      ps.setInt(p, r.id().width());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || !Arrays.equals(rs.getBytes(1), r.data())) {
          throw new StoreConflictException(table.objectName(r.id()));
        }
      }
    }
  }

  /** Partial tiles are prefixes of the full tile, from which readers now cut them. */
  private static void dropSupersededPartials(Connection c, Table table, List<Row> rows)
      throws SQLException {
    List<Integer> levels = new ArrayList<>();
    List<Long> indexes = new ArrayList<>();
    for (Row r : rows) {
      if (!r.id().isPartial()) {
        levels.add(r.id().level());
        indexes.add(r.id().index());
      }
    }
    if (levels.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table.name + " t"
        + " USING unnest(?::int[], ?::bigint[]) AS f(level, idx)"
        + " WHERE " + (table.hasLevel() ? "t.level = f.level AND " : "")
        + "t.idx = f.idx AND t.width < " + TileId.FULL_WIDTH)) {
      ps.setArray(1, c.createArrayOf("int4", levels.toArray(new Integer[0])));
      ps.setArray(2, c.createArrayOf("int8", indexes.toArray(new Long[0])));
      ps.executeUpdate();
    }
  }
}

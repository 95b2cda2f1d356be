package dev.toolseal.tlog.postgres;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.engine.EntryBundleData;
import dev.toolseal.tlog.engine.Leaf;
import dev.toolseal.tlog.engine.LogStore;
import dev.toolseal.tlog.engine.MissingObjectException;
import dev.toolseal.tlog.engine.PublishedCheckpoint;
import dev.toolseal.tlog.engine.StoreConflictException;
import dev.toolseal.tlog.engine.TreeUpdate;
import dev.toolseal.tlog.tiles.Tile;
import dev.toolseal.tlog.tiles.TileFormatException;
import dev.toolseal.tlog.tiles.TileId;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The {@link LogStore} in PostgreSQL, over plain JDBC. Tables (see
 * {@code db/tlog/V1__log_tables.sql}): {@code tlog_sequence} (one row, the next
 * index), {@code tlog_entries}, {@code tlog_tiles}, {@code tlog_entry_bundles},
 * {@code tlog_checkpoint} (one row, the current checkpoint) and {@code tlog_checkpoint_history}.
 *
 * <p>Sequencing serialises on the counter row ({@code UPDATE ... RETURNING}) and inserts the
 * batch in the same transaction, so indexes have no gaps across processes. Integration first
 * swaps the checkpoint row with {@code UPDATE ... WHERE size = ? AND root = ?}, which also
 * locks it against a concurrent integrator, then inserts tiles and bundles insert-only.
 *
 * <p>The data source must give connections to a database migrated with {@link #migrate};
 * each call takes one connection and closes it, so pass a pooled data source.
 */
public final class PostgresLogStore implements LogStore {
  private final DataSource dataSource;

  public PostgresLogStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /**
   * Creates or upgrades the log's tables in the data source's default schema. The migration
   * history is kept in {@code tlog_schema_history}, so an application can run its own Flyway
   * migrations beside these.
   */
  public static void migrate(DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/tlog")
        .table("tlog_schema_history")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }

  @Override
  public long sequence(List<Leaf> leaves) throws IOException {
    if (leaves.isEmpty()) {
      throw new IllegalArgumentException("nothing to sequence");
    }
    return Sql.inTransaction(dataSource, c -> sequenceIn(c, leaves));
  }

  /**
   * Sequences {@code leaves} in the caller's open transaction on {@code c}: they get
   * consecutive indexes and become durable when, and only if, the caller commits. Other rows the
   * caller writes in the same transaction commit or roll back together with the leaves, which is
   * how an application stores its own records of a batch atomically with their sequencing.
   *
   * <p>The counter row stays locked until the caller's transaction ends, so sequence last and
   * commit soon. After the commit call {@link dev.toolseal.tlog.engine.Log#wakeIntegrator()} so
   * the entries are integrated at once rather than at the integrator's next poll.
   *
   * @return the index of the first leaf
   */
  public static long sequenceIn(Connection c, List<Leaf> leaves) throws SQLException {
    if (leaves.isEmpty()) {
      throw new IllegalArgumentException("nothing to sequence");
    }
    byte[][] hashes = new byte[leaves.size()][];
    byte[][] entries = new byte[leaves.size()][];
    for (int i = 0; i < leaves.size(); i++) {
      hashes[i] = leaves.get(i).hash().bytes();
      entries[i] = leaves.get(i).entry();
    }
    long next;
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE tlog_sequence SET next_index = next_index + ? WHERE id = 1"
            + " RETURNING next_index")) {
      ps.setLong(1, leaves.size());
      next = Sql.singleLong(ps);
    }
    long first = next - leaves.size();
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO tlog_entries (idx, leaf_hash, entry)"
            + " SELECT ?::bigint + t.ord - 1, t.h, t.e"
            + " FROM unnest(?::bytea[], ?::bytea[]) WITH ORDINALITY AS t(h, e, ord)")) {
      ps.setLong(1, first);
      ps.setArray(2, c.createArrayOf("bytea", hashes));
      ps.setArray(3, c.createArrayOf("bytea", entries));
      ps.executeUpdate();
    }
    return first;
  }

  @Override
  public long sequencedSize() throws IOException {
    return Sql.read(dataSource, c -> {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT next_index FROM tlog_sequence WHERE id = 1")) {
        return Sql.singleLong(ps);
      }
    });
  }

  @Override
  public List<Leaf> readLeaves(long start, int count) throws IOException {
    if (start < 0 || count < 0) {
      throw new IllegalArgumentException("bad leaf range " + start + " +" + count);
    }
    List<Leaf> out = new ArrayList<>(count);
    Sql.read(dataSource, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT idx, leaf_hash, entry FROM tlog_entries WHERE idx >= ? AND idx < ?"
              + " ORDER BY idx")) {
        ps.setLong(1, start);
        ps.setLong(2, start + count);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            if (rs.getLong(1) != start + out.size()) {
              throw new SQLException("entry " + (start + out.size()) + " is missing");
            }
            try {
              out.add(Leaf.stored(rs.getBytes(3), Hash.of(rs.getBytes(2))));
            } catch (IllegalArgumentException e) {
              throw new IOException("entry " + rs.getLong(1) + " is corrupt", e);
            }
          }
        }
      }
      return null;
    });
    if (out.size() != count) {
      throw new IllegalArgumentException("leaves [" + start + ", " + (start + count)
          + ") are not all sequenced; found " + out.size());
    }
    return List.copyOf(out);
  }

  @Override
  public List<Tile> readTiles(List<TileId> ids) throws IOException {
    if (ids.isEmpty()) {
      return List.of();
    }
    byte[][] found = TileQueries.readPrefixes(dataSource, ids);
    List<Tile> out = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      if (found[i] == null) {
        throw new MissingObjectException(ids.get(i).path());
      }
      try {
        out.add(Tile.parse(ids.get(i), found[i]));
      } catch (TileFormatException e) {
        throw new IOException("stored tile " + ids.get(i) + " is malformed", e);
      }
    }
    return out;
  }

  @Override
  public Optional<EntryBundleData> readEntryBundle(TileId id) throws IOException {
    if (id.level() != 0) {
      return Optional.empty();
    }
    return Sql.read(dataSource, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT width, data FROM tlog_entry_bundles WHERE idx = ? AND width >= ?"
              + " ORDER BY width LIMIT 1")) {
        ps.setLong(1, id.index());
        ps.setInt(2, id.width());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next()
              ? Optional.of(new EntryBundleData(id.withWidth(rs.getInt(1)), rs.getBytes(2)))
              : Optional.empty();
        }
      }
    });
  }

  @Override
  public Optional<PublishedCheckpoint> latestCheckpoint() throws IOException {
    return Sql.read(dataSource, c -> {
      try (PreparedStatement ps =
              c.prepareStatement("SELECT size, root, note FROM tlog_checkpoint WHERE id = 1");
          ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("tlog_checkpoint has no row; was the schema migrated?");
        }
        byte[] note = rs.getBytes(3);
        return note == null
            ? Optional.empty()
            : Optional.of(new PublishedCheckpoint(rs.getLong(1), Hash.of(rs.getBytes(2)), note));
      }
    });
  }

  @Override
  public List<PublishedCheckpoint> checkpoints(long fromSize, int limit) throws IOException {
    return Sql.read(dataSource, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT size, root, note FROM tlog_checkpoint_history WHERE size >= ?"
              + " ORDER BY size LIMIT ?")) {
        ps.setLong(1, fromSize);
        ps.setInt(2, limit);
        List<PublishedCheckpoint> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new PublishedCheckpoint(
                rs.getLong(1), Hash.of(rs.getBytes(2)), rs.getBytes(3)));
          }
        }
        return List.copyOf(out);
      }
    });
  }

  @Override
  public boolean integrate(TreeUpdate update) throws IOException {
    return Sql.inTransaction(dataSource, c -> {
      if (!swapCheckpoint(c, update)) {
        c.rollback();
        return false;
      }
      insertHistory(c, update.to());
      TileQueries.insertTiles(c, update.tiles());
      TileQueries.insertBundles(c, update.bundles());
      return true;
    });
  }

  private static boolean swapCheckpoint(Connection c, TreeUpdate update) throws SQLException {
    PublishedCheckpoint to = update.to();
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE tlog_checkpoint SET size = ?, root = ?, note = ?"
            + " WHERE id = 1 AND size = ? AND root = ?")) {
      ps.setLong(1, to.size());
      ps.setBytes(2, to.root().bytes());
      ps.setBytes(3, to.note());
      ps.setLong(4, update.from().size());
      ps.setBytes(5, update.from().root().bytes());
      if (ps.executeUpdate() != 1) {
        return false;
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement("SELECT next_index FROM tlog_sequence WHERE id = 1")) {
      long sequenced = Sql.singleLong(ps);
      if (to.size() > sequenced) {
        throw new IllegalArgumentException("checkpoint size " + to.size()
            + " is beyond the sequenced size " + sequenced);
      }
    }
    return true;
  }

  private static void insertHistory(Connection c, PublishedCheckpoint cp)
      throws SQLException, StoreConflictException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO tlog_checkpoint_history (size, root, note) VALUES (?, ?, ?)"
            + " ON CONFLICT (size) DO NOTHING")) {
      ps.setLong(1, cp.size());
      ps.setBytes(2, cp.root().bytes());
      ps.setBytes(3, cp.note());
      if (ps.executeUpdate() == 1) {
        return;
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT root, note FROM tlog_checkpoint_history WHERE size = ?")) {
      ps.setLong(1, cp.size());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || !Arrays.equals(rs.getBytes(1), cp.root().bytes())
            || !Arrays.equals(rs.getBytes(2), cp.note())) {
          throw new StoreConflictException("checkpoint " + cp.size());
        }
      }
    }
  }
}

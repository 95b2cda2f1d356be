package dev.toolseal.cli.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.manifest.ManifestException;
import dev.toolseal.verifier.manifest.ManifestFormat;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.relay.RpcFormatException;
import dev.toolseal.verifier.relay.RpcParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The trust-on-first-use lock file: the pinned manifest per server name.
 *
 * <pre>{"lockVersion": "toolseal.dev/guard-lock/v1",
 *  "servers": {"memory": {"approvedAt": "2026-11-25T15:00:00Z",
 *                         "digest": "&lt;sha256 hex of the manifest&gt;",
 *                         "manifest": { ...manifest v1 document... }}}}</pre>
 *
 * <p>Read strictly: unknown members, a manifest its strict parser refuses, or a digest that does
 * not match the manifest make the whole file a {@link LockFileException}. At most 64 MiB.
 * Updates hold a lock on {@code <file>.lck} (and a JVM-wide lock), re-read the file, and replace
 * it atomically (temp file, fsync, rename).
 */
public final class LockFile {
  /** The value of {@code lockVersion}. */
  public static final String VERSION = "toolseal.dev/guard-lock/v1";
  static final int MAX_BYTES = 64 << 20;
  private static final ReentrantLock JVM_LOCK = new ReentrantLock();

  private final Path file;

  public LockFile(Path file) {
    this.file = file.toAbsolutePath();
  }

  public Path file() {
    return file;
  }

  /** One pinned server. */
  public record Pin(ToolManifest manifest, Instant approvedAt) {}

  /** The pin of {@code name}, if any; a missing file has none. */
  public Optional<Pin> pinned(String name) throws LockFileException {
    return Optional.ofNullable(read().get(name));
  }

  /** Pins {@code manifest} for {@code name}, replacing any earlier pin. */
  public void pin(String name, ToolManifest manifest, Instant now) throws LockFileException {
    JVM_LOCK.lock();
    try (FileChannel ch = FileChannel.open(sibling(".lck"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE)) {
      FileLock held = ch.lock();
      try {
        TreeMap<String, Pin> pins = read();
        pins.put(name, new Pin(manifest, now));
        write(pins);
      } finally {
        held.release();
      }
    } catch (IOException e) {
      throw new LockFileException("cannot update " + file + ": " + e, e);
    } finally {
      JVM_LOCK.unlock();
    }
  }

  private Path sibling(String suffix) {
    return file.resolveSibling(file.getFileName() + suffix);
  }

  private TreeMap<String, Pin> read() throws LockFileException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      return new TreeMap<>();
    } catch (IOException e) {
      throw new LockFileException("cannot read " + file + ": " + e, e);
    }
    if (bytes.length > MAX_BYTES) {
      throw new LockFileException(file + " is larger than " + MAX_BYTES + " bytes");
    }
    JsonNode doc;
    try {
      doc = RpcParser.json(bytes);
    } catch (RpcFormatException e) {
      throw new LockFileException(file + " is not strict JSON: " + e.getMessage(), e);
    }
    only(doc, "", "lockVersion", "servers");
    if (!VERSION.equals(doc.path("lockVersion").textValue())) {
      throw new LockFileException(file + ": lockVersion must be " + VERSION);
    }
    JsonNode servers = doc.path("servers");
    if (!servers.isObject()) {
      throw new LockFileException(file + ": servers must be an object");
    }
    TreeMap<String, Pin> pins = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : servers.properties()) {
      pins.put(e.getKey(), pin(e.getKey(), e.getValue()));
    }
    return pins;
  }

  private Pin pin(String name, JsonNode node) throws LockFileException {
    String at = "/servers/" + name.replace("~", "~0").replace("/", "~1");
    only(node, at, "approvedAt", "digest", "manifest");
    ToolManifest manifest;
    Instant approvedAt;
    try {
      manifest = new ManifestFormat().parse(RpcParser.write(node.path("manifest")));
      approvedAt = Instant.parse(node.path("approvedAt").asText());
    } catch (ManifestException | java.time.format.DateTimeParseException e) {
      throw new LockFileException(file + " " + at + ": " + e.getMessage(), e);
    }
    if (!manifest.digest().hex().equals(node.path("digest").textValue())) {
      throw new LockFileException(file + " " + at + ": digest does not match the manifest");
    }
    return new Pin(manifest, approvedAt);
  }

  private void only(JsonNode node, String at, String... members) throws LockFileException {
    if (!node.isObject()) {
      throw new LockFileException(file + " " + at + ": not an object");
    }
    java.util.Set<String> allowed = java.util.Set.of(members);
    for (Map.Entry<String, JsonNode> member : node.properties()) {
      String m = member.getKey();
      if (!allowed.contains(m)) {
        throw new LockFileException(file + " " + at + ": unknown member");
      }
    }
    for (String m : members) {
      if (!node.has(m)) {
        throw new LockFileException(file + " " + at + ": missing " + m);
      }
    }
  }

  private void write(TreeMap<String, Pin> pins) throws IOException {
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.put("lockVersion", VERSION);
    ObjectNode servers = doc.putObject("servers");
    for (Map.Entry<String, Pin> e : pins.entrySet()) {
      ObjectNode s = servers.putObject(e.getKey());
      s.put("approvedAt", e.getValue().approvedAt().toString());
      s.put("digest", e.getValue().manifest().digest().hex());
      try {
        s.set("manifest", RpcParser.json(ManifestFormat.format(e.getValue().manifest())));
      } catch (RpcFormatException x) {
        throw new IllegalStateException("a formatted manifest is strict JSON", x);
      }
    }
    byte[] bytes = new com.fasterxml.jackson.databind.ObjectMapper()
        .writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
    Path dir = file.getParent();
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(bytes));
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}

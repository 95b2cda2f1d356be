package dev.toolseal.verifier.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.bundle.BundleFormat;
import dev.toolseal.verifier.json.JsonFormatException;
import dev.toolseal.verifier.json.JsonLimits;
import dev.toolseal.verifier.json.StrictJson;
import dev.toolseal.verifier.log.ConsistencyProof;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A client of the registry's HTTP API (registry-service/README.md) over the JDK {@link
 * HttpClient}. Every answer is read up to a size bound and parsed strictly; an error status
 * becomes a {@link RegistryProblemException} with the problem's {@code type}, a malformed or
 * oversized answer a {@link RegistryFormatException}, a network failure an {@link IOException}.
 * Nothing the registry says is trusted: bundles, proofs and checkpoints are for a verifier to
 * check.
 */
public final class RegistryClient {
  /** Largest JSON answer read (other than bundles and tiles). */
  public static final int MAX_JSON_BYTES = 1024 * 1024;
  /** Largest signed checkpoint note read. */
  public static final int MAX_NOTE_BYTES = 64 * 1024;
  /** Largest tile read: 256 entries of at most 64 KiB plus their length prefixes. */
  public static final int MAX_TILE_BYTES = 256 * (64 * 1024 + 2);

  private static final StrictJson JSON = new StrictJson(new JsonLimits(MAX_JSON_BYTES, 64,
      MAX_JSON_BYTES));

  private final URI base;
  private final HttpClient http;
  private final Duration timeout;

  /**
   * @param base the registry's base URL, e.g. {@code http://localhost:8080}
   * @param timeout per-request timeout
   */
  public RegistryClient(URI base, Duration timeout) {
    this(base, HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build(), timeout);
  }

  public RegistryClient(URI base, HttpClient http, Duration timeout) {
    Objects.requireNonNull(base, "base");
    String scheme = base.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme) || base.getHost() == null) {
      throw new IllegalArgumentException("the registry URL must be http(s)://host[:port]");
    }
    String s = base.toString();
    this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    this.http = Objects.requireNonNull(http, "http");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  public URI base() {
    return base;
  }

  // --- write API

  /** A fresh key-binding challenge (POST /v1/keys/challenge). */
  public String challenge() throws IOException {
    JsonNode doc = json(send(HttpRequest.newBuilder(uri("/v1/keys/challenge"))
        .POST(HttpRequest.BodyPublishers.noBody()), MAX_JSON_BYTES));
    return Fields.text(doc, "nonce", 256);
  }

  /**
   * POSTs a DSSE envelope to a write endpoint ({@code /v1/keys/bind}, {@code /v1/releases},
   * {@code /v1/reviews}, ...).
   */
  public Receipt submit(String path, byte[] envelopeJson) throws IOException {
    if (!path.startsWith("/v1/")) {
      throw new IllegalArgumentException("not a write path: " + path);
    }
    JsonNode doc = json(send(HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(envelopeJson)), MAX_JSON_BYTES));
    return new Receipt(Fields.text(doc, "kind", 64), Fields.text(doc, "name", 1024),
        Fields.text(doc, "version", 1024), Fields.text(doc, "keyId", 64),
        Fields.text(doc, "envelopeDigest", 64), Fields.index(doc, "logIndex"),
        Fields.text(doc, "status", 64));
  }

  // --- browse API

  /** The release bundle of {@code server}@{@code version}. */
  public byte[] releaseBundle(String server, String version) throws IOException {
    return get(serverPath(server) + "/versions/" + segment(version) + "/bundle",
        BundleFormat.MAX_BYTES);
  }

  /** The release's details (manifest, reviews, yank, ...), parsed but not interpreted. */
  public JsonNode release(String server, String version) throws IOException {
    return json(get(serverPath(server) + "/versions/" + segment(version), MAX_JSON_BYTES));
  }

  /** A namespace's keys and key events. */
  public JsonNode namespace(String namespace) throws IOException {
    return json(get("/v1/namespaces/" + segment(namespace), MAX_JSON_BYTES));
  }

  /** The bundle of the log entry at {@code index}. */
  public byte[] entryBundle(long index) throws IOException {
    return get("/v1/log/entries/" + index + "/bundle", BundleFormat.MAX_BYTES);
  }

  // --- log

  /** The log's note verifier key, as the registry states it (trust it only if you pinned it). */
  public String logKey() throws IOException {
    return new String(get("/log/key", 4096), StandardCharsets.UTF_8).strip();
  }

  /** The latest signed checkpoint note, unverified. */
  public byte[] checkpoint() throws IOException {
    return get("/log/checkpoint", MAX_NOTE_BYTES);
  }

  /** The RFC 9162 consistency proof between two tree sizes, unverified. */
  public ConsistencyProof consistency(String origin, long from, long to) throws IOException {
    JsonNode doc = json(get("/v1/log/proof/consistency?from=" + from + "&to=" + to,
        MAX_JSON_BYTES));
    if (Fields.index(doc, "from") != from || Fields.index(doc, "to") != to) {
      throw new RegistryFormatException("the consistency proof is for other tree sizes");
    }
    JsonNode hashes = doc.get("hashes");
    if (hashes == null || !hashes.isArray() || hashes.size() > ConsistencyProof.MAX_HASHES) {
      throw new RegistryFormatException("the consistency proof has no valid hashes array");
    }
    List<Hash> out = new ArrayList<>();
    for (JsonNode h : hashes) {
      out.add(Fields.hash(h));
    }
    return new ConsistencyProof(origin, from, to, out);
  }

  /** A tile or entry bundle at {@code path} below {@code /log/} (C2SP tlog-tiles), unverified. */
  public byte[] tile(String tilePath) throws IOException {
    if (!tilePath.startsWith("tile/") || tilePath.contains("..")) {
      throw new IllegalArgumentException("not a tile path: " + tilePath);
    }
    return get("/log/" + tilePath, MAX_TILE_BYTES);
  }

  // --- plumbing

  private static String serverPath(String server) {
    int slash = server.indexOf('/');
    if (slash <= 0 || slash != server.lastIndexOf('/') || slash == server.length() - 1) {
      throw new IllegalArgumentException("a server name is <namespace>/<name>");
    }
    return "/v1/servers/" + segment(server.substring(0, slash)) + "/"
        + segment(server.substring(slash + 1));
  }

  private static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private byte[] get(String path, int maxBytes) throws IOException {
    return send(HttpRequest.newBuilder(uri(path)).GET(), maxBytes);
  }

  private byte[] send(HttpRequest.Builder request, int maxBytes) throws IOException {
    HttpResponse<InputStream> response;
    try {
      response = http.send(request.timeout(timeout).build(),
          HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while talking to the registry", e);
    } catch (IllegalArgumentException e) {
      throw new IOException("bad registry request: " + e.getMessage(), e);
    }
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readNBytes(Math.max(maxBytes, MAX_JSON_BYTES) + 1);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      if (body.length > maxBytes) {
        throw new RegistryFormatException("the registry's answer is over " + maxBytes + " bytes");
      }
      return body;
    }
    throw problem(status, body);
  }

  private static RegistryProblemException problem(int status, byte[] body) {
    String type = null;
    String detail = null;
    if (body.length <= MAX_JSON_BYTES) {
      try {
        JsonNode doc = JSON.parse(body);
        if (doc.path("type").isTextual()) {
          type = doc.get("type").asText();
        }
        if (doc.path("detail").isTextual()) {
          detail = doc.get("detail").asText();
        }
      } catch (JsonFormatException e) {
        detail = null; // not problem JSON: the status alone says it
      }
    }
    return new RegistryProblemException(status, type, detail);
  }

  private static JsonNode json(byte[] body) throws RegistryFormatException {
    try {
      JsonNode doc = JSON.parse(body);
      if (!doc.isObject()) {
        throw new RegistryFormatException("the registry's answer is not a JSON object");
      }
      return doc;
    } catch (JsonFormatException e) {
      throw new RegistryFormatException("the registry's answer is not valid JSON: "
          + e.getMessage(), e);
    }
  }
}

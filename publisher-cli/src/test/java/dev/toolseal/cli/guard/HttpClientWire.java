package dev.toolseal.cli.guard;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code toolseal guard --listen 127.0.0.1:0} with a hand-written streamable HTTP client: every
 * message is one POST (its SSE or JSON answer is read in the background), and after
 * {@code notifications/initialized} one GET stream carries the server's own messages. Every
 * {@code data:} line of every answer is a message; every other line goes to {@link #framing()}.
 */
final class HttpClientWire implements ClientWire {
  private final GuardHarness guard;
  private final URI url;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(WAIT_SECONDS)).build();
  private final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
  private final ConcurrentLinkedQueue<String> framing = new ConcurrentLinkedQueue<>();
  private final List<CompletableFuture<Void>> bodies = new ArrayList<>();
  private final CompletableFuture<String> session = new CompletableFuture<>();
  private boolean streamOpen;
  private boolean finished;

  HttpClientWire(List<String> options, List<String> command) throws Exception {
    List<String> all = new ArrayList<>(List.of("--listen", "127.0.0.1:0"));
    all.addAll(options);
    guard = GuardHarness.start(all, command);
    url = GuardHttpListenTest.url(guard);
  }

  @Override
  public synchronized void send(String json) {
    HttpRequest.Builder post = HttpRequest.newBuilder(url)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    boolean first = bodies.isEmpty();
    if (!first) {
      post.header("Mcp-Session-Id", sessionId());
    }
    CompletableFuture<HttpResponse<Stream<String>>> answer = http.sendAsync(post.build(),
        HttpResponse.BodyHandlers.ofLines());
    if (first) {
      answer.whenComplete((r, e) -> {
        if (r != null) {
          session.complete(r.headers().firstValue("Mcp-Session-Id").orElse(""));
        } else {
          session.completeExceptionally(e);
        }
      });
    }
    bodies.add(answer.thenAcceptAsync(r -> r.body().forEach(this::line)));
    if (json.contains("\"notifications/initialized\"") && !streamOpen) {
      streamOpen = true; // the server's own messages from now on
      bodies.add(http.sendAsync(HttpRequest.newBuilder(url)
          .header("Accept", "text/event-stream").header("Mcp-Session-Id", sessionId())
          .GET().build(), HttpResponse.BodyHandlers.ofLines())
          .thenAcceptAsync(r -> r.body().forEach(this::line)));
    }
  }

  private String sessionId() {
    try {
      return session.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no answer to initialize; stderr:\n" + err(), e);
    }
  }

  /** One line of an answer body: SSE data is a message, a JSON body is one. */
  private void line(String line) {
    if (line.startsWith("data:")) {
      messages.add(line.substring(5).strip());
    } else if (line.startsWith("{") || line.startsWith("[")) {
      messages.add(line);
    } else if (!line.isEmpty()) {
      framing.add(line);
    }
  }

  @Override
  public String next() {
    try {
      String message = messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertNotNull(message, () -> "no message from the guard; stderr:\n" + err());
      return message;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private void delete() throws IOException, InterruptedException {
    finished = true;
    http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(WAIT_SECONDS))
        .header("Mcp-Session-Id", sessionId()).DELETE().build(),
        HttpResponse.BodyHandlers.discarding());
  }

  @Override
  public List<String> finish() {
    try {
      delete();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    guard.exitCode(); // bounded; the guard closed every stream when it ended
    List<CompletableFuture<Void>> open;
    synchronized (this) {
      open = List.copyOf(bodies);
    }
    for (CompletableFuture<Void> body : open) {
      try {
        body.get(WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (Exception e) {
        // a stream cut off when the guard stopped: what it carried is already read
      }
    }
    List<String> rest = new ArrayList<>();
    messages.drainTo(rest);
    return rest;
  }

  @Override
  public String framing() {
    return String.join("\n", framing);
  }

  @Override
  public String err() {
    return guard.err();
  }

  /** After a failure: ends the session if it was not ended, so the server is stopped. */
  @Override
  public void close() {
    if (!finished && session.isDone() && !session.isCompletedExceptionally()) {
      try {
        delete();
      } catch (IOException | RuntimeException e) {
        // the guard is gone already
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    guard.close();
  }
}

package dev.toolseal.registry.ownership;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real HTTP server on loopback that serves {@code /.well-known/mcp-registry-auth} per virtual host
 * (the request's Host header without its port): the body set with {@link #put}, or a response
 * shaped by a {@link Answer}.
 */
final class WellKnownServer implements AutoCloseable {

    /** A non-plain answer for a host. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    WellKnownServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String host = exchange.getRequestHeaders().getFirst("Host");
            host = host == null ? "" : host.replaceFirst(":[0-9]+$", "");
            Answer a = exchange.getRequestURI().getPath().equals(WellKnownFetch.PATH) ? answers.get(host) : null;
            if (a == null) {
                a = new Answer(404, Map.of(), "not found".getBytes(StandardCharsets.UTF_8));
            }
            a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(a.body());
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Serves {@code body} as {@code host}'s well-known file. */
    void put(String host, String body) {
        answer(host, new Answer(200, Map.of("Content-Type", "text/plain"), body.getBytes(StandardCharsets.UTF_8)));
    }

    void answer(String host, Answer answer) {
        answers.put(host, answer);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

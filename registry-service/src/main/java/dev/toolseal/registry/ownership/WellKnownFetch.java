package dev.toolseal.registry.ownership;

import dev.toolseal.verifier.attest.Ownership;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Fetches {@code <scheme>://<domain>/.well-known/mcp-registry-auth} for {@code http} proofs: the
 * host resolved through the registry's own {@link DnsLookup} (the same resolver as the DNS
 * method), every address checked by {@link PublicAddresses} before connecting, the connection made
 * to that checked address (so a second resolution cannot swap in another one), TLS verified
 * against the domain name, one HTTP/1.0 GET, no redirects followed, at most {@value #MAX_BODY}
 * bytes of body and one deadline for all of it.
 *
 * <p>Why not {@code java.net.http}: on Java 17 it resolves the host itself with the system
 * resolver and cannot be handed a checked address (it refuses a {@code Host} header), so the
 * address the check approved need not be the one it connects to.
 */
public final class WellKnownFetch {

    /** The path of the well-known file, as in the official MCP registry. */
    public static final String PATH = "/.well-known/mcp-registry-auth";
    /** Largest accepted body, in bytes. */
    public static final int MAX_BODY = 4096;
    private static final int MAX_HEAD = 8192;

    private final DnsLookup dns;
    private final boolean https;
    private final int port;
    private final boolean allowPrivate;
    private final Duration timeout;
    private final SSLSocketFactory tls;

    /**
     * @param scheme {@code https} or {@code http}
     * @param port the port to connect to
     * @param allowPrivate whether loopback and private addresses may be fetched (tests)
     * @param tls the TLS socket factory (whose trust store decides which certificates pass)
     */
    public WellKnownFetch(DnsLookup dns, String scheme, int port, boolean allowPrivate, Duration timeout,
            SSLSocketFactory tls) {
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("toolseal.ownership.http.scheme is https or http");
        }
        this.dns = dns;
        this.https = scheme.equals("https");
        this.port = port;
        this.allowPrivate = allowPrivate;
        this.timeout = timeout;
        this.tls = tls;
    }

    /** The body of the domain's well-known file, as text. */
    public String fetch(String domain) throws OwnershipProofException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<InetAddress> addresses;
        try {
            addresses = dns.addresses(domain);
        } catch (DnsLookup.DnsLookupException e) {
            throw failed(ProofFailure.LOOKUP_FAILED, e.getMessage());
        }
        if (addresses.isEmpty()) {
            throw failed(ProofFailure.LOOKUP_FAILED, domain + " has no address.");
        }
        if (!allowPrivate) {
            for (InetAddress a : addresses) {
                if (!PublicAddresses.isPublic(a)) {
                    throw failed(ProofFailure.ADDRESS_REFUSED,
                            domain + " resolves to a private, loopback or reserved address.");
                }
            }
        }
        IOException last = null;
        for (InetAddress a : addresses) {
            try {
                return get(domain, a, deadline);
            } catch (HttpRefusal e) {
                throw failed(ProofFailure.FETCH_FAILED, where(domain) + ": " + e.getMessage());
            } catch (IOException e) {
                last = e;
            }
        }
        throw failed(ProofFailure.FETCH_FAILED, where(domain) + " could not be fetched"
                + (last instanceof SocketTimeoutException ? " in time." : " (connection or TLS failed)."));
    }

    /** The URL fetched for {@code domain}, for messages. */
    public String where(String domain) {
        return (https ? "https" : "http") + "://" + domain + (port == (https ? 443 : 80) ? "" : ":" + port) + PATH;
    }

    /** An answer the fetch does not accept (not a connection failure). */
    private static final class HttpRefusal extends IOException {

        private static final long serialVersionUID = 1L;

        HttpRefusal(String message) {
            super(message);
        }
    }

    private String get(String domain, InetAddress address, long deadline) throws IOException {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), remainingMillis(deadline));
            plain.setSoTimeout(remainingMillis(deadline));
            Socket socket = plain;
            if (https) {
                SSLSocket s = (SSLSocket) tls.createSocket(plain, domain, port, true);
                SSLParameters p = s.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                s.setSSLParameters(p);
                s.startHandshake();
                socket = s;
            }
            OutputStream out = socket.getOutputStream();
            String host = port == (https ? 443 : 80) ? domain : domain + ":" + port;
            out.write(("GET " + PATH + " HTTP/1.0\r\nHost: " + host + "\r\nUser-Agent: toolseal-registry\r\n"
                    + "Accept: text/plain\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return body(read(socket, deadline));
        }
    }

    private static byte[] read(Socket socket, long deadline) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[2048];
        while (true) {
            socket.setSoTimeout(remainingMillis(deadline));
            int n = in.read(buf);
            if (n < 0) {
                return all.toByteArray();
            }
            all.write(buf, 0, n);
            if (all.size() > MAX_HEAD + MAX_BODY) {
                throw new HttpRefusal("the answer is larger than " + MAX_BODY + " bytes of body");
            }
        }
    }

    private static String body(byte[] response) throws HttpRefusal {
        int end = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0 || end > MAX_HEAD) {
            throw new HttpRefusal("not an HTTP answer");
        }
        String[] head = new String(response, 0, end, StandardCharsets.ISO_8859_1).split("\r\n", -1);
        String[] status = head[0].split(" ", 3);
        if (status.length < 2 || !status[0].matches("HTTP/1\\.[01]")) {
            throw new HttpRefusal("not an HTTP answer");
        }
        if (!status[1].equals("200")) {
            throw new HttpRefusal("HTTP " + status[1].replaceAll("[^0-9]", "")
                    + (status[1].startsWith("3") ? " (redirects are not followed)" : ""));
        }
        int bodyLength = response.length - end - 4;
        for (int i = 1; i < head.length; i++) {
            String line = head[i].toLowerCase(Locale.ROOT);
            if (line.startsWith("transfer-encoding:")) {
                throw new HttpRefusal("a transfer-encoded answer to an HTTP/1.0 request");
            }
            if (line.startsWith("content-length:") && !line.substring(15).strip().equals(Integer.toString(bodyLength))) {
                throw new HttpRefusal("the body is not its Content-Length");
            }
        }
        if (bodyLength > MAX_BODY) {
            throw new HttpRefusal("the body is larger than " + MAX_BODY + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(response, end + 4, bodyLength)).toString();
        } catch (CharacterCodingException e) {
            throw new HttpRefusal("the body is not UTF-8 text");
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            int j = 0;
            while (j < needle.length && haystack[i + j] == needle[j]) {
                j++;
            }
            if (j == needle.length) {
                return i;
            }
        }
        return -1;
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("the fetch took too long");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private static OwnershipProofException failed(ProofFailure failure, String detail) {
        return new OwnershipProofException(Ownership.Method.HTTP, failure, detail);
    }
}

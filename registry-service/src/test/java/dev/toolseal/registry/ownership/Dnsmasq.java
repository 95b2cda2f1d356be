package dev.toolseal.registry.ownership;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real DNS server for tests: Debian's dnsmasq ({@code dnsmasq-base}, /usr/sbin/dnsmasq) in the
 * foreground on a free loopback port, answering only from its command line (no resolv.conf, no
 * hosts file, no upstream: other names under {@code .test} and {@code .invalid} do not exist). {@link #serve} restarts it on the same port with new TXT records.
 */
final class Dnsmasq implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/dnsmasq");

    private final int port;
    private final Map<String, String> addresses;
    private Process process;

    /**
     * @param addresses domain to IPv4 address, answered for the domain and every name under it
     */
    Dnsmasq(Map<String, String> addresses) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install dnsmasq-base (see README.md)");
        }
        this.port = freePort();
        this.addresses = Map.copyOf(addresses);
    }

    /** host:port of the server. */
    String server() {
        return "127.0.0.1:" + port;
    }

    /** (Re)starts the server answering {@code txt} (name to its TXT records, each one string). */
    synchronized void serve(Map<String, List<String>> txt) throws IOException, InterruptedException {
        stop();
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--keep-in-foreground", "--no-resolv",
                "--no-hosts", "--no-poll", "--conf-file=/dev/null", "--pid-file=", "--bind-interfaces",
                "--listen-address=127.0.0.1", "--port=" + port, "--cache-size=0", "--log-facility=-",
                // names under these that it holds no record for get NXDOMAIN, not REFUSED
                "--local=/test/", "--local=/invalid/"));
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.add("--user=root");
        }
        addresses.forEach((domain, ip) -> cmd.add("--address=/" + domain + "/" + ip));
        // one argument each, unquoted: on the command line dnsmasq would keep quotes in the record
        txt.forEach((name, records) -> records.forEach(r -> {
            if (r.contains(",")) {
                throw new IllegalArgumentException("a test TXT record without commas, please");
            }
            cmd.add("--txt-record=" + name + "," + r);
        }));
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        awaitAnswers(Duration.ofSeconds(10));
    }

    private void awaitAnswers(Duration timeout) throws IOException, InterruptedException {
        DnsLookup probe = DnsLookup.of(Optional.of(server()), Duration.ofMillis(300));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("dnsmasq exited with " + process.exitValue());
            }
            try {
                probe.txt("probe.invalid");
                return;
            } catch (DnsLookup.DnsLookupException e) {
                Thread.sleep(50);
            }
        }
        throw new IOException("dnsmasq did not answer within " + timeout);
    }

    private void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public synchronized void close() {
        stop();
    }

    /** A port free for both UDP and TCP on loopback (dnsmasq listens on both). */
    private static int freePort() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 50; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(0, loopback)) {
                int p = udp.getLocalPort();
                try (ServerSocket tcp = new ServerSocket(p, 1, loopback)) {
                    return tcp.getLocalPort();
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no free loopback port for dnsmasq");
    }
}

package dev.toolseal.registry.ownership;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The DNS questions ownership checks ask: TXT records of a domain, and the addresses of the host
 * the well-known file is fetched from, both from one resolver (a configured server, or the system's
 * resolvers). Nothing is cached between questions. A name that does not exist has no records;
 * any other failure is a {@link DnsLookupException}.
 */
public final class DnsLookup {

    /** A DNS question that got no usable answer. */
    public static final class DnsLookupException extends Exception {

        private static final long serialVersionUID = 1L;

        DnsLookupException(String message) {
            super(message);
        }
    }

    private static final int DEFAULT_PORT = 53;
    /** Most records of one type read from an answer; a bigger answer is not a normal domain's. */
    private static final int MAX_RECORDS = 64;

    private final Resolver resolver;

    private DnsLookup(Resolver resolver) {
        this.resolver = resolver;
    }

    /**
     * A lookup asking {@code server} ({@code host:port}, {@code host} or {@code [v6]:port}), or the
     * system's resolvers when empty.
     */
    public static DnsLookup of(Optional<String> server, Duration timeout) {
        Resolver r;
        if (server.isPresent()) {
            r = new SimpleResolver(socketAddress(server.get()));
        } else {
            r = new ExtendedResolver();
        }
        r.setTimeout(timeout);
        return new DnsLookup(r);
    }

    static InetSocketAddress socketAddress(String server) {
        String host = server;
        int port = DEFAULT_PORT;
        int colon = server.lastIndexOf(':');
        if (colon > 0 && server.indexOf(':') == colon) {
            host = server.substring(0, colon);
            port = Integer.parseInt(server.substring(colon + 1));
        } else if (server.startsWith("[") && server.contains("]:")) {
            host = server.substring(1, server.indexOf("]:"));
            port = Integer.parseInt(server.substring(server.indexOf("]:") + 2));
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("toolseal.ownership.dns.server: bad port");
        }
        return new InetSocketAddress(host, port);
    }

    /** The texts of the TXT records on {@code domain}, each record's strings joined. */
    public List<String> txt(String domain) throws DnsLookupException {
        List<String> texts = new ArrayList<>();
        for (Record r : answers(domain, Type.TXT)) {
            if (r instanceof TXTRecord txt && texts.size() < MAX_RECORDS) {
                texts.add(String.join("", txt.getStrings()));
            }
        }
        return texts;
    }

    /** The IPv4 and IPv6 addresses of {@code host} (following the resolver's CNAME answers). */
    public List<InetAddress> addresses(String host) throws DnsLookupException {
        List<InetAddress> addresses = new ArrayList<>();
        for (Record r : answers(host, Type.A)) {
            if (r instanceof ARecord a && addresses.size() < MAX_RECORDS) {
                addresses.add(a.getAddress());
            }
        }
        for (Record r : answers(host, Type.AAAA)) {
            if (r instanceof AAAARecord a && addresses.size() < MAX_RECORDS) {
                addresses.add(a.getAddress());
            }
        }
        return addresses;
    }

    private List<Record> answers(String domain, int type) throws DnsLookupException {
        Name name;
        try {
            name = Name.fromString(domain, Name.root);
        } catch (TextParseException e) {
            throw new DnsLookupException("not a DNS name");
        }
        Message response;
        try {
            response = resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
        } catch (IOException e) {
            throw new DnsLookupException("no answer to the " + Type.string(type) + " question for " + domain);
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return List.of();
        }
        if (rcode != Rcode.NOERROR) {
            throw new DnsLookupException("the DNS server answered " + Rcode.string(rcode) + " for " + domain);
        }
        return response.getSection(Section.ANSWER);
    }
}

package dev.toolseal.registry.ownership;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;

/**
 * The outside world an ownership check talks to, all real and on loopback: a dnsmasq answering for
 * {@code *.example.test} (every name resolves to 127.0.0.1), a web server serving well-known files
 * for those names, and an OIDC issuer. Started once for the tests of {@link ProvenNamespacesProfile};
 * tests reach it through the static fields.
 */
public final class ProofWorld implements QuarkusTestResourceLifecycleManager {

    /** The test domain; every name under it resolves to 127.0.0.1. */
    public static final String DOMAIN = "example.test";

    static Dnsmasq dns;
    static WellKnownServer web;
    static OidcIssuer oidc;

    @Override
    public Map<String, String> start() {
        try {
            dns = new Dnsmasq(Map.of(DOMAIN, "127.0.0.1"));
            dns.serve(Map.of());
            web = new WellKnownServer();
            oidc = new OidcIssuer();
        } catch (Exception e) {
            throw new IllegalStateException("starting the ownership test world", e);
        }
        return Map.of("toolseal.ownership.dns.server", dns.server(),
                "toolseal.ownership.http.scheme", "http",
                "toolseal.ownership.http.port", Integer.toString(web.port()),
                "toolseal.ownership.http.allow-private-addresses", "true",
                "toolseal.ownership.oidc.issuer", oidc.issuer(),
                "toolseal.ownership.oidc.jwks-url", oidc.jwksUrl(),
                "toolseal.ownership.oidc.audience", OidcIssuer.AUDIENCE);
    }

    /** Serves exactly these TXT records (restarting the DNS server). */
    public static void txt(Map<String, List<String>> records) throws Exception {
        dns.serve(records);
    }

    /** Serves {@code body} as the well-known file of {@code host}. */
    public static void wellKnown(String host, String body) {
        web.put(host, body);
    }

    /** A fresh, valid token of the test issuer for GitHub owner {@code owner}. */
    public static String token(String owner) {
        return oidc.token(owner);
    }

    @Override
    public void stop() {
        if (dns != null) {
            dns.close();
        }
        if (web != null) {
            web.close();
        }
        if (oidc != null) {
            oidc.close();
        }
    }
}

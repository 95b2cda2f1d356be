package dev.toolseal.registry.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.toolseal.verifier.attest.Ownership;
import dev.toolseal.verifier.attest.OwnershipRecord;
import dev.toolseal.verifier.keys.KeyAlgorithm;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.keys.SigningKey;
import dev.toolseal.verifier.keys.VerificationKey;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The three checks against a real dnsmasq, a loopback web server and a loopback OIDC issuer. */
class OwnershipChecksTest {

    private static Dnsmasq dns;
    private static WellKnownServer web;
    private static OidcIssuer oidc;
    private static DnsLookup lookup;

    private final SigningKey key = KeyPairs.generate();
    private final SigningKey other = KeyPairs.generate();

    @BeforeAll
    static void start() throws Exception {
        dns = new Dnsmasq(Map.of("example.test", "127.0.0.1", "public.test", "192.0.2.1", "private.test",
                "10.1.2.3"));
        web = new WellKnownServer();
        oidc = new OidcIssuer();
        lookup = DnsLookup.of(Optional.of(dns.server()), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() throws Exception {
        dns.close();
        web.close();
        oidc.close();
    }

    private static String record(SigningKey k) {
        return OwnershipRecord.of(k.verificationKey()).toString();
    }

    private static ProofFailure failure(Ownership.Method method, OwnershipProofException e) {
        assertEquals(method, e.method());
        return e.failure();
    }

    private void dnsCheck(String domain, VerificationKey k) throws Exception {
        DomainRecords.requireRecordFor(Ownership.Method.DNS, domain, lookup.txt(domain), k);
    }

    private ProofFailure dnsFails(String domain, VerificationKey k) {
        return failure(Ownership.Method.DNS, assertThrows(OwnershipProofException.class, () -> dnsCheck(domain, k)));
    }

    @Test
    void dnsNeedsOneRecordNamingTheKeyAmongTheDomainsTxtRecords() throws Exception {
        dns.serve(Map.of(
                "good.example.test", List.of("google-site-verification=abc", record(other), record(key)),
                "other.example.test", List.of(record(other)),
                "mixed.example.test", List.of("v=MCPv1; k=ed25519; p=short", record(other)),
                "broken.example.test", List.of("v=MCPv1; k=ed25519; p=short"),
                "spf.example.test", List.of("v=spf1 -all")));
        dnsCheck("good.example.test", key.verificationKey());
        dnsCheck("good.example.test", other.verificationKey());
        assertEquals(ProofFailure.OTHER_KEY, dnsFails("other.example.test", key.verificationKey()));
        assertEquals(ProofFailure.OTHER_KEY, dnsFails("mixed.example.test", key.verificationKey()));
        assertEquals(ProofFailure.MALFORMED_RECORD, dnsFails("broken.example.test", key.verificationKey()));
        assertEquals(ProofFailure.NO_RECORD, dnsFails("spf.example.test", key.verificationKey()));
        assertEquals(ProofFailure.NO_RECORD, dnsFails("nothing.example.test", key.verificationKey()));
        assertEquals(ProofFailure.NO_RECORD, dnsFails("nxdomain.invalid", key.verificationKey()));
        assertEquals(ProofFailure.KEY_KIND, failure(Ownership.Method.DNS, assertThrows(OwnershipProofException.class,
                () -> DomainRecords.requireRecordFor(Ownership.Method.DNS, "good.example.test",
                        lookup.txt("good.example.test"),
                        KeyPairs.generate(KeyAlgorithm.ECDSA_P256_SHA256).verificationKey()))));
    }

    @Test
    void aDeadDnsServerIsALookupFailureNotAnAbsentRecord() throws Exception {
        DnsLookup dead = DnsLookup.of(Optional.of("127.0.0.1:9"), Duration.ofMillis(300));
        assertThrows(DnsLookup.DnsLookupException.class, () -> dead.txt("good.example.test"));
    }

    @Test
    void addressesComeFromTheConfiguredServer() throws Exception {
        dns.serve(Map.of());
        assertEquals(List.of(InetAddress.getByName("127.0.0.1")), lookup.addresses("a.b.example.test"));
        assertEquals(List.of(), lookup.addresses("nxdomain.invalid"));
    }

    private WellKnownFetch fetch(boolean allowPrivate, int port) throws Exception {
        return new WellKnownFetch(lookup, "http", port, allowPrivate, Duration.ofSeconds(3),
                SSLContext.getDefault().getSocketFactory());
    }

    private ProofFailure httpFails(WellKnownFetch f, String domain, VerificationKey k) {
        return failure(Ownership.Method.HTTP, assertThrows(OwnershipProofException.class, () -> DomainRecords
                .requireRecordFor(Ownership.Method.HTTP, domain, List.of(f.fetch(domain).strip()), k)));
    }

    @Test
    void httpNeedsThePlainWellKnownFileNamingTheKey() throws Exception {
        dns.serve(Map.of());
        WellKnownFetch f = fetch(true, web.port());
        web.put("good.example.test", record(key) + "\n");
        web.put("other.example.test", record(other));
        web.answer("moved.example.test", new WellKnownServer.Answer(302,
                Map.of("Location", "http://good.example.test" + WellKnownFetch.PATH), new byte[0]));
        web.answer("big.example.test", new WellKnownServer.Answer(200, Map.of(),
                (record(key) + " ".repeat(WellKnownFetch.MAX_BODY)).getBytes(StandardCharsets.UTF_8)));
        web.answer("binary.example.test", new WellKnownServer.Answer(200, Map.of(), new byte[] {(byte) 0xff, 0x00}));
        DomainRecords.requireRecordFor(Ownership.Method.HTTP, "good", List.of(f.fetch("good.example.test").strip()),
                key.verificationKey());
        assertEquals(ProofFailure.OTHER_KEY, httpFails(f, "other.example.test", key.verificationKey()));
        assertEquals(ProofFailure.FETCH_FAILED, httpFails(f, "moved.example.test", key.verificationKey()));
        assertEquals(ProofFailure.FETCH_FAILED, httpFails(f, "big.example.test", key.verificationKey()));
        assertEquals(ProofFailure.FETCH_FAILED, httpFails(f, "binary.example.test", key.verificationKey()));
        assertEquals(ProofFailure.FETCH_FAILED, httpFails(f, "absent.example.test", key.verificationKey()));
        assertEquals(ProofFailure.LOOKUP_FAILED, httpFails(f, "nxdomain.invalid", key.verificationKey()));
    }

    @Test
    void privateAndLoopbackAddressesAreNotFetchedUnlessAllowed() throws Exception {
        dns.serve(Map.of());
        web.put("good.example.test", record(key));
        WellKnownFetch strict = fetch(false, web.port());
        assertEquals(ProofFailure.ADDRESS_REFUSED, httpFails(strict, "good.example.test", key.verificationKey()));
        assertEquals(ProofFailure.ADDRESS_REFUSED, httpFails(strict, "x.private.test", key.verificationKey()));
        // a public address passes the address rule, then fails to connect (TEST-NET-1 is unroutable)
        WellKnownFetch quick = new WellKnownFetch(lookup, "http", web.port(), false, Duration.ofMillis(500),
                SSLContext.getDefault().getSocketFactory());
        assertEquals(ProofFailure.FETCH_FAILED, httpFails(quick, "x.public.test", key.verificationKey()));
        for (String a : List.of("127.0.0.1", "10.0.0.1", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "::1", "fc00::1", "fe80::1", "224.0.0.1")) {
            assertEquals(false, PublicAddresses.isPublic(InetAddress.getByName(a)), a);
        }
        for (String a : List.of("93.184.215.14", "140.82.112.3", "2606:4700::1111")) {
            assertEquals(true, PublicAddresses.isPublic(InetAddress.getByName(a)), a);
        }
    }

    @Test
    void httpsIsVerifiedAgainstTheDomainWhileConnectingToTheCheckedAddress() throws Exception {
        dns.serve(Map.of());
        try (TlsWellKnownServer tls = new TlsWellKnownServer("tls.example.test", record(key))) {
            WellKnownFetch https = new WellKnownFetch(lookup, "https", tls.port(), true, Duration.ofSeconds(3),
                    tls.clientTls());
            DomainRecords.requireRecordFor(Ownership.Method.HTTP, "tls", List.of(https.fetch("tls.example.test")),
                    key.verificationKey());
            // same address, same server: a certificate for another name does not prove this one
            assertEquals(ProofFailure.FETCH_FAILED, httpFails(https, "other.example.test", key.verificationKey()));
            // the JDK's own trust store does not trust the test certificate
            WellKnownFetch publicTrust = new WellKnownFetch(lookup, "https", tls.port(), true, Duration.ofSeconds(3),
                    SSLContext.getDefault().getSocketFactory());
            assertEquals(ProofFailure.FETCH_FAILED, httpFails(publicTrust, "tls.example.test", key.verificationKey()));
        }
    }

    @Test
    void aServerThatNeverAnswersFailsWithinTheDeadline() throws Exception {
        dns.serve(Map.of());
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            WellKnownFetch f = new WellKnownFetch(lookup, "http", silent.getLocalPort(), true, Duration.ofMillis(700),
                    SSLContext.getDefault().getSocketFactory());
            long start = System.nanoTime();
            assertEquals(ProofFailure.FETCH_FAILED, httpFails(f, "slow.example.test", key.verificationKey()));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(3)) < 0);
        }
    }

    @Test
    void theDnsServerSettingIsHostAndPort() {
        assertEquals(5353, DnsLookup.socketAddress("127.0.0.1:5353").getPort());
        assertEquals(53, DnsLookup.socketAddress("127.0.0.1").getPort());
        assertEquals(5353, DnsLookup.socketAddress("[::1]:5353").getPort());
        assertThrows(IllegalArgumentException.class, () -> DnsLookup.socketAddress("127.0.0.1:0"));
        assertThrows(IllegalArgumentException.class, () -> DnsLookup.socketAddress("127.0.0.1:x"));
    }

    private GithubOidc verifier(String audience) {
        return new GithubOidc(oidc.issuer(), oidc.jwksUrl(), audience, Duration.ofSeconds(30), Clock.systemUTC());
    }

    private ProofFailure oidcFails(String owner, String token) {
        return failure(Ownership.Method.GITHUB_OIDC, assertThrows(OwnershipProofException.class,
                () -> verifier(OidcIssuer.AUDIENCE).check(Ownership.githubOidc(owner, token))));
    }

    private String token(UnaryOperator<JWTClaimsSet.Builder> change) {
        return oidc.token("acme", change);
    }

    @Test
    void githubOidcAcceptsOnlyTheIssuersFreshTokenForTheOwner() throws Exception {
        GithubOidc.Accepted ok = verifier(OidcIssuer.AUDIENCE).check(Ownership.githubOidc("ACME", oidc.token("acme")));
        assertEquals(oidc.issuer(), ok.issuer());
        Instant now = Instant.now();
        assertEquals(ProofFailure.TOKEN_SIGNATURE, oidcFails("acme", oidc.signedBy(OidcIssuer.otherKey(), "acme")));
        assertEquals(ProofFailure.TOKEN_SIGNATURE, oidcFails("acme", oidc.hmacForgery("acme")));
        assertEquals(ProofFailure.TOKEN_ISSUER, oidcFails("acme", token(b -> b.issuer("https://evil.example"))));
        assertEquals(ProofFailure.TOKEN_AUDIENCE, oidcFails("acme", token(b -> b.audience("someone-else"))));
        assertEquals(ProofFailure.TOKEN_AUDIENCE, oidcFails("acme", token(b -> b.audience(List.of()))));
        assertEquals(ProofFailure.TOKEN_TIME, oidcFails("acme",
                token(b -> b.expirationTime(Date.from(now.minusSeconds(120))))));
        assertEquals(ProofFailure.TOKEN_TIME, oidcFails("acme",
                token(b -> b.notBeforeTime(Date.from(now.plusSeconds(600))))));
        assertEquals(ProofFailure.TOKEN_TIME, oidcFails("acme",
                token(b -> b.issueTime(Date.from(now.plusSeconds(600))))));
        assertEquals(ProofFailure.TOKEN_OWNER, oidcFails("acme", oidc.token("evil-corp")));
        assertEquals(ProofFailure.TOKEN_OWNER, oidcFails("acme", token(b -> b.claim("repository_owner", null))));
        assertEquals(ProofFailure.TOKEN_MALFORMED, oidcFails("acme", token(b -> b.jwtID(null))));
        assertEquals(ProofFailure.TOKEN_MALFORMED, oidcFails("acme", token(b -> b.expirationTime(null))));
        assertEquals(ProofFailure.TOKEN_AUDIENCE, failure(Ownership.Method.GITHUB_OIDC, assertThrows(
                OwnershipProofException.class, () -> verifier("toolseal").check(
                        Ownership.githubOidc("acme", oidc.token("acme"))))));
    }

    @Test
    void anUnreachableKeySetIsReportedAsSuch() {
        GithubOidc unreachable = new GithubOidc(oidc.issuer(), "http://127.0.0.1:9/jwks", OidcIssuer.AUDIENCE,
                Duration.ofSeconds(30), Clock.systemUTC());
        assertEquals(ProofFailure.JWKS_UNAVAILABLE, failure(Ownership.Method.GITHUB_OIDC, assertThrows(
                OwnershipProofException.class, () -> unreachable.check(Ownership.githubOidc("acme", oidc.token("acme"))))));
    }
}

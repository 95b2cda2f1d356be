package dev.toolseal.verifier.attest;

import static dev.toolseal.verifier.attest.Fixtures.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.keys.KeyAlgorithm;
import dev.toolseal.verifier.keys.SigningKey;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OwnershipTest {
  private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";

  @Test
  void dnsCoversTheDomainAndItsSubdomainsHttpOnlyTheDomain() {
    Ownership dns = Ownership.dns("example.com");
    Ownership http = Ownership.http("example.com");
    for (String ns : List.of("com.example", "assessor:example.com")) {
      assertTrue(dns.covers(ns), ns);
      assertTrue(http.covers(ns), ns);
    }
    for (String ns : List.of("com.example.team", "assessor:audits.example.com")) {
      assertTrue(dns.covers(ns), ns);
      assertFalse(http.covers(ns), ns);
    }
    for (String ns : List.of("com.examples", "com.other", "com", "example.com",
        "com.xexample", "assessor:example.org", "assessor:com.example", "io.github.example")) {
      assertFalse(dns.covers(ns), ns);
      assertFalse(http.covers(ns), ns);
    }
    assertTrue(Ownership.dns("team.example.com").covers("com.example.team"));
    assertFalse(Ownership.dns("team.example.com").covers("com.example"));
  }

  @Test
  void githubOidcCoversExactlyTheOwnersNamespaceWithoutCase() {
    Ownership o = Ownership.githubOidc("Acme", TOKEN);
    assertTrue(o.covers("io.github.acme"));
    assertTrue(o.covers("io.github.ACME"));
    assertFalse(o.covers("io.github.acme.team"));
    assertFalse(o.covers("io.github.acmex"));
    assertFalse(o.covers("com.acme"));
    assertFalse(o.covers("assessor:acme"));
    assertEquals("github.com/Acme", o.shown());
  }

  @Test
  void domainsUnderGithubIoAndMalformedProofsAreRefused() {
    for (String d : List.of("github.io", "acme.github.io", "Example.com", "com", "-a.com",
        "a..com", "a_b.com", "x".repeat(64) + ".com")) {
      assertThrows(IllegalArgumentException.class, () -> Ownership.dns(d), d);
    }
    assertThrows(IllegalArgumentException.class, () -> Ownership.githubOidc("acme", "not a jwt"));
    assertThrows(IllegalArgumentException.class, () -> Ownership.githubOidc("a/b", TOKEN));
    assertThrows(IllegalArgumentException.class,
        () -> new Ownership(Ownership.Method.DNS, "example.com", Optional.of(TOKEN)));
    assertThrows(IllegalArgumentException.class,
        () -> new Ownership(Ownership.Method.GITHUB_OIDC, "acme", Optional.empty()));
  }

  @Test
  void theProofTravelsInsideTheSignedBindingAndMustCoverItsNamespace() throws Exception {
    SigningKey k = key(KeyAlgorithm.ED25519);
    KeyBinding b = new KeyBinding("com.example.team", k.verificationKey(), Optional.empty(),
        Optional.of(Ownership.dns("example.com")));
    assertEquals(b, Attestations.verifyKeyBinding(
        Attestations.sign(b.toStatement(), List.of(k))).value());
    KeyBinding gh = new KeyBinding("io.github.acme", k.verificationKey(), Optional.empty(),
        Optional.of(Ownership.githubOidc("acme", TOKEN)));
    assertEquals(gh, Attestations.verifyKeyBinding(
        Attestations.sign(gh.toStatement(), List.of(k))).value());
    assertThrows(IllegalArgumentException.class, () -> new KeyBinding("com.victim",
        k.verificationKey(), Optional.empty(), Optional.of(Ownership.dns("example.com"))));

    for (String bad : List.of("{\"method\":\"dns\",\"domain\":\"attacker.org\"}",
        "{\"method\":\"dns\",\"domain\":\"example.com\",\"extra\":1}",
        "{\"method\":\"email\",\"domain\":\"example.com\"}",
        "{\"method\":\"http\",\"domain\":\"example.com\",\"token\":\"" + TOKEN + "\"}",
        "\"dns:example.com\"")) {
      ObjectNode p = b.toStatement().predicate();
      p.set("ownership", CanonicalJson.mapper().readTree(bad));
      Statement st = Statement.of(b.toStatement().subjects().get(0), KeyBinding.PREDICATE_TYPE, p);
      assertThrows(PredicateFormatException.class,
          () -> Attestations.verifyKeyBinding(Attestations.sign(st, List.of(k))), bad);
    }
  }

  @Test
  void reverseDnsNamespacesNameTheirDomain() {
    assertEquals(Optional.of("team.example.com"), Ownership.domainOf("com.example.team"));
    assertEquals(Optional.of("example.com"), Ownership.domainOf("com.Example"));
    assertEquals(Optional.empty(), Ownership.domainOf("com"));
    assertEquals(Optional.empty(), Ownership.domainOf("com.my_team"));
  }
}

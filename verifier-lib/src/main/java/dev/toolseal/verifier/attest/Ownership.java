package dev.toolseal.verifier.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.attest.CanonicalJson.JsonException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a key binding proves that its signer controls the namespace it binds (the {@code ownership}
 * field of a key binding predicate). The registry checks the proof when it accepts the binding and
 * logs it inside the binding; see docs/design/roots-of-trust.md.
 *
 * <ul>
 *   <li>{@code {"method": "dns", "domain": "example.com"}}: a TXT record on the domain's apex
 *       holds {@code v=MCPv1; k=ed25519; p=<base64 of the raw 32-byte key>}, the official MCP
 *       registry's record. Covers {@code com.example}, every {@code com.example.*}, {@code
 *       assessor:example.com} and every {@code assessor:*.example.com}.
 *   <li>{@code {"method": "http", "domain": "example.com"}}: the same record served at {@code
 *       https://example.com/.well-known/mcp-registry-auth}. Covers exactly {@code com.example}
 *       and {@code assessor:example.com}.
 *   <li>{@code {"method": "github-oidc", "owner": "acme", "token": "<compact JWT>"}}: a GitHub
 *       Actions OIDC token whose {@code repository_owner} is the owner. Covers exactly {@code
 *       io.github.acme} (GitHub owners compare without case).
 * </ul>
 *
 * <p>{@code io.github.*} namespaces can only be proven with {@code github-oidc}: a domain under
 * {@code github.io} is refused for the domain methods.
 *
 * @param method the method
 * @param subject the proven domain (lowercase, for {@code dns} and {@code http}) or GitHub owner
 * @param token the OIDC token, present exactly for {@code github-oidc}
 */
public record Ownership(Method method, String subject, Optional<String> token) {
  /** Largest accepted OIDC token, in characters. */
  public static final int MAX_TOKEN_CHARS = 8192;

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,38})");
  private static final Pattern JWT =
      Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
  private static final String ASSESSOR = "assessor:";
  private static final String GITHUB = "io.github.";

  /** How ownership is proven. */
  public enum Method {
    DNS("dns"),
    HTTP("http"),
    GITHUB_OIDC("github-oidc");

    private final String wireName;

    Method(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    static Method fromWireName(String s) throws JsonException {
      for (Method m : values()) {
        if (m.wireName.equals(s)) {
          return m;
        }
      }
      throw new JsonException("ownership.method is not dns, http or github-oidc");
    }
  }

  public Ownership {
    if (method == null || subject == null || token == null) {
      throw new IllegalArgumentException("method, subject and token must not be null");
    }
    if (method == Method.GITHUB_OIDC) {
      if (!OWNER.matcher(subject).matches()) {
        throw new IllegalArgumentException("a GitHub owner is 1..39 letters, digits and '-'");
      }
      String t = token.orElseThrow(
          () -> new IllegalArgumentException("a github-oidc proof carries its token"));
      if (t.length() > MAX_TOKEN_CHARS || !JWT.matcher(t).matches()) {
        throw new IllegalArgumentException("the token is not a compact JWT of at most "
            + MAX_TOKEN_CHARS + " characters");
      }
    } else {
      if (!isDomain(subject)) {
        throw new IllegalArgumentException("a domain is lowercase LDH labels, at least two");
      }
      if (subject.equals("github.io") || subject.endsWith(".github.io")) {
        throw new IllegalArgumentException("domains under github.io prove only with github-oidc");
      }
      if (token.isPresent()) {
        throw new IllegalArgumentException("only a github-oidc proof carries a token");
      }
    }
  }

  /** A DNS TXT proof for {@code domain}. */
  public static Ownership dns(String domain) {
    return new Ownership(Method.DNS, domain, Optional.empty());
  }

  /** A well-known HTTP file proof for {@code domain}. */
  public static Ownership http(String domain) {
    return new Ownership(Method.HTTP, domain, Optional.empty());
  }

  /** A GitHub Actions OIDC token proof for {@code owner}. */
  public static Ownership githubOidc(String owner, String token) {
    return new Ownership(Method.GITHUB_OIDC, owner, Optional.of(token));
  }

  /** Whether {@code s} is a lowercase host name of at least two LDH labels, 253 chars at most. */
  public static boolean isDomain(String s) {
    if (s == null || s.length() > 253) {
      return false;
    }
    String[] labels = s.split("\\.", -1);
    if (labels.length < 2) {
      return false;
    }
    for (String l : labels) {
      if (!LABEL.matcher(l).matches()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The domain a publisher namespace names in reverse-DNS form ({@code com.example.team} names
   * {@code team.example.com}), lowercased, if it is a domain at all.
   */
  public static Optional<String> domainOf(String publisherNamespace) {
    String[] labels = publisherNamespace.toLowerCase(Locale.ROOT).split("\\.", -1);
    StringBuilder b = new StringBuilder();
    for (int i = labels.length - 1; i >= 0; i--) {
      b.append(labels[i]);
      if (i > 0) {
        b.append('.');
      }
    }
    String d = b.toString();
    return isDomain(d) ? Optional.of(d) : Optional.empty();
  }

  /** Whether this proof, once checked, shows control of {@code namespace}. */
  public boolean covers(String namespace) {
    boolean assessor = namespace.startsWith(ASSESSOR);
    if (method == Method.GITHUB_OIDC) {
      return !assessor && namespace.regionMatches(true, 0, GITHUB, 0, GITHUB.length())
          && namespace.substring(GITHUB.length()).equalsIgnoreCase(subject);
    }
    Optional<String> named;
    if (assessor) {
      String d = namespace.substring(ASSESSOR.length());
      named = isDomain(d) ? Optional.of(d) : Optional.empty();
    } else {
      if (namespace.regionMatches(true, 0, GITHUB, 0, GITHUB.length())) {
        return false;
      }
      named = domainOf(namespace);
    }
    if (named.isEmpty()) {
      return false;
    }
    String d = named.get();
    return d.equals(subject) || (method == Method.DNS && d.endsWith("." + subject));
  }

  /** The domain a namespace proven over DNS or HTTP shows on pages, else the GitHub owner. */
  public String shown() {
    return method == Method.GITHUB_OIDC ? "github.com/" + subject : subject;
  }

  ObjectNode toJson() {
    ObjectNode o = Predicates.object();
    o.put("method", method.wireName());
    if (method == Method.GITHUB_OIDC) {
      o.put("owner", subject);
      o.put("token", token.orElseThrow());
    } else {
      o.put("domain", subject);
    }
    return o;
  }

  static Ownership fromJson(JsonNode value) throws JsonException {
    if (value == null || !value.isObject() || !value.path("method").isTextual()) {
      throw new JsonException("ownership must be an object with a method");
    }
    Method m = Method.fromWireName(value.get("method").textValue());
    try {
      if (m == Method.GITHUB_OIDC) {
        JsonFields f = JsonFields.of(value, "ownership", Set.of("method", "owner", "token"));
        return githubOidc(f.text("owner", 39), f.text("token", MAX_TOKEN_CHARS));
      }
      JsonFields f = JsonFields.of(value, "ownership", Set.of("method", "domain"));
      return new Ownership(m, f.text("domain", 253), Optional.empty());
    } catch (IllegalArgumentException e) {
      throw new JsonException("ownership: " + e.getMessage());
    }
  }
}

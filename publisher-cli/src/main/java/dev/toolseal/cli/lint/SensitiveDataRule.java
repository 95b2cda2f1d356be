package dev.toolseal.cli.lint;

import java.util.List;

/**
 * {@code sensitive-data}: text that points at secrets or at the conversation. High anywhere:
 * SSH keys ({@code ~/.ssh}, {@code id_rsa}), {@code .env} and other credential files, MCP client
 * configuration files, the model's system prompt. High in a parameter (its name, description or
 * other schema text): conversation or chat history and previous messages. Medium in a
 * parameter: passwords, API keys, secrets, private keys, credentials and access tokens (page and
 * continuation tokens are not flagged).
 */
final class SensitiveDataRule extends PhraseRule {
  private static final List<Phrase> PHRASES = List.of(
      Phrase.of("~/\\.ssh\\b|\\.ssh/|\\bid_(rsa|dsa|ecdsa|ed25519)\\b|\\bauthorized_keys\\b",
          Severity.HIGH, "points at SSH keys"),
      Phrase.of("(^|[\\s/\"'`(=:])\\.env(\\.[a-z]+)?($|[^\\w])", Severity.HIGH,
          "points at a .env file"),
      Phrase.of("\\.aws/credentials|\\.netrc\\b|\\.npmrc\\b|\\.pypirc\\b|\\.git-credentials"
          + "|\\.docker/config\\.json|\\.kube/config|\\.gnupg\\b|/etc/shadow\\b|/etc/passwd\\b"
          + "|\\bwallet\\.dat\\b|\\.config/gh/hosts", Severity.HIGH, "points at a credential file"),
      Phrase.of("\\bmcp\\.json\\b|claude_desktop_config|\\.cursor/|\\.vscode/mcp|\\.codeium/"
          + "|\\.claude\\.json", Severity.HIGH, "points at an MCP client configuration file"),
      Phrase.of("\\b(your|the|my|assistant'?s?|model'?s?) system (prompt|instructions|message)s?"
          + "\\b", Severity.HIGH, "asks for the system prompt"),
      Phrase.ofParameter("\\bsystem (prompt|instructions?|message)s?\\b", Severity.HIGH,
          "asks for the system prompt"),
      Phrase.ofParameter("\\b(conversation|chat|dialog|dialogue|message) (history|log|logs"
          + "|transcript|so far)\\b|\\b(previous|prior|earlier|past|preceding|all|entire) (user "
          + "|chat |conversation )?messages\\b|\\b(this|the current|the whole|the entire|the full"
          + "|our) (conversation|chat)\\b", Severity.HIGH, "asks for the conversation"),
      Phrase.ofParameter("\\bpass(word|wd|phrase|code)s?\\b", Severity.MEDIUM,
          "asks for a password"),
      Phrase.ofParameter("\\bapi ?keys?\\b|\\bprivate ?keys?\\b|\\bsecret keys?\\b"
          + "|\\bseed phrase\\b|\\bmnemonic\\b", Severity.MEDIUM, "asks for a key"),
      Phrase.ofParameter("\\bsecrets?\\b|\\bcredentials?\\b", Severity.MEDIUM,
          "asks for credentials"),
      Phrase.ofParameter("\\b(access|auth|api|bearer|session|refresh|oauth|id|personal access"
          + "|github|gitlab|slack|secret|jwt|security) ?tokens?\\b|^(token|auth|authorization"
          + "|cookies?|bearer|jwt)$", Severity.MEDIUM, "asks for a token"));

  @Override
  public String id() {
    return "sensitive-data";
  }

  @Override
  List<Phrase> phrases() {
    return PHRASES;
  }
}

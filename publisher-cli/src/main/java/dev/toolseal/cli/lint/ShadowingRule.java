package dev.toolseal.cli.lint;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code shadowing}: text that reaches beyond its own server, as tool-shadowing attacks do
 * (a tool description that changes how the model uses another server's tools). High: behaviour
 * conditioned on a tool being available, and references to other servers' tools. Medium: other
 * servers in general, "all other tools", replacing other tools, and a named tool
 * ({@code the send_email tool}, {@code mcp__mail__send}) that this server does not provide.
 * Naming this server's own tools is normal and not flagged.
 */
final class ShadowingRule extends PhraseRule {
  private static final List<Phrase> PHRASES = List.of(
      Phrase.of("\\b(when|if|while|whenever|once) (this|the|that) (tool|server|function) is "
          + "(available|present|installed|loaded|enabled|active|connected|registered)\\b",
          Severity.HIGH, "conditions behaviour on a tool being available"),
      Phrase.of("\\b(other|another|different|third party|third-party|external) (mcp )?"
          + "servers?'?s? tools?\\b|\\btools? (of|from|on|in|provided by|exposed by) (other"
          + "|another|different|any other|all other) (mcp )?servers?\\b", Severity.HIGH,
          "refers to the tools of other servers"),
      Phrase.of("\\b(other|another|different) (mcp )?servers?\\b|\\b(all|any|every) other "
          + "(mcp )?servers?\\b", Severity.MEDIUM, "refers to other servers"),
      Phrase.of("\\b(all|any|every) other tools?\\b", Severity.MEDIUM,
          "refers to all other tools"),
      Phrase.of("\\b(instead of|rather than|in place of|overrides?|replaces?|supersedes?) (the "
          + "|any |all )?(other |existing |built-in |builtin |default )tools?\\b",
          Severity.MEDIUM, "claims to replace other tools"));

  /**
   * {@code [the] <name with _ - or .> tool}, or an MCP client's qualified tool name. Bounded
   * repetitions keep the work per position constant, so matching stays linear in the text.
   */
  private static final Pattern NAMED_TOOL = Pattern.compile(
      "[`'\"]?\\b([a-z][a-z0-9]{0,63}(?:[_.-][a-z0-9]{1,64}){1,8})\\b[`'\"]? (?:tool|function)"
          + "\\b|\\b(mcp__[a-z0-9_-]{1,128})");

  @Override
  public String id() {
    return "shadowing";
  }

  @Override
  List<Phrase> phrases() {
    return PHRASES;
  }

  @Override
  void more(TextSite site, LintContext context, ModelView text, List<LintFinding> out) {
    if (site.isName()) {
      return;
    }
    Matcher m = NAMED_TOOL.matcher(text.normalized());
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      if (!context.ownNames().contains(name)) {
        out.add(text.finding(id(), Severity.MEDIUM,
            "names a tool this server does not provide", m.start(), m.end()));
        return;
      }
    }
  }
}

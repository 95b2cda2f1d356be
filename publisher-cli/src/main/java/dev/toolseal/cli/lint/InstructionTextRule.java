package dev.toolseal.cli.lint;

import java.util.List;

/**
 * {@code instruction-text}: text that addresses the model instead of describing the tool, as
 * tool-poisoning attacks do: pseudo-markup such as {@code <IMPORTANT>}, asking to keep things
 * from the user, to ignore earlier instructions, to read or send something before using a tool,
 * or to act secretly. High, except the weaker urgency phrases, which are medium.
 */
final class InstructionTextRule extends PhraseRule {
  private static final List<Phrase> PHRASES = List.of(
      Phrase.of("<\\s*/?\\s*(important|system|instructions?|secret|hidden|admin|critical|note"
          + "|context)\\b[^<>]{0,40}>", Severity.HIGH, "markup addressed to the model"),
      Phrase.of("\\b(do not|don't|dont|never|must not|mustn't) (tell|inform|mention|notify|alert"
          + "|reveal|show|say|disclose)\\b[^.]{0,40}\\buser\\b", Severity.HIGH,
          "asks to keep something from the user"),
      Phrase.of("\\bwithout (telling|informing|notifying|alerting|asking|showing|letting)\\b"
          + "[^.]{0,20}\\buser\\b", Severity.HIGH, "asks to act behind the user's back"),
      Phrase.of("\\b(the )?user (must|should|does|will|may) (not|never) (know|see|notice|be told"
          + "|find out|be informed)\\b", Severity.HIGH, "asks to keep something from the user"),
      Phrase.of("\\b(ignore|disregard|forget|override) (all |any )?(of )?(the |your )?(previous"
          + "|prior|above|earlier|preceding|other|system) (instructions|prompts?|messages|rules"
          + "|directions|guidelines)\\b", Severity.HIGH, "asks to ignore other instructions"),
      Phrase.of("\\bbefore (using|calling|invoking|running|executing) (this|any|the|each|every"
          + "|other) (tool|function)s?\\b[^.]{0,80}\\b(read|open|cat|load|send|include|pass"
          + "|fetch|upload|copy|attach)\\b", Severity.HIGH,
          "asks to fetch or pass something before using a tool"),
      Phrase.of("\\byou (must|have to|need to|should) (always |first |also )?(read|send|include"
          + "|pass|forward|upload|attach|copy)\\b[^.]{0,40}\\b(files?|contents?|keys?|passwords?"
          + "|tokens?|history|secrets?|credentials?|messages?|prompts?)\\b", Severity.HIGH,
          "tells the model to hand over data"),
      Phrase.of("\\b(secretly|covertly|quietly|silently|discreetly) (send|forward|copy|upload"
          + "|include|add|read|pass|exfiltrate|call|bcc|cc)\\b", Severity.HIGH,
          "asks to act secretly"),
      Phrase.of("\\bdo not (ask|wait) (the user )?for (permission|confirmation|approval)\\b",
          Severity.HIGH, "asks to skip the user's approval"),
      Phrase.of("\\b(very|extremely|critically|vitally) important\\b", Severity.MEDIUM,
          "urgency addressed to the model"),
      Phrase.of("\\b(otherwise|or else) (the )?(tool|application|system|server|this) (will )?"
          + "(crash|fail|break|not work|stop working)\\b", Severity.MEDIUM,
          "pressure addressed to the model"),
      Phrase.of("\\byou are now\\b|\\bnew instructions\\b", Severity.MEDIUM,
          "re-instructs the model"));

  @Override
  public String id() {
    return "instruction-text";
  }

  @Override
  List<Phrase> phrases() {
    return PHRASES;
  }
}

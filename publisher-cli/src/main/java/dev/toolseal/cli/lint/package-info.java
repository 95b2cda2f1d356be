/**
 * The assessor's linter: rules over every text of a tool manifest that find what hides text
 * from people or steers the model. Rules (ids as shown in findings): {@code tag-characters},
 * {@code bidi-control}, {@code ansi-escape}, {@code invisible-characters}, {@code
 * variation-selectors}, {@code replacement-character}, {@code whitespace-run}, {@code
 * instruction-text}, {@code shadowing}, {@code sensitive-data}; each class comment gives what it
 * matches and its severity.
 *
 * <p>A {@link dev.toolseal.cli.lint.LintFinding} names the rule, a {@link
 * dev.toolseal.cli.lint.Severity}, the manifest part ({@code tool:add}), an RFC 6901 pointer into
 * the part and into the stored manifest document, and the text with hidden characters spelled
 * out ({@code VisibleText}); {@link dev.toolseal.cli.lint.LintReport#toReviewFindings} turns them
 * into review findings. Example: {@code LinterTest}.
 */
package dev.toolseal.cli.lint;

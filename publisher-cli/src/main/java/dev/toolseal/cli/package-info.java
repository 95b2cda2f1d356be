/**
 * The {@code toolseal} command line: {@link dev.toolseal.cli.Main#run} parses the arguments
 * (picocli), runs one subcommand and returns an {@link dev.toolseal.cli.ExitCode}; nothing but
 * {@code main} exits. Subcommands ({@code keygen}, {@code snapshot}, {@code lint}, {@code
 * diff}, {@code sign}, {@code review}, {@code inspect}) are thin adapters over verifier-lib and {@code
 * dev.toolseal.cli.lint}: results on stdout, as text or with {@code --output json} as exactly
 * one JSON document; diagnostics on stderr. Files written: PEM keys (private 0600), DSSE
 * envelopes and manifests in their canonical JSON. Examples: {@code SignReviewInspectTest},
 * {@code SnapshotCommandTest}.
 */
package dev.toolseal.cli;

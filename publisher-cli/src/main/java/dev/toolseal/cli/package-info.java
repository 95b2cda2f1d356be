/**
 * The {@code toolseal} command line: {@link dev.toolseal.cli.Main#run} parses the arguments
 * (picocli), runs one subcommand and returns an {@link dev.toolseal.cli.ExitCode}; nothing but
 * {@code main} exits. Subcommands ({@code keygen}, {@code snapshot}, {@code lint}, {@code
 * diff}, {@code sign}, {@code review}, {@code inspect}, {@code guard}) are thin adapters over verifier-lib,
 * {@code dev.toolseal.cli.lint} and {@code dev.toolseal.cli.guard}: results on stdout, as text or with {@code --output json} as exactly
 * one JSON document; diagnostics on stderr. Files written: PEM keys (private 0600), DSSE
 * envelopes and manifests in their canonical JSON. Examples: {@code SignReviewInspectTest},
 * {@code SnapshotCommandTest}, {@code GuardEnforcementTest}.
 */
package dev.toolseal.cli;

/**
 * The {@code toolseal} command line: {@link dev.toolseal.cli.Main#run} parses the arguments
 * (picocli), runs one subcommand and returns an {@link dev.toolseal.cli.ExitCode}; nothing but
 * {@code main} exits. The subcommands are the ones {@code Main}'s {@code @Command} declares (and
 * {@code toolseal --help} lists); each is a thin adapter over verifier-lib, {@code
 * dev.toolseal.cli.lint} or {@code dev.toolseal.cli.guard}: results on stdout, as text or with
 * {@code --output json} as exactly one JSON document (except {@code guard}, whose stdout is the
 * MCP stream); diagnostics on stderr. Files written: PEM keys (private 0600), DSSE
 * envelopes and manifests in their canonical JSON. Examples: {@code SignReviewInspectTest},
 * {@code SnapshotCommandTest}, {@code GuardEnforcementTest}.
 */
package dev.toolseal.cli;

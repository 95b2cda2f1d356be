/**
 * Raw capture of what an MCP server says, over the official MCP Java SDK.
 *
 * <p>ToolSeal signs the raw JSON-RPC result objects of {@code initialize} (for a modern server:
 * {@code server/discover}), {@code tools/list}, {@code prompts/list}, {@code resources/list} and
 * {@code resources/templates/list}, never the
 * SDK's typed records (which drop unknown members). {@link dev.toolseal.verifier.mcp.RecordingTransport}
 * wraps the SDK's stdio or streamable HTTP transport and taps the text of every incoming
 * message before the SDK parses it; {@link dev.toolseal.verifier.mcp.RawSession} runs the real
 * SDK client over it and pages through every list; {@link dev.toolseal.verifier.mcp.McpRecorder}
 * returns one {@link dev.toolseal.verifier.mcp.RawSnapshot}; a {@link
 * dev.toolseal.verifier.mcp.RawTrafficListener} observes incoming traffic live. (The gate does
 * not use this capture: it runs on the engine in {@code dev.toolseal.verifier.relay}.)
 *
 * <p>Protocol eras (docs/design/eras.md, section 1): {@link dev.toolseal.verifier.mcp.McpRecorder}
 * first sends {@code server/discover} with the 2026-07-28 ("modern") request {@code _meta} (or,
 * when the reference was recorded legacy, {@code initialize} first). A modern server is recorded
 * with the recorder's own requests, without the SDK client (which does not speak 2026-07-28):
 * over stdio through the same {@code RecordingTransport} and server process, over streamable
 * HTTP with {@code java.net.http}; the snapshot then holds the raw {@code server/discover}
 * result instead of the {@code initialize} result. A legacy server (an error, or no answer within
 * {@link dev.toolseal.verifier.mcp.RecordingLimits#probeTimeout()}) is recorded through the SDK
 * client as before, on the same stdio process.
 *
 * <p>Wire format: JSON-RPC 2.0 per the MCP specification, newline-delimited over stdio or
 * streamable HTTP. Every incoming message is parsed strictly (duplicate members, unpaired
 * surrogates and trailing data are refused; numbers keep their exact decimal form) into
 * Jackson 2 trees; every failure is a {@link dev.toolseal.verifier.mcp.McpRecordingException}
 * with a reason and evidence. A refused message never reaches the SDK client.
 *
 * <p>Example: {@code RugPullVariantsTest} records the rug-pull test server in each variant and
 * shows where each snapshot differs from the baseline. Design notes: docs/design/mcp-capture.md.
 */
package dev.toolseal.verifier.mcp;

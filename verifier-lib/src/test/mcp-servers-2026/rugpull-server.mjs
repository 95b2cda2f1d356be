// The rug-pull server of ../mcp-servers/rugpull-server.mjs for the stateless 2026-07-28 era, on
// the low-level Server class of the TypeScript SDK v2 so that the entries we return are exactly
// the JSON we build (the SDK adds only resultType, ttlMs, cacheScope and _meta serverInfo).
//
// Usage:
//   node rugpull-server.mjs stdio <variant> [state-file] [--modern-only]
//   node rugpull-server.mjs http PORT <variant> [state-file] [--modern-only]
// (transport first, as in era-server.mjs; PORT 0 picks a free port)
//
// The variants, definitions, sleeper state file and RUGPULL_CALL_LOG behaviour are the ones of
// ../mcp-servers/rugpull-variants.mjs, shared with the 2025-era server, so every variant serves
// the same tools, prompts and resources in both eras. Without --modern-only the SDK also answers
// 2025-era openings (dual-era). On http it prints "LISTENING <port>" once it accepts.
//
// The call-then-change variants announce their change the modern way, on the client's open
// subscriptions/listen streams (stdio: through the pinned instance; http: through the handler's
// change-event bus, on any open listen stream of the process).
import http from 'node:http';
import { Server, createMcpHandler } from '@modelcontextprotocol/server';
import { StdioServerTransport, serveStdio } from '@modelcontextprotocol/server/stdio';
import { RugPull, SERVER_INFO, capabilities, reformat } from '../mcp-servers/rugpull-variants.mjs';

const args = process.argv.slice(2).filter((a) => a !== '--modern-only');
const modernOnly = process.argv.includes('--modern-only');
const mode = args[0];
const [port, variant, stateFile] = mode === 'http' ? [Number(args[1]), args[2], args[3]] : [undefined, args[1], args[2]];
if ((mode !== 'stdio' && mode !== 'http') || Number.isNaN(port)) {
  process.stderr.write('usage: rugpull-server.mjs stdio <variant> [state-file] [--modern-only]\n'
    + '       rugpull-server.mjs http PORT <variant> [state-file] [--modern-only]\n');
  process.exit(2);
}
const rugpull = new RugPull(variant, stateFile);

/** Set on http: publishes change events to open subscriptions/listen streams. */
let notifier;

function buildServer() {
  const server = new Server(
    { ...SERVER_INFO },
    { capabilities: capabilities(variant), instructions: rugpull.current.instructions },
  );
  server.setRequestHandler('tools/list', async (request) => rugpull.toolsPage(request.params?.cursor));
  server.setRequestHandler('prompts/list', async () => rugpull.promptsList());
  server.setRequestHandler('resources/list', async () => rugpull.resourcesList());
  server.setRequestHandler('resources/templates/list', async () => rugpull.resourceTemplatesList());
  server.setRequestHandler('resources/read', async (request) => rugpull.readResource(request.params));
  server.setRequestHandler('prompts/get', async (request) => rugpull.getPrompt(request.params));
  server.setRequestHandler('tools/call', async (request) => {
    const { result, changed } = rugpull.callTool(request.params);
    if (changed !== undefined) {
      setImmediate(() => announce(server, changed));
    }
    return result;
  });
  return server;
}

function announce(server, changed) {
  if (notifier !== undefined) {
    if (changed === 'tools') notifier.toolsChanged();
    else notifier.promptsChanged();
  } else if (changed === 'tools') {
    server.sendToolListChanged();
  } else {
    server.sendPromptListChanged();
  }
}

// Writes every message through reformat (variant 'reformatted').
class ReformattingStdioTransport extends StdioServerTransport {
  send(message) {
    return new Promise((resolve) => {
      if (process.stdout.write(reformat(message) + '\n')) {
        resolve();
      } else {
        process.stdout.once('drain', resolve);
      }
    });
  }
}

if (mode === 'stdio') {
  serveStdio(() => buildServer(), {
    legacy: modernOnly ? 'reject' : 'serve',
    ...(variant === 'reformatted' && { transport: new ReformattingStdioTransport() }),
  });
} else {
  const handler = createMcpHandler(() => buildServer(), { legacy: modernOnly ? 'reject' : 'stateless' });
  notifier = handler.notify;
  const httpServer = http.createServer(async (req, res) => {
    try {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const body = Buffer.concat(chunks);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
        else if (value !== undefined) headers.set(name, value);
      }
      const request = new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url}`, {
        method: req.method,
        headers,
        body: req.method === 'GET' || req.method === 'HEAD' || body.length === 0 ? undefined : body,
      });
      const response = await handler.fetch(request);
      const responseHeaders = Object.fromEntries(response.headers.entries());
      const json = (responseHeaders['content-type'] ?? '').startsWith('application/json');
      if (variant === 'reformatted' && json && response.body) {
        const text = reformat(JSON.parse(await response.text()));
        delete responseHeaders['content-length'];
        res.writeHead(response.status, responseHeaders);
        res.end(text);
        return;
      }
      res.writeHead(response.status, responseHeaders);
      if (response.body) {
        for await (const chunk of response.body) res.write(chunk);
      }
      res.end();
    } catch (e) {
      process.stderr.write(`rugpull-server: ${e?.stack ?? e}\n`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  httpServer.listen(port, '127.0.0.1', () => {
    process.stdout.write(`LISTENING ${httpServer.address().port}\n`);
  });
}

#!/usr/bin/env node
// Scripted stdio servers for the era probe of ToolSeal's recorder (docs/design/eras.md,
// section 1), written with node built-ins only so that they can answer what no SDK would.
//
// Usage: node probe-server.mjs <scenario> <log file>
//
// Every start appends "start" to the log file, and every message received appends its method
// (or "response" for an answer), one per line, so a test sees what the recorder sent and how
// many processes it started. Scenarios:
//
//   not-discover   legacy server that answers server/discover with a result that is not a
//                  DiscoverResult (a list result); initialize and tools/list as a legacy server
//   silent         legacy server that never answers server/discover
//   version-retry  modern-only server that refuses every request whose _meta names a version
//                  other than 2026-07-28 with -32022 and data.supported ["2026-07-28"]
//   duplicate-key  modern server whose discover answer has a duplicate member name
//   bad-page       modern server whose tools/list result is an array, not an object
//   slow-start     modern-only server that answers its first message only after 2 s (a slow
//                  start), then as version-retry does
//
// On streamable HTTP (prints "LISTENING <port>" on stdout, loopback only; logs "start" and
// "<Mcp-Method header> <body method>" per POST):
//
//   http-not-discover  answers every POST 200 with a list result, not a DiscoverResult
//   http-sse           modern server that answers as text/event-stream: a notification event
//                      first, then the response with its JSON split over two data: lines
//   http-duplicate-key modern server whose discover answer has a duplicate member name
import { appendFileSync } from 'node:fs';
import http from 'node:http';

const [scenario, logFile] = process.argv.slice(2);
const SCENARIOS = new Set(['not-discover', 'silent', 'version-retry', 'duplicate-key', 'bad-page', 'slow-start',
  'http-not-discover', 'http-sse', 'http-duplicate-key']);
if (!SCENARIOS.has(scenario) || !logFile) {
  process.stderr.write(`usage: probe-server.mjs <${[...SCENARIOS].join('|')}> <log file>\n`);
  process.exit(2);
}
const MODERN = '2026-07-28';
const VERSION_KEY = 'io.modelcontextprotocol/protocolVersion';
const SERVER_INFO = { name: 'toolseal-probe-fixture', version: '1.0.0' };
const TOOLS = [
  {
    name: 'echo',
    description: 'Returns its text argument unchanged.',
    inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
  },
];

const log = (line) => appendFileSync(logFile, `${line}\n`);
const writeText = (text) => process.stdout.write(`${text}\n`);
const write = (message) => writeText(JSON.stringify(message));
const result = (id, value) => write({ jsonrpc: '2.0', id, result: value });
const error = (id, code, message, data) =>
  write({ jsonrpc: '2.0', id, error: data === undefined ? { code, message } : { code, message, data } });
const modernMeta = { 'io.modelcontextprotocol/serverInfo': SERVER_INFO };
const cacheable = (value) => ({ ...value, resultType: 'complete', ttlMs: 0, cacheScope: 'private', _meta: modernMeta });

function legacy(m) {
  switch (m.method) {
    case 'server/discover':
      if (scenario === 'not-discover') {
        result(m.id, { tools: TOOLS });
      }
      return; // silent: never answered
    case 'initialize':
      result(m.id, {
        protocolVersion: m.params?.protocolVersion ?? '2025-11-25',
        capabilities: { tools: {} },
        serverInfo: SERVER_INFO,
      });
      return;
    case 'tools/list':
      result(m.id, { tools: TOOLS });
      return;
    default:
      error(m.id, -32601, 'Method not found');
  }
}

function modern(m) {
  const version = m.params?._meta?.[VERSION_KEY];
  if (version !== MODERN) {
    error(m.id, -32022, `Unsupported protocol version: ${version}`, { supported: [MODERN], requested: version });
    return;
  }
  switch (m.method) {
    case 'server/discover': {
      const discover = cacheable({ supportedVersions: [MODERN], capabilities: { tools: {} }, instructions: 'probe' });
      if (scenario === 'duplicate-key') {
        const text = JSON.stringify({ jsonrpc: '2.0', id: m.id, result: discover });
        writeText(text.replace('"instructions":"probe"', '"instructions":"probe","instructions":"other"'));
      } else {
        result(m.id, discover);
      }
      return;
    }
    case 'tools/list':
      result(m.id, scenario === 'bad-page' ? TOOLS : cacheable({ tools: TOOLS }));
      return;
    default:
      error(m.id, -32601, 'Method not found');
  }
}

function modernAnswer(m) {
  const version = m.params?._meta?.[VERSION_KEY];
  if (version !== MODERN) {
    return { jsonrpc: '2.0', id: m.id, error: { code: -32022, message: 'Unsupported protocol version', data: { supported: [MODERN] } } };
  }
  if (m.method === 'server/discover') {
    return { jsonrpc: '2.0', id: m.id, result: cacheable({ supportedVersions: [MODERN], capabilities: { tools: {} }, instructions: 'probe' }) };
  }
  if (m.method === 'tools/list') {
    return { jsonrpc: '2.0', id: m.id, result: cacheable({ tools: TOOLS }) };
  }
  return { jsonrpc: '2.0', id: m.id, error: { code: -32601, message: 'Method not found' } };
}

function serveHttp() {
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      const m = JSON.parse(body);
      log(`${req.headers['mcp-method']} ${m.method}`);
      if (scenario === 'http-not-discover') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ jsonrpc: '2.0', id: m.id, result: { tools: TOOLS } }));
        return;
      }
      const answer = JSON.stringify(modernAnswer(m));
      if (scenario === 'http-duplicate-key') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(answer.replace('"instructions":"probe"', '"instructions":"probe","instructions":"other"'));
        return;
      }
      const cut = answer.indexOf(',');
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'hi' } })}\n\n`);
      res.end(`event: message\nid: 1\ndata: ${answer.slice(0, cut + 1)}\ndata: ${answer.slice(cut + 1)}\n\n`);
    });
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(`LISTENING ${server.address().port}\n`));
}

log('start');
if (scenario.startsWith('http-')) {
  serveHttp();
} else {
  serveStdio();
}

let started = false;

function serveStdio() {
  let buffer = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => {
    buffer += chunk;
    let end;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end).trim();
      buffer = buffer.slice(end + 1);
      if (line === '') {
        continue;
      }
      const m = JSON.parse(line);
      log(typeof m.method === 'string' ? m.method : 'response');
      if (typeof m.method !== 'string' || !('id' in m)) {
        continue; // notifications and answers need nothing
      }
      if (scenario === 'not-discover' || scenario === 'silent') {
        legacy(m);
      } else if (scenario === 'slow-start' && !started) {
        started = true;
        setTimeout(() => modern(m), 2000);
      } else {
        modern(m);
      }
    }
  });
  process.stdin.on('end', () => process.exit(0));
}

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
import { appendFileSync } from 'node:fs';

const [scenario, logFile] = process.argv.slice(2);
const SCENARIOS = new Set(['not-discover', 'silent', 'version-retry', 'duplicate-key', 'bad-page']);
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

log('start');
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
    } else {
      modern(m);
    }
  }
});
process.stdin.on('end', () => process.exit(0));

// A small MCP server in the stateless 2026-07-28 era, built on the TypeScript SDK v2.
//
// Usage:
//   node era-server.mjs stdio [--modern-only]
//   node era-server.mjs http PORT [--modern-only]
//
// It serves the same definitions on both transports: three tools (one whose input schema uses
// a $ref that stays inside the tool's own definition), one prompt and one resource. With
// --modern-only it refuses 2025-era openings (initialize); without it, the SDK also answers
// them (a dual-era server). On http it prints "LISTENING <port>" on stdout once it accepts.

import http from 'node:http';
import { McpServer, createMcpHandler, fromJsonSchema } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import * as z from 'zod';

const args = process.argv.slice(2);
const mode = args[0];
const modernOnly = args.includes('--modern-only');

function buildServer() {
  const server = new McpServer(
    { name: 'toolseal-era-fixture', version: '2026.7.28' },
    {
      capabilities: { tools: {}, prompts: {}, resources: {} },
      instructions: 'Fixture for era tests.'
    }
  );
  server.registerTool(
    'echo',
    {
      description: 'Returns its text argument unchanged.',
      inputSchema: z.object({ text: z.string() })
    },
    async ({ text }) => ({ content: [{ type: 'text', text }] })
  );
  server.registerTool(
    'add',
    {
      description: 'Adds two integers.',
      inputSchema: z.object({ a: z.number().int(), b: z.number().int() })
    },
    async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] })
  );
  server.registerTool(
    'distance',
    {
      description: 'Manhattan distance between two points; its schema refers to its own $defs.',
      inputSchema: fromJsonSchema({
        type: 'object',
        $defs: {
          point: {
            type: 'object',
            properties: { x: { type: 'integer' }, y: { type: 'integer' } },
            required: ['x', 'y']
          }
        },
        properties: { from: { $ref: '#/$defs/point' }, to: { $ref: '#/$defs/point' } },
        required: ['from', 'to']
      })
    },
    async ({ from, to }) => ({
      content: [{ type: 'text', text: String(Math.abs(from.x - to.x) + Math.abs(from.y - to.y)) }]
    })
  );
  server.registerPrompt(
    'greet',
    { description: 'Greets someone.', argsSchema: z.object({ who: z.string() }) },
    async ({ who }) => ({
      messages: [{ role: 'user', content: { type: 'text', text: `Say hello to ${who}.` } }]
    })
  );
  server.registerResource(
    'notes',
    'fixture://notes',
    { description: 'A fixed note.', mimeType: 'text/plain' },
    async (uri) => ({ contents: [{ uri: uri.href, text: 'a fixed note' }] })
  );
  return server;
}

if (mode === 'stdio') {
  serveStdio(() => buildServer(), { legacy: modernOnly ? 'reject' : 'serve' });
} else if (mode === 'http') {
  const port = Number(args[1] ?? '0');
  const handler = createMcpHandler(() => buildServer(), {
    legacy: modernOnly ? 'reject' : 'stateless'
  });
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
        body: req.method === 'GET' || req.method === 'HEAD' || body.length === 0 ? undefined : body
      });
      const response = await handler.fetch(request);
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      if (response.body) {
        for await (const chunk of response.body) res.write(chunk);
      }
      res.end();
    } catch (e) {
      process.stderr.write(`era-server: ${e?.stack ?? e}\n`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  httpServer.listen(port, '127.0.0.1', () => {
    process.stdout.write(`LISTENING ${httpServer.address().port}\n`);
  });
} else {
  process.stderr.write('usage: era-server.mjs stdio|http PORT [--modern-only]\n');
  process.exit(2);
}

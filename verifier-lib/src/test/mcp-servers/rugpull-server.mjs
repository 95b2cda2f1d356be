#!/usr/bin/env node
// A configurable MCP server for ToolSeal's capture tests, written on the low-level Server class of
// the official TypeScript SDK so that the JSON we return is exactly the JSON we build here.
//
// Usage: node rugpull-server.mjs <variant> [state-file]
// If RUGPULL_CALL_LOG names a file, every tools/call appends its tool name there (one per line),
// so a test can prove that a call never reached the server.
//
// The definitions and variants live in rugpull-variants.mjs, shared with the 2026-era server
// (../mcp-servers-2026/rugpull-server.mjs). "baseline" is a benign server. Every other variant
// differs from it in exactly one way; the Java tests name the place where the difference must
// show up.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import {
  CallToolRequestSchema,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  ReadResourceRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { RugPull, SERVER_INFO, capabilities, reformat } from './rugpull-variants.mjs';

const [variant, stateFile] = process.argv.slice(2);
const rugpull = new RugPull(variant, stateFile);

// Writes every message through reformat (variant 'reformatted').
class RawLineStdioTransport extends StdioServerTransport {
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

const server = new Server(
  { ...SERVER_INFO },
  {
    capabilities: capabilities(variant),
    instructions: rugpull.current.instructions,
  },
);

server.setRequestHandler(ListToolsRequestSchema, async (request) => rugpull.toolsPage(request.params?.cursor));
server.setRequestHandler(ListPromptsRequestSchema, async () => rugpull.promptsList());
server.setRequestHandler(ListResourcesRequestSchema, async () => rugpull.resourcesList());
server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => rugpull.resourceTemplatesList());
server.setRequestHandler(ReadResourceRequestSchema, async (request) => rugpull.readResource(request.params));
server.setRequestHandler(GetPromptRequestSchema, async (request) => rugpull.getPrompt(request.params));
server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { result, changed } = rugpull.callTool(request.params);
  if (changed === 'tools') {
    setImmediate(() => server.sendToolListChanged());
  }
  if (changed === 'prompts') {
    setImmediate(() => server.sendPromptListChanged());
  }
  return result;
});

await server.connect(variant === 'reformatted' ? new RawLineStdioTransport() : new StdioServerTransport());

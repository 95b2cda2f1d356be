// A minimal MCP stdio server for the guard benchmark, without dependencies: TOOLS (default 100)
// tools that echo their input. Calling tool_0 with text "announce" first sends
// notifications/tools/list_changed (the list stays the same), then the answer.
import readline from 'node:readline';

const count = Number(process.env.TOOLS || 100);
const tools = Array.from({ length: count }, (_, i) => ({
  name: `tool_${i}`,
  description: `Benchmark tool ${i}: returns the text it is given.`,
  inputSchema: {
    type: 'object',
    properties: { text: { type: 'string', description: 'The text to return.' } },
    required: ['text'],
  },
}));

function send(message) {
  process.stdout.write(JSON.stringify(message) + '\n');
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (!line.trim()) {
    return;
  }
  const m = JSON.parse(line);
  if (m.method === undefined || m.id === undefined) {
    return; // responses and notifications
  }
  switch (m.method) {
    case 'initialize':
      send({ jsonrpc: '2.0', id: m.id, result: {
        protocolVersion: m.params.protocolVersion,
        capabilities: { tools: { listChanged: true } },
        serverInfo: { name: 'hundred-tools', version: '1.0.0' },
      } });
      break;
    case 'tools/list':
      send({ jsonrpc: '2.0', id: m.id, result: { tools } });
      break;
    case 'tools/call': {
      const text = String(m.params?.arguments?.text);
      if (m.params?.name === 'tool_0' && text === 'announce') {
        send({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
      }
      send({ jsonrpc: '2.0', id: m.id, result: { content: [{ type: 'text', text }] } });
      break;
    }
    case 'ping':
      send({ jsonrpc: '2.0', id: m.id, result: {} });
      break;
    default:
      send({ jsonrpc: '2.0', id: m.id, error: { code: -32601, message: 'method not found' } });
  }
});

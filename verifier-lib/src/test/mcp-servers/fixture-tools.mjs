// What the raw scripted test servers (hostile-server.mjs, held-forge-server.mjs) share: the two
// honest tools a gate verifies, the protocol versions they accept, and the markers their tests
// look for (CANARY in every hostile string, the guard's own request id prefix), and the reading
// of newline-delimited JSON-RPC from stdin.
export const CANARY = 'CANARY';
export const GUARD_ID = 'toolseal-guard-';
export const VERSIONS = ['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25'];

/** A fresh copy of the tools echo and add, so a scenario may change its own. */
export function echoAndAdd() {
  return [
    {
      name: 'echo',
      description: 'Returns the message it was given.',
      inputSchema: {
        type: 'object',
        properties: { message: { type: 'string', description: 'the text to return' } },
        required: ['message'],
      },
    },
    {
      name: 'add',
      description: 'Adds two numbers and returns the sum.',
      inputSchema: {
        type: 'object',
        properties: { a: { type: 'number' }, b: { type: 'number' } },
        required: ['a', 'b'],
      },
    },
  ];
}

/** Calls onLine with each non-empty, trimmed line of stdin (newline-delimited JSON-RPC). */
export function onStdinLines(onLine) {
  let buffered = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => {
    buffered += chunk;
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
      if (line !== '') {
        onLine(line);
      }
    }
  });
}

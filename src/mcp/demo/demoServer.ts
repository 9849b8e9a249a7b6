/**
 * The demo MCP server that ships inside the extension (dist/demo-server.js), so a newcomer sees a connected server
 * with tools, a resource and a prompt without installing anything. SDK v2 server over stdio, serving both MCP eras.
 */
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';

function createDemoServer(): McpServer {
  const server = new McpServer(
    { name: 'switchboard-demo', version: '1.0.0', title: 'MCP Switchboard Demo' },
    { instructions: 'A small demo server: text utilities, dice, a slow task with progress, a notes resource and a code-review prompt.' },
  );

  server.registerTool('echo', {
    title: 'Echo', description: 'Returns the text you send.',
    inputSchema: z.object({ text: z.string().describe('Text to echo back') }),
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  }, async ({ text }) => ({ content: [{ type: 'text', text }] }));

  server.registerTool('word_count', {
    title: 'Word Count', description: 'Counts words, lines and characters of a text.',
    inputSchema: z.object({ text: z.string() }),
    outputSchema: z.object({ words: z.number(), lines: z.number(), characters: z.number() }),
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  }, async ({ text }) => {
    const counts = { words: text.split(/\s+/).filter(Boolean).length, lines: text.split('\n').length, characters: text.length };
    return { content: [{ type: 'text', text: JSON.stringify(counts) }], structuredContent: counts };
  });

  server.registerTool('roll_dice', {
    title: 'Roll Dice', description: 'Rolls dice, e.g. 3 six-sided dice.',
    inputSchema: z.object({ count: z.number().int().min(1).max(20).default(1), sides: z.enum(['4', '6', '8', '12', '20']).default('6') }),
    annotations: { readOnlyHint: true, openWorldHint: false },
  }, async ({ count, sides }) => {
    const rolls = Array.from({ length: count }, () => 1 + Math.floor(Math.random() * Number(sides)));
    return { content: [{ type: 'text', text: `${rolls.join(', ')} (total ${rolls.reduce((a, b) => a + b, 0)})` }] };
  });

  server.registerTool('slow_task', {
    title: 'Slow Task', description: 'Works for a few seconds and reports progress; cancel it to see notifications/cancelled.',
    inputSchema: z.object({ seconds: z.number().min(1).max(60).default(5) }),
    annotations: { readOnlyHint: true },
  }, async ({ seconds }, ctx) => {
    const token = ctx.mcpReq._meta?.progressToken;
    for (let i = 1; i <= seconds; i++) {
      await new Promise(r => setTimeout(r, 1000));
      if (ctx.mcpReq.signal.aborted) return { content: [{ type: 'text', text: 'cancelled' }], isError: true };
      if (token !== undefined) await ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken: token, progress: i, total: seconds, message: `step ${i} of ${seconds}` } });
    }
    return { content: [{ type: 'text', text: `done after ${seconds}s` }] };
  });

  server.registerTool('delete_note', {
    title: 'Delete Note', description: 'Pretends to delete a note: a destructive tool, to try approval policies.',
    inputSchema: z.object({ id: z.string() }),
    annotations: { destructiveHint: true, idempotentHint: true },
  }, async ({ id }) => ({ content: [{ type: 'text', text: `note ${id} deleted (not really: this is a demo)` }] }));

  server.registerResource('readme', 'demo://readme', { title: 'Demo README', mimeType: 'text/markdown', description: 'What this demo server offers' },
    async uri => ({ contents: [{ uri: uri.href, mimeType: 'text/markdown', text: '# MCP Switchboard demo\n\nTools: echo, word_count, roll_dice, slow_task, delete_note.\n' }] }));

  server.registerResource('note', new ResourceTemplate('demo://notes/{id}', { list: undefined, complete: { id: () => ['welcome', 'todo'] } }),
    { title: 'Note', mimeType: 'text/plain' },
    async (uri, { id }) => ({ contents: [{ uri: uri.href, mimeType: 'text/plain', text: id === 'todo' ? '- try the inspector\n- call a tool' : `Note ${id}` }] }));

  server.registerPrompt('code_review', {
    title: 'Code Review', description: 'Asks for a review of a code snippet.',
    argsSchema: z.object({ code: z.string(), focus: z.string().optional() }),
  }, ({ code, focus }) => ({
    messages: [{ role: 'user', content: { type: 'text', text: `Review this code${focus ? ` with a focus on ${focus}` : ''}:\n\n${code}` } }],
  }));

  return server;
}

process.stderr.write('switchboard-demo: ready on stdio\n');
serveStdio(createDemoServer, { onerror: e => process.stderr.write(`switchboard-demo: ${e.message}\n`) });

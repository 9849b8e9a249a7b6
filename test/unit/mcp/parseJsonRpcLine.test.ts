import * as assert from 'node:assert/strict';
import { parseJsonRpcLine } from '../../../src/mcp/stdioTransport';

describe('parseJsonRpcLine (the stdio transport\'s reader)', () => {
  it('returns requests, notifications, results and errors as parsed', () => {
    for (const message of [
      { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo' } },
      { jsonrpc: '2.0', method: 'notifications/tools/list_changed' },
      { jsonrpc: '2.0', id: 'a', result: { content: [] } },
      { jsonrpc: '2.0', id: 2, error: { code: -32601, message: 'Method not found' } },
      { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } },
    ]) assert.deepEqual(parseJsonRpcLine(JSON.stringify(message)), message);
  });

  it('refuses JSON that is not a JSON-RPC 2.0 message, and text that is not JSON', () => {
    for (const line of ['42', '[]', 'null', '"text"', '{"foo":1}', '{"jsonrpc":"1.0","id":1,"result":{}}', '{"jsonrpc":"2.0","id":1}', 'this is not json']) {
      assert.throws(() => parseJsonRpcLine(line), `accepted ${line}`);
    }
  });
});

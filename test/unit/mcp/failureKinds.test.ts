import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { ProtocolError, ProtocolErrorCode, SdkError, SdkErrorCode } from '@modelcontextprotocol/client';
import { classifyError, toFailure } from '../../../src/mcp/failureKinds';
import { ManagedStdioTransport } from '../../../src/mcp/stdioTransport';
import { McpFailure } from '../../../src/core/connection/failure';

async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>(r => server.close(() => r()));
  return port;
}

describe('src/mcp maps real errors to failure kinds', () => {
  it('a command that is not on PATH is command-not-found', async () => {
    const t = new ManagedStdioTransport({ target: { type: 'stdio', command: 'no-such-command-mcpsb', args: [] }, onStderr: () => {} });
    const e = await t.start().then(() => undefined, (err: unknown) => err);
    assert.ok(e instanceof McpFailure);
    assert.equal(e.kind, 'command-not-found');
  });

  it('fetch to a port nobody listens on is connection-refused', async () => {
    const port = await closedPort();
    const e = await fetch(`http://127.0.0.1:${port}/mcp`).then(() => undefined, (err: unknown) => err);
    assert.equal(classifyError(e), 'connection-refused');
  });

  it('SDK request timeouts and closed connections keep their kind and JSON-RPC code', () => {
    assert.equal(classifyError(new SdkError(SdkErrorCode.RequestTimeout, 'Request timed out')), 'timeout');
    assert.equal(classifyError(new SdkError(SdkErrorCode.ConnectionClosed, 'Connection closed')), 'transport-closed');
    assert.equal(classifyError(new ProtocolError(-32000, 'The HTTP response stream was cut')), 'transport-closed', 'the cut-stream guard answers -32000');
    const server = toFailure(new ProtocolError(ProtocolErrorCode.InvalidParams, 'bad', { field: 'x' }));
    assert.deepEqual([server.kind, server.code, server.data], ['server-error', ProtocolErrorCode.InvalidParams, { field: 'x' }]);
  });

  it('a 2026-07-28 "missing client capability" (-32021) names the capabilities in plain words, from its data', () => {
    const f = toFailure(new ProtocolError(-32021, '<whatever the server says>', { requiredCapabilities: { elicitation: {}, sampling: {} } }));
    assert.equal(f.kind, 'server-error');
    assert.equal(f.code, -32021);
    assert.equal(f.message, 'The server needs client capabilities that MCP Switchboard did not declare: elicitation, sampling. This request cannot be served.');
  });

  it('a friendlier message never changes the kind', () => {
    const f = toFailure(new SdkError(SdkErrorCode.RequestTimeout, 'Request timed out'), 'protocol', 'something else entirely');
    assert.deepEqual([f.kind, f.message], ['timeout', 'something else entirely']);
  });
});

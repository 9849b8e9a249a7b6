import * as assert from 'node:assert/strict';
import type { ServerSnapshot } from '../../../src/core/engineApi';
import { emptyCatalog, type Catalog } from '../../../src/core/connection/catalog';
import type { ConnectionState } from '../../../src/core/connection/state';
import { serverDescription } from '../../../src/views/serverMarkdown';

function snapshot(state: ConnectionState, catalog: Catalog): ServerSnapshot {
  return { name: 's', state, catalog, spec: { target: { type: 'stdio', command: 'node', args: [] } } } as unknown as ServerSnapshot;
}
const running: ConnectionState = { kind: 'running', at: 0 };
const tool = { name: 'echo', inputSchema: { type: 'object' } } as unknown as Catalog['tools'][number];

describe('Server row description (the Servers tree)', () => {
  it('names no tool count while a connected server has not listed its tools yet, and the count once it has', () => {
    assert.equal(serverDescription(snapshot(running, emptyCatalog()), undefined), 'stdio');
    assert.equal(serverDescription(snapshot(running, { ...emptyCatalog(), fetchedAt: 1 }), undefined), 'stdio · 0 tools');
    assert.equal(serverDescription(snapshot(running, { ...emptyCatalog(), tools: [tool], fetchedAt: 1 }), undefined), 'stdio · 1 tool');
  });

  it('keeps the last listed tools of a server that is reconnecting, after its state', () => {
    const retrying: ConnectionState = { kind: 'waiting-to-retry', at: 0, attempt: 1, retryAt: 1, reason: 'x' };
    assert.equal(serverDescription(snapshot(retrying, { ...emptyCatalog(), tools: [tool, tool], fetchedAt: 1 }), undefined), 'retrying (attempt 2) · stdio · 2 tools');
  });
});

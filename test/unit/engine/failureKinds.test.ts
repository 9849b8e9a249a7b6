import * as assert from 'node:assert/strict';
import { Engine } from '../../../src/core/connection/engine';
import { McpFailure, type FailureKind } from '../../../src/core/connection/failure';
import { Emitter } from '../../../src/core/events';
import type { McpSession, SessionFactory } from '../../../src/core/connection/session';
import { entry, waitForState } from './helpers';

/**
 * Retry and breaker decisions follow the failure's kind, never its wording. The session factory here stands in for
 * src/mcp (whose mapping of real SDK, Node and HTTP errors to kinds is tested against real servers in
 * test/unit/mcp/failureKinds.test.ts and the engine suites).
 */
function failingFactory(kind: FailureKind, message: string): SessionFactory & { attempts: number } {
  const factory = {
    attempts: 0,
    connect: async () => { factory.attempts++; throw new McpFailure(kind, message); },
  };
  return factory;
}

function sessionFailingWith(kind: FailureKind, message: string): SessionFactory {
  const session = {
    info: { serverInfo: { name: 'fake', version: '1' }, protocolVersion: '2025-11-25', capabilities: {}, transport: 'stdio' },
    listTools: async () => [], listResources: async () => [], listResourceTemplates: async () => [], listPrompts: async () => [],
    callTool: async () => { throw new McpFailure(kind, message); },
    onDidClose: new Emitter<{ error?: Error }>().event,
    onDidNotify: new Emitter<{ method: string }>().event,
    close: async () => {},
  } as unknown as McpSession;
  return { connect: async () => session };
}

const fast = { backoff: { initialDelayMs: 5, maxDelayMs: 10, maxAttempts: 3 }, random: () => 0 };
const target = { type: 'stdio' as const, command: 'node', args: [] };

describe('failure kinds decide retries and the breaker, whatever the message says', () => {
  it('a permanent kind with a reworded message is not retried', async () => {
    const factory = failingFactory('command-not-found', 'Cannot locate the program (reworded)');
    const engine = new Engine({ factory, ...fast });
    await engine.apply([entry('s', target)]);
    await waitForState(engine, 's', 'error');
    assert.equal(factory.attempts, 1);
    const state = engine.get('s')!.state;
    assert.match(state.kind === 'error' ? state.hint ?? '' : '', /Fix "command"/);
    await engine.dispose();
  });

  it('a transient kind whose message reads like a permanent one is retried until the attempts run out', async () => {
    const factory = failingFactory('transport-closed', 'Command "x" was not found on PATH; refused the credentials; could not be resolved');
    const engine = new Engine({ factory, ...fast });
    await engine.apply([entry('s', target)]);
    await waitForState(engine, 's', 'error');
    assert.equal(factory.attempts, 3);
    await engine.dispose();
  });

  it('a timeout kind trips the breaker even when its message never says "timed out"', async () => {
    const engine = new Engine({ factory: sessionFailingWith('timeout', 'no answer (reworded)'), breaker: { threshold: 2, cooldownMs: 60_000 } });
    await engine.apply([entry('s', target)]);
    await waitForState(engine, 's', 'running');
    for (let i = 0; i < 2; i++) await assert.rejects(engine.callTool('s', 't', {}), /reworded/);
    assert.equal(engine.get('s')!.breaker, 'open');
    await assert.rejects(engine.callTool('s', 't', {}), /failing fast/);
    await engine.dispose();
  });

  it('a server error whose message says "timed out" does not trip the breaker', async () => {
    const engine = new Engine({ factory: sessionFailingWith('server-error', 'MCP error -32603: upstream request timed out'), breaker: { threshold: 2, cooldownMs: 60_000 } });
    await engine.apply([entry('s', target)]);
    await waitForState(engine, 's', 'running');
    for (let i = 0; i < 4; i++) await assert.rejects(engine.callTool('s', 't', {}), /upstream request timed out/);
    assert.equal(engine.get('s')!.breaker, 'closed');
    await engine.dispose();
  });
});

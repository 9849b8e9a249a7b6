import * as assert from 'node:assert/strict';
import type { QualifiedTool } from '../../../src/core/connection/catalog';
import { budgetWarning, estimateTokens, formatTokens, serverTotals, toolDefinitionText } from '../../../src/core/tokens/definitionTokens';

const tool = (server: string, name: string, description: string): QualifiedTool => ({
  qualifiedName: `${server}__${name}`, server, enabled: true, tool: { name, description, inputSchema: { type: 'object', properties: { q: { type: 'string' } } } },
});

describe('Token cost of tool definitions', () => {
  it('counts what a request carries: qualified name, description and schema', () => {
    const text = toolDefinitionText(tool('gh', 'search', 'Searches issues'));
    assert.match(text, /gh__search/);
    assert.match(text, /Searches issues/);
    assert.match(text, /"q":\{"type":"string"\}/);
    assert.equal(estimateTokens('x'.repeat(400)), 100);
  });

  it('totals per server, most expensive first; an estimate stays marked as one', () => {
    const totals = serverTotals([
      { server: 'a', tokens: 100, estimated: false }, { server: 'b', tokens: 900, estimated: true }, { server: 'a', tokens: 50, estimated: false },
    ]);
    assert.deepEqual(totals, [{ server: 'b', tokens: 900, tools: 1, estimated: true }, { server: 'a', tokens: 150, tools: 2, estimated: false }]);
    assert.equal(formatTokens(totals[0]), '~900 tokens (estimate)');
    assert.equal(formatTokens({ tokens: 12_345, estimated: false }), '12,345 tokens');
    assert.equal(formatTokens({ tokens: 1234, estimated: true }, true), '~1.2k tok');
  });

  it('warns above the budget naming the most expensive servers, and not within it or when off', () => {
    const totals = serverTotals([{ server: 'big', tokens: 8000, estimated: false }, { server: 'mid', tokens: 3000, estimated: false }, { server: 'small', tokens: 10, estimated: false }]);
    const warning = budgetWarning(totals, 10_000);
    assert.match(warning!, /11,010 tokens per request, above the budget of 10,000/);
    assert.match(warning!, /Most expensive: big \(8,000 tokens\), mid \(3,000 tokens\), small/);
    assert.equal(budgetWarning(totals, 20_000), undefined);
    assert.equal(budgetWarning(totals, 0), undefined);
  });
});

import * as assert from 'node:assert/strict';
import { maxUrlElicitations, parseUrlElicitations } from '../../../src/core/clientRequests/urlElicitations';
import { ElicitationCompletions } from '../../../src/core/clientRequests/elicitationCompletions';

const page = (n: number) => ({ mode: 'url', url: `https://example.com/${n}`, message: `page ${n}`, elicitationId: `e-${n}` });

describe('parseUrlElicitations (-32042 error data)', () => {
  it('keeps URL elicitations with an http(s) URL and an id; drops every other shape', () => {
    const parsed = parseUrlElicitations({ elicitations: [
      page(1),
      { mode: 'url', url: 'http://localhost:8080/cb', elicitationId: 'e-2' },
      { mode: 'url', url: 'file:///etc/passwd', elicitationId: 'x' },
      { mode: 'url', url: 'not a url', elicitationId: 'x' },
      { mode: 'form', url: 'https://example.com', elicitationId: 'x' },
      { mode: 'url', url: 'https://example.com/no-id' },
      null, 'https://example.com', 42,
    ] });
    assert.deepEqual(parsed, [
      { mode: 'url', url: 'https://example.com/1', message: 'page 1', elicitationId: 'e-1' },
      { mode: 'url', url: 'http://localhost:8080/cb', message: '', elicitationId: 'e-2' },
    ]);
  });

  it('answers nothing for data without an elicitations list', () => {
    for (const data of [undefined, null, 'x', {}, { elicitations: 'x' }]) assert.deepEqual(parseUrlElicitations(data), []);
  });

  it('caps how many pages one error may queue', () => {
    const many = Array.from({ length: 50 }, (_, i) => page(i));
    assert.equal(parseUrlElicitations({ elicitations: many }).length, maxUrlElicitations);
  });
});

describe('ElicitationCompletions', () => {
  it('a completion that arrived before the wait still counts; the wait ends only when every id completed', async () => {
    const completions = new ElicitationCompletions();
    completions.complete('a');
    let done = false;
    const waiting = completions.whenAll(['a', 'b'], new AbortController().signal).then(() => { done = true; });
    await Promise.resolve();
    assert.equal(done, false);
    completions.complete('b');
    await waiting;
    assert.equal(done, true);
  });
});

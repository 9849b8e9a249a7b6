import * as assert from 'node:assert/strict';
import { consentDetail } from '../../../../src/core/sampling/consentText';

describe('sampling consent text', () => {
  it('names the server and shows maxTokens, the system prompt and every message with its role', () => {
    const text = consentDetail({ server: 'weather', maxTokens: 64, systemPrompt: 'Be brief.', messages: [{ role: 'user', text: 'Rain in Oslo?' }, { role: 'assistant', text: 'Yes.' }] });
    assert.equal(text, 'Server: weather\nMax tokens: 64\nSystem prompt: Be brief.\n\nMessages (2):\n[user] Rain in Oslo?\n[assistant] Yes.');
  });

  it('says when there is no system prompt', () => {
    assert.match(consentDetail({ server: 's', maxTokens: 1, messages: [] }), /System prompt: \(none\)/);
  });

  it('keeps a flood readable: the last ten messages, each clipped, with what was left out said', () => {
    const messages = Array.from({ length: 25 }, (_, i) => ({ role: 'user' as const, text: `${i}:${'x'.repeat(5000)}` }));
    const text = consentDetail({ server: 's', maxTokens: 1, systemPrompt: 'p'.repeat(3000), messages });
    assert.match(text, /Messages \(25\):\n\(15 earlier messages not shown\)\n\[user\] 15:/);
    assert.match(text, /p{1000}… \(2000 more characters\)/);
    assert.ok(text.length < 20_000, `length ${text.length}`);
    assert.doesNotMatch(text, /\[user\] 14:/);
  });
});

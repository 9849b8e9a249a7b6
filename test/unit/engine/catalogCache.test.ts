import * as assert from 'node:assert/strict';
import { CatalogCache } from '../../../src/core/connection/catalogCache';
import type { McpSession } from '../../../src/core/connection/session';
import type { McpPrompt } from '../../../src/core/connection/catalog';

/** A session whose list answers arrive when the test releases them, in any order. */
function scriptedSession() {
  const promptAnswers: Array<(p: McpPrompt[]) => void> = [];
  const session = {
    listTools: async () => [], listResources: async () => [], listResourceTemplates: async () => [],
    listPrompts: () => new Promise<McpPrompt[]>(resolve => promptAnswers.push(resolve)),
  } as unknown as McpSession;
  return { session, promptAnswers };
}

describe('CatalogCache', () => {
  it('an older refresh that answers last does not overwrite the lists of a newer one', async () => {
    // server-everything registers prompts just after initialize: the connect-time refresh sees none, the
    // list_changed refresh sees them and answers first.
    const { session, promptAnswers } = scriptedSession();
    let changes = 0;
    const cache = new CatalogCache(0, () => changes++, () => {});
    const initial = cache.refresh(session);
    const afterListChanged = cache.refresh(session, ['prompts']);
    promptAnswers[1]([{ name: 'greet' }]);
    await afterListChanged;
    promptAnswers[0]([]);
    await initial;
    assert.deepEqual(cache.catalog.prompts.map(p => p.name), ['greet']);
    assert.equal(changes, 2, 'the prompts change, then the other lists of the initial refresh');
    cache.dispose();
  });

  it('an older refresh still fills a list while the newer refresh of it has not answered', async () => {
    const { session, promptAnswers } = scriptedSession();
    const cache = new CatalogCache(0, () => {}, () => {});
    const initial = cache.refresh(session);
    const newer = cache.refresh(session, ['prompts']);
    promptAnswers[0]([{ name: 'old' }]);
    await initial;
    assert.deepEqual(cache.catalog.prompts.map(p => p.name), ['old']);
    promptAnswers[1]([{ name: 'new' }]);
    await newer;
    assert.deepEqual(cache.catalog.prompts.map(p => p.name), ['new']);
    cache.dispose();
  });
});

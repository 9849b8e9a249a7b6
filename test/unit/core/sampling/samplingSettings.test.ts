import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const settings: Record<string, { scope?: string; default?: unknown }> = manifest.contributes.configuration.properties;
const keys = ['mcpSwitchboard.sampling.allowedServers', 'mcpSwitchboard.sampling.allowedModels', 'mcpSwitchboard.sampling.maxRequestsPerMinute'];

describe('sampling settings', () => {
  it('are application-scoped (a repository cannot grant itself sampling) and documented in the README', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const key of keys) {
      assert.equal(settings[key]?.scope, 'application', key);
      assert.ok(readme.includes(key), `README names ${key}`);
    }
    assert.equal(settings['mcpSwitchboard.sampling.maxRequestsPerMinute'].default, 10);
  });

  it('Revoke Sampling Consent is a command and on the server context menu', () => {
    assert.ok(manifest.contributes.commands.some((c: { command: string }) => c.command === 'mcpSwitchboard.revokeSamplingConsent'));
    assert.ok(manifest.contributes.menus['view/item/context'].some((m: { command: string; when: string }) => m.command === 'mcpSwitchboard.revokeSamplingConsent' && m.when.includes('viewItem =~ /^server\\./')));
  });
});

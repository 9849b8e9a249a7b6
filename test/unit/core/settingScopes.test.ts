import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clampTrafficCapacity, TrafficStore, TRAFFIC_CAPACITY } from '../../../src/core/traffic/trafficStore';

interface Setting { scope?: string; maximum?: number; minimum?: number }
const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const groups: { properties: Record<string, Setting> }[] = [manifest.contributes.configuration].flat();
const settings: Record<string, Setting> = Object.assign({}, ...groups.map(g => g.properties));
const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;

/**
 * Settings a repository's `.vscode/settings.json` could abuse (what runs, where tools and secrets go, approvals,
 * memory) are application-scoped, so VS Code ignores workspace values; README lists the same set.
 */
describe('settings a repository must not control', () => {
  const guarded = [
    'mcpSwitchboard.servers', 'mcpSwitchboard.confirmWorkspaceServers', 'mcpSwitchboard.chat.defaultApproval',
    'mcpSwitchboard.gateway.enabled', 'mcpSwitchboard.gateway.exposeServersFromVSCodeConfig', 'mcpSwitchboard.inspector.maxMessages',
    'mcpSwitchboard.discovery.claudeDesktop', 'mcpSwitchboard.discovery.claudeCode', 'mcpSwitchboard.discovery.cursor',
    'mcpSwitchboard.discovery.windsurf', 'mcpSwitchboard.discovery.cline', 'mcpSwitchboard.discovery.roo',
  ];

  it('are application-scoped', () => {
    for (const key of guarded) assert.equal(settings[key]?.scope, 'application', key);
  });

  it('the approval default is a restricted configuration', () => {
    assert.ok(restricted.includes('mcpSwitchboard.chat.defaultApproval'));
  });

  it('the README names each of them', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    for (const key of guarded) assert.ok(readme.includes(key.replace('mcpSwitchboard.', '')), key);
  });

  it('inspector.maxMessages has a maximum, and the store clamps whatever value it gets', () => {
    assert.equal(settings['mcpSwitchboard.inspector.maxMessages'].maximum, TRAFFIC_CAPACITY.max);
    assert.equal(clampTrafficCapacity(5e9), TRAFFIC_CAPACITY.max);
    assert.equal(clampTrafficCapacity(1e8), TRAFFIC_CAPACITY.max);
    assert.equal(clampTrafficCapacity(3), TRAFFIC_CAPACITY.min);
    assert.equal(clampTrafficCapacity(Number.NaN), TRAFFIC_CAPACITY.default);
    assert.equal(clampTrafficCapacity('1000'), TRAFFIC_CAPACITY.default);
    assert.equal(clampTrafficCapacity(2500.7), 2500);
    const store = new TrafficStore({ capacity: 5e9 });
    assert.equal(store.capacity, TRAFFIC_CAPACITY.max);
    const started = Date.now();
    store.setCapacity(1e8);
    store.clear();
    assert.equal(store.capacity, TRAFFIC_CAPACITY.max);
    assert.ok(Date.now() - started < 1000, 'resizing and clearing stay fast');
  });
});

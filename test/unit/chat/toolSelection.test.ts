import * as assert from 'node:assert/strict';
import type { QualifiedTool } from '../../../src/core/connection/catalog';
import { ENABLE_TOOL, SEARCH_TOOL, effectiveCap, filterTools, mentionedServers, searchTools, selectTools, tokenize } from '../../../src/chat/toolSelection';

const tool = (server: string, name: string, description = ''): QualifiedTool => ({
  qualifiedName: `${server}__${name}`, server, enabled: true, tool: { name, description, inputSchema: { type: 'object' } },
});

const many = (server: string, n: number) => Array.from({ length: n }, (_, i) => tool(server, `tool_${i}`, `Fixture tool number ${i}`));

describe('chat: tools cap strategy', () => {
  it('offers everything, without meta-tools, when it fits', () => {
    const tools = [...many('a', 10), ...many('b', 10)];
    const s = selectTools({ tools, cap: 128, prompt: 'hi' });
    assert.equal(s.tools.length, 20);
    assert.equal(s.withMetaTools, false);
    assert.equal(s.omitted, 0);
  });

  it('above the cap: meta-tools + relevant tools, exactly at the cap, and counts what is left out', () => {
    const tools = [...many('a', 300), tool('github', 'create_issue', 'Creates an issue in a GitHub repository')];
    const s = selectTools({ tools, cap: 128, prompt: 'please create a GitHub issue' });
    assert.equal(s.withMetaTools, true);
    assert.equal(s.tools.length, 126, 'cap minus the two meta-tools');
    assert.equal(s.tools[0].qualifiedName, 'github__create_issue', 'the relevant tool first');
    assert.equal(s.available, 301);
    assert.equal(s.omitted, 301 - 126);
  });

  it('never offers fewer than one tool plus the meta-tools, even with a silly cap', () => {
    const s = selectTools({ tools: many('a', 10), cap: 0, prompt: '' });
    assert.ok(s.tools.length >= 1 && s.withMetaTools);
  });

  it('tools the model enabled come first, newest surviving when they overflow', () => {
    const tools = many('a', 300);
    const enabled = ['a__tool_299', 'a__tool_298', 'a__tool_297'];
    const s = selectTools({ tools, cap: 4, prompt: '', enabled });
    assert.deepEqual(s.tools.map(t => t.qualifiedName), ['a__tool_297', 'a__tool_298'], 'room for two: the two newest');
    const s2 = selectTools({ tools, cap: 10, prompt: '', enabled });
    assert.deepEqual(s2.tools.slice(0, 3).map(t => t.qualifiedName), ['a__tool_297', 'a__tool_298', 'a__tool_299']);
  });

  it('#server narrows to that server and keeps the search to reach the rest', () => {
    const tools = [...many('a', 5), ...many('b', 5)];
    const s = selectTools({ tools, cap: 128, prompt: '#b do it', servers: ['b'] });
    assert.deepEqual([...new Set(s.tools.map(t => t.server))], ['b']);
    assert.equal(s.withMetaTools, true);
    const withEnabled = selectTools({ tools, cap: 128, prompt: '', servers: ['b'], enabled: ['a__tool_1'] });
    assert.ok(withEnabled.tools.some(t => t.qualifiedName === 'a__tool_1'));
  });

  it('finds #server mentions case-insensitively, ignoring unknown names and punctuation', () => {
    assert.deepEqual(mentionedServers('use #GitHub and #fs, not #nothing', ['github', 'fs', 'echo']), ['github', 'fs']);
    assert.deepEqual(mentionedServers('issue#12 is not a mention', ['12']), []);
  });

  it('searches by name tokens, exact names and descriptions', () => {
    const tools = [tool('fs', 'read_file', 'Reads a file'), tool('fs', 'write_file', 'Writes a file'), tool('gh', 'search_code', 'Search code on GitHub')];
    assert.deepEqual(searchTools(tools, 'read').map(t => t.qualifiedName), ['fs__read_file']);
    assert.equal(searchTools(tools, 'gh__search_code')[0].qualifiedName, 'gh__search_code');
    assert.equal(searchTools(tools, 'github')[0].qualifiedName, 'gh__search_code');
    assert.deepEqual(searchTools(tools, 'the tool'), [], 'stop words alone match nothing');
    assert.deepEqual(tokenize('readFile_now'), ['readfile', 'read', 'file', 'now']);
  });

  it('applies the model\'s own limit when lower', () => {
    assert.equal(effectiveCap(128, 64), 64);
    assert.equal(effectiveCap(128, true), 128);
    assert.equal(effectiveCap(NaN, undefined), 128);
    assert.equal(effectiveCap(500, 1000), 500);
  });

  it('names the meta-tools', () => {
    assert.equal(SEARCH_TOOL, 'mcpsb_search_tools');
    assert.equal(ENABLE_TOOL, 'mcpsb_enable_tools');
  });

  it('filters for /tools and #mcpTools the same way: keyword matches first, then substrings', () => {
    const tools = [tool('fs', 'read_file', 'Reads a file'), tool('gh', 'list_issues', 'Lists issues (paged)'), tool('fs', 'write', 'Writes a file')];
    assert.deepEqual(filterTools(tools, 'write').map(t => t.tool.name), ['write']);
    assert.deepEqual(filterTools(tools, 'page').map(t => t.tool.name), ['list_issues'], 'a substring of the description');
    assert.equal(filterTools(tools, '  ').length, 3);
  });
});

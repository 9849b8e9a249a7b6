import * as assert from 'node:assert/strict';
import { suggestServerName } from '../../../src/core/config/serverName';

describe('Add Server: the proposed name', () => {
  it('names a server after the package it runs, not its entry file', () => {
    assert.equal(suggestServerName('node', ['/home/u/proj/node_modules/@modelcontextprotocol/server-everything/dist/index.js']), 'everything');
    assert.equal(suggestServerName('node', ['C:\\tools\\weather-mcp\\build\\index.js']), 'weather');
    assert.equal(suggestServerName('npx', ['-y', '@modelcontextprotocol/server-filesystem', '/tmp']), 'filesystem');
    assert.equal(suggestServerName('npx', ['-y', '@playwright/mcp@latest']), 'playwright');
    assert.equal(suggestServerName('uvx', ['mcp-server-fetch']), 'fetch');
    assert.equal(suggestServerName('python', ['-m', 'mcp_server_git']), 'git');
    assert.equal(suggestServerName('/usr/local/bin/github-mcp-server', ['stdio']), 'github');
    assert.equal(suggestServerName('node', ['dist/index.js']), 'server');
  });
});

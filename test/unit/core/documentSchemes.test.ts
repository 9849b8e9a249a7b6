import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Schemes } from '../../../src/common/ids';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { activationEvents: string[] };

/**
 * After a window reload VS Code restores open result and resource tabs (and their Markdown previews) before anything
 * else activates the extension. Opening a document of an unknown scheme fires `onFileSystem:<scheme>`; without that
 * event the restore fails with "An unexpected error occurred while restoring the Markdown preview".
 */
describe('documents the extension serves', () => {
  for (const scheme of [Schemes.result, Schemes.resource]) {
    it(`activates the extension when VS Code restores a ${scheme}: document`, () => {
      assert.ok(manifest.activationEvents.includes(`onFileSystem:${scheme}`), `package.json activationEvents lacks onFileSystem:${scheme}`);
    });
  }
});

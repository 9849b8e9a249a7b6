#!/usr/bin/env node
// `npm run readme:screenshots`: copies the listing's screenshots from the latest test runs into media/readme/ and
// optimises them (pngquant, then optipng; Debian: apt-get install -y pngquant optipng). Each must end under 200 KB.
// They stay out of the VSIX (.vscodeignore): see scripts/lib/vsix.mjs for how the listing will show them.
// Produce the sources first:  npm run test:ui   and   npx mocha --no-config test/e2e/inspector/inspector.test.mjs
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot, testResults } from './lib/paths.mjs';

const MAX_BYTES = 200 * 1024;
/** README picture ← test screenshot (test-results/…), and the test that writes it. */
const SHOTS = [
  { out: 'servers-tree.png', from: 'ui/tree-state-running.png', by: 'test/e2e/vscode/tree-sidebar.spec.mjs' },
  { out: 'inspector.png', from: 'ui/inspector-vscode-row.png', by: 'test/e2e/vscode/inspector.spec.mjs' },
  { out: 'metrics.png', from: 'inspector/metrics-dark.png', by: 'test/e2e/inspector/inspector.test.mjs' },
  { out: 'chat.png', from: 'chat/chat-mcp-confirmation.png', by: 'test/e2e/vscode/chat-mcp.spec.mjs' },
];

const outDir = join(repoRoot, 'media', 'readme');
mkdirSync(outDir, { recursive: true });
let failed = 0;
for (const s of SHOTS) {
  const src = join(testResults, s.from);
  if (!existsSync(src)) { console.log(`MISSING ${relative(repoRoot, src)}: run ${s.by}`); failed++; continue; }
  const dest = join(outDir, s.out);
  copyFileSync(src, dest);
  execFileSync('pngquant', ['--force', '--skip-if-larger', '--strip', '--quality', '70-95', '--output', dest, dest]);
  execFileSync('optipng', ['-quiet', '-o3', dest]);
  const size = statSync(dest).size;
  const ok = size <= MAX_BYTES;
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'BIG '} ${relative(repoRoot, dest)}  ${(size / 1024).toFixed(1)} KiB  (from ${relative(repoRoot, src)}, ${(statSync(src).size / 1024).toFixed(1)} KiB)`);
}
process.exit(failed ? 1 : 0);

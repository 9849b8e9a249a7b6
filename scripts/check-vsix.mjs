#!/usr/bin/env node
// `npm run check:vsix` (a step of `npm test`): packages mcp-switchboard.vsix as a release would and checks it:
// vsce ran without a prompt or a warning, nothing outside the allow-list ships, the VSIX is at most 1.5 MB, and its
// manifest meets what the marketplace and Open VSX require (scripts/lib/vsix-checks.mjs). The `ui` step then installs
// this same VSIX into a clean code-server profile and checks that it activates.
import { relative } from 'node:path';
import { repoRoot } from './lib/paths.mjs';
import { packageVsix, fmtSize } from './lib/vsix.mjs';
import { vsixProblems, MAX_VSIX_BYTES } from './lib/vsix-checks.mjs';
import { cleanupAll, fmtMs } from './lib/proc.mjs';

const t0 = Date.now();
let problems = [];
try {
  const { file, size } = await packageVsix({ quiet: true });
  console.log(`${relative(repoRoot, file)}: ${fmtSize(size)} = ${size} bytes (budget ${MAX_VSIX_BYTES / 1e6} MB), vsce printed no warning`);
  problems = vsixProblems(file, size);
} catch (e) {
  problems = [e?.message ?? String(e)];
} finally {
  await cleanupAll();
}
for (const p of problems) console.log(`FAIL  ${p}`);
console.log(problems.length ? `VSIX check failed in ${fmtMs(Date.now() - t0)}` : `VSIX ok: size, manifest, Open VSX requirements (${fmtMs(Date.now() - t0)})`);
process.exit(problems.length ? 1 : 0);

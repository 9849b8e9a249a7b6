#!/usr/bin/env node
// `npm run release -- <version>`: sets the version in package.json (and package-lock.json), turns the CHANGELOG's
// "## Unreleased" heading into "## <version> — YYYY-MM-DD", packages mcp-switchboard-<version>.vsix (vsce must not
// warn; the VSIX must pass the checks of `npm run check:vsix`) and writes mcp-switchboard-<version>.vsix.sha256
// (`sha256sum -c` format). When packaging fails, package.json and CHANGELOG.md are restored.
// Options: --root <dir> (release a copy of the repo; tests use it)   --date YYYY-MM-DD (default: today, UTC)
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './lib/paths.mjs';
import { packageVsix, fmtSize } from './lib/vsix.mjs';
import { vsixProblems } from './lib/vsix-checks.mjs';
import { ReleaseError, bumpVersion, checkVersion, dateChangelog, isoDate } from './lib/release.mjs';
import { cleanupAll } from './lib/proc.mjs';

async function release() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { root: { type: 'string' }, date: { type: 'string' } } });
  const version = checkVersion(positionals[0]);
  const date = values.date ?? isoDate();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new ReleaseError(`--date must be YYYY-MM-DD, not ${date}`);
  const root = resolve(values.root ?? repoRoot);
  const files = ['package.json', 'package-lock.json', 'CHANGELOG.md'].filter(f => existsSync(join(root, f)));
  const before = new Map(files.map(f => [f, readFileSync(join(root, f), 'utf8')]));
  const after = new Map();
  for (const [f, text] of before) after.set(f, f === 'CHANGELOG.md' ? dateChangelog(text, version, date) : bumpVersion(text, version));
  if (!after.has('CHANGELOG.md')) throw new ReleaseError(`${join(root, 'CHANGELOG.md')} does not exist`);
  for (const [f, text] of after) writeFileSync(join(root, f), text);
  try {
    const out = join(root, `mcp-switchboard-${version}.vsix`);
    const { file, size } = await packageVsix({ root, out, quiet: true });
    const problems = vsixProblems(file, size);
    if (problems.length) throw new ReleaseError(`the VSIX fails its checks:\n  ${problems.join('\n  ')}`);
    const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
    writeFileSync(`${file}.sha256`, `${sha}  ${basename(file)}\n`);
    const rel = p => relative(process.cwd(), p) || p;
    console.log(`released ${version} (${date})\n  ${rel(file)}  ${fmtSize(size)}\n  ${rel(file)}.sha256  ${sha}`);
    console.log(`next: git commit -am "Release ${version}" && git tag v${version}`);
  } catch (e) {
    for (const [f, text] of before) writeFileSync(join(root, f), text);
    throw e;
  }
}

let code = 0;
try {
  await release();
} catch (e) {
  console.error(`release failed: ${e instanceof ReleaseError ? e.message : e?.stack ?? e}`);
  code = 1;
} finally {
  await cleanupAll();
}
process.exit(code);

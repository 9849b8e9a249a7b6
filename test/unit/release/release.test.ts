import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = process.cwd();
const COPIED = ['package.json', 'package-lock.json', 'CHANGELOG.md', 'README.md', 'LICENSE', 'esbuild.mjs', 'tsconfig.json', '.vscodeignore', 'media', 'schemas'];
const LINKED = ['src', 'webview', 'node_modules', 'scripts'];

/** A copy of what a release reads and writes, so the test never changes the repo. */
function repoCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcpsb-release-'));
  for (const n of COPIED) if (existsSync(join(repo, n))) cpSync(join(repo, n), join(dir, n), { recursive: true });
  for (const n of LINKED) symlinkSync(join(repo, n), join(dir, n), 'dir');
  return dir;
}

function release(root: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(repo, 'scripts/release.mjs'), ...args, '--root', root], { encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('npm run release', function () {
  this.timeout(300_000);
  const dirs: string[] = [];
  const repoFiles = ['package.json', 'CHANGELOG.md'].map(f => [f, readFileSync(join(repo, f), 'utf8')] as const);
  after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
  afterEach(() => { for (const [f, text] of repoFiles) assert.equal(readFileSync(join(repo, f), 'utf8'), text, `the repo's ${f} changed`); });

  it('bumps the version, dates the changelog, packages the VSIX without a vsce warning and writes its SHA-256', () => {
    const root = repoCopy();
    dirs.push(root);
    const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
    const r = release(root, '0.2.0', '--date', '2026-12-01');
    assert.equal(r.code, 0, r.out);
    assert.equal(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version, '0.2.0');
    assert.equal(JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages[''].version, '0.2.0');
    const dated = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
    assert.match(dated, /^## 0\.2\.0 — 2026-12-01$/m);
    assert.doesNotMatch(dated, /unreleased/i);
    assert.equal(dated.match(/^## 0\.2\.0 — /gm)?.length, 1);
    // Every release note is kept; only headings of unreleased versions change (an older one, never released, folds in).
    const notes = (t: string) => t.split('\n').filter(l => l.trim() && !/^## /.test(l));
    assert.deepEqual(notes(dated), notes(changelog));
    const vsix = join(root, 'mcp-switchboard-0.2.0.vsix');
    const sha = createHash('sha256').update(readFileSync(vsix)).digest('hex');
    assert.equal(readFileSync(`${vsix}.sha256`, 'utf8'), `${sha}  mcp-switchboard-0.2.0.vsix\n`);
    assert.doesNotMatch(r.out, /WARNING/);
  });

  it('refuses a version that is not x.y.z and changes nothing', () => {
    const root = repoCopy();
    dirs.push(root);
    const r = release(root, 'v2');
    assert.equal(r.code, 1);
    assert.match(r.out, /"v2" is not a version: use x\.y\.z/);
    assert.equal(readFileSync(join(root, 'package.json'), 'utf8'), readFileSync(join(repo, 'package.json'), 'utf8'));
  });

  it('refuses a changelog without an Unreleased section and leaves package.json as it was', () => {
    const root = repoCopy();
    dirs.push(root);
    writeFileSync(join(root, 'CHANGELOG.md'), '# Changelog\n\n## 0.1.0 — 2026-01-01\n- first\n');
    const r = release(root, '0.2.0');
    assert.equal(r.code, 1);
    assert.match(r.out, /no "## Unreleased" section/);
    assert.equal(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version, JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version);
    assert.equal(existsSync(join(root, 'mcp-switchboard-0.2.0.vsix')), false);
  });

  it('fails on any vsce warning and restores the files it bumped', () => {
    const root = repoCopy();
    dirs.push(root);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ ...pkg, extensionKind: 'workspace' }, null, 2));
    const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
    const r = release(root, '0.2.0');
    assert.equal(r.code, 1);
    assert.match(r.out, /vsce package warned[^]*'extensionKind' property should be of type 'string\[\]'/);
    assert.equal(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version, pkg.version);
    assert.equal(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'), changelog);
  });
});

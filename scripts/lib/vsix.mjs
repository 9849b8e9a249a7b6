// Packaging helpers: build the release bundle, run vsce, inspect the VSIX.
import { copyFileSync, cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { repoRoot, vsixPath } from './paths.mjs';
import { run, makeTempDir, stripAnsi } from './proc.mjs';

/** Top-level paths whose changes make the VSIX stale. */
const INPUTS = ['src', 'webview', 'media', 'schemas', 'package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'esbuild.mjs', '.vscodeignore'];
/** What may ship inside the VSIX (under extension/). */
const ALLOWED = [/^package\.json$/, /^README\.md$/i, /^CHANGELOG\.md$/i, /^LICENSE(\.md|\.txt)?$/i, /^dist\//, /^media\//, /^schemas\//];

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const n of readdirSync(p)) max = Math.max(max, newestMtime(join(p, n)));
  return max;
}

/** True when the VSIX exists and is newer than every source it is built from. */
export function vsixIsFresh(file = vsixPath) {
  if (!existsSync(file)) return false;
  const built = statSync(file).mtimeMs;
  return INPUTS.every(p => newestMtime(join(repoRoot, p)) <= built);
}

/** Names and sizes of the entries of a zip file (reads the central directory; no dependencies). */
export function listZip(file) {
  const buf = readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let off = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(off) !== 0x02014b50) throw new Error(`${file}: bad central directory`);
    const method = buf.readUInt16LE(off + 10);
    const compressed = buf.readUInt32LE(off + 20);
    const size = buf.readUInt32LE(off + 24);
    const nameLen = buf.readUInt16LE(off + 28);
    const extraLen = buf.readUInt16LE(off + 30);
    const commentLen = buf.readUInt16LE(off + 32);
    const localHeader = buf.readUInt32LE(off + 42);
    entries.push({ name: buf.toString('utf8', off + 46, off + 46 + nameLen), size, compressed, method, localHeader });
    off += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The content of one entry of listZip(file) (stored or deflated). */
export function readZipEntry(file, entry) {
  const buf = readFileSync(file);
  const at = entry.localHeader;
  if (buf.readUInt32LE(at) !== 0x04034b50) throw new Error(`${file}: bad local header for ${entry.name}`);
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const data = buf.subarray(start, start + entry.compressed);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method === 8) return inflateRawSync(data);
  throw new Error(`${file}: ${entry.name} uses zip method ${entry.method}`);
}

/** Files under extension/ that should not ship (source maps, anything outside the allow-list). */
export function unexpectedEntries(entries) {
  return entries
    .filter(e => e.name.startsWith('extension/') && !e.name.endsWith('/'))
    .map(e => e.name.slice('extension/'.length))
    .filter(n => n.endsWith('.map') || !ALLOWED.some(re => re.test(n)));
}

export function fmtSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

/** What the release build reads (symlinked into the staging dir) and what vsce packs (copied). */
const BUILD_INPUTS = ['src', 'webview', 'node_modules', 'scripts'];
const PACK_FILES = ['package.json', 'esbuild.mjs', 'tsconfig.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'LICENSE.md', 'LICENSE.txt', '.vscodeignore'];
const PACK_DIRS = ['media', 'schemas'];

/**
 * The vsce flags for this manifest. Without a `repository` (the project has no public home yet, and we never invent
 * a URL), vsce would stop to ask, and it refuses the README's relative image links because it cannot make them
 * absolute. So we pass --allow-missing-repository and --no-rewrite-relative-links: the packaged README keeps its
 * relative links. VS Code's extension page shows README images only from https: URLs (it drops data: URLs and
 * cannot load relative ones; test/e2e/vscode/extension-page.spec.mjs), so the screenshots can appear there only once the project has an https
 * home: set `repository`, both flags go, and vsce rewrites the links to the repository's files.
 */
export function vsceFlags(pkg, hasLicense) {
  const flags = [];
  const notes = [];
  if (!hasLicense) {
    flags.push('--skip-license');
    notes.push('no LICENSE file: packaged with --skip-license (add LICENSE to ship one)');
  }
  if (!pkg.repository) {
    flags.push('--allow-missing-repository', '--no-rewrite-relative-links');
    notes.push('package.json has no "repository": packaged with --allow-missing-repository; README images stay relative (the extension page shows them once a repository is set)');
  }
  return { flags, notes };
}

/** vsce's WARNING lines (it prints ` WARNING  text`, possibly on several lines); [] when it packaged cleanly. */
export function vsceWarnings(output) {
  const lines = stripAnsi(output).split(/\r?\n/);
  return lines.filter(l => /^\s*WARNING\b/.test(l)).map(l => l.replace(/^\s*WARNING\s*/, '').trim());
}

/**
 * `node esbuild.mjs --release` then `vsce package --no-dependencies -o mcp-switchboard.vsix` (the bundle holds
 * all runtime code, so node_modules stays out). Both run in a private staging copy of the packaging inputs of
 * `root` (the repo by default), so a concurrent `npm run build` in the working tree can neither break the package
 * nor be replaced by a release build. Fails on any vsce warning. Throws with the tool's output on failure.
 * Returns the VSIX and the staged dist sizes.
 */
export async function packageVsix({ root = repoRoot, out = vsixPath, quiet = false } = {}) {
  const log = quiet ? () => {} : (...a) => console.log(...a);
  const stage = makeTempDir('mcpsb-vsix-');
  for (const n of BUILD_INPUTS) if (existsSync(join(root, n))) symlinkSync(join(root, n), join(stage, n), 'dir');
  for (const n of PACK_FILES) if (existsSync(join(root, n))) copyFileSync(join(root, n), join(stage, n));
  for (const n of PACK_DIRS) if (existsSync(join(root, n))) cpSync(join(root, n), join(stage, n), { recursive: true });

  log('> node esbuild.mjs --release   (in a staging copy)');
  const build = await run(process.execPath, ['esbuild.mjs', '--release'], { cwd: stage, quiet, timeoutMs: 300_000 });
  if (build.code !== 0) throw new Error(`release build failed (exit ${build.code}):\n${build.output.slice(-4000)}`);
  for (const n of BUILD_INPUTS) rmSync(join(stage, n), { force: true });

  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const { flags, notes } = vsceFlags(pkg, ['LICENSE', 'LICENSE.md', 'LICENSE.txt'].some(f => existsSync(join(root, f))));
  const args = ['package', '--no-dependencies', ...flags, '-o', out];
  log(`> vsce ${args.join(' ')}`);
  // The repo's own vsce (what `npx vsce` runs); stdin closed, so a vsce prompt fails at once instead of hanging.
  const vsce = join(repoRoot, 'node_modules', '.bin', process.platform === 'win32' ? 'vsce.cmd' : 'vsce');
  const res = await run(vsce, args, { cwd: stage, quiet, timeoutMs: 300_000 });
  if (res.code !== 0 || !existsSync(out)) throw new Error(`vsce package failed (exit ${res.code}${res.timedOut ? ', timed out' : ''}):\n${res.output.slice(-4000)}`);
  const warnings = vsceWarnings(res.output);
  if (warnings.length) throw new Error(`vsce package warned (fix the manifest or README):\n  ${warnings.join('\n  ')}`);

  const entries = listZip(out);
  const bad = unexpectedEntries(entries);
  if (bad.length) throw new Error(`the VSIX holds files that should not ship (fix .vscodeignore):\n  ${bad.join('\n  ')}`);
  if (!entries.some(e => e.name === 'extension/dist/THIRD-PARTY-NOTICES.txt')) throw new Error('the VSIX lacks dist/THIRD-PARTY-NOTICES.txt (esbuild.mjs writes it)');
  for (const n of notes) log(`note: ${n}`);
  const sizeOf = rel => (existsSync(join(stage, rel)) ? statSync(join(stage, rel)).size : undefined);
  return { file: out, entries, size: statSync(out).size, notes, sizes: { 'dist/extension.js': sizeOf('dist/extension.js'), 'dist/webview/inspector.js': sizeOf('dist/webview/inspector.js') } };
}

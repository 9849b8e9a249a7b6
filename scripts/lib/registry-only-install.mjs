#!/usr/bin/env node
// Used by scripts/setup-code-server.sh: lets a code-server release install on a machine that reaches only the npm
// registry. Older releases (4.105, the VS Code of engines.vscode) fetch two things from GitHub during their install:
//  1. `@parcel/watcher` pinned to a GitHub commit (parcel-bundler/watcher#<sha>) by the bundled VS Code and its
//     extensions: rewritten, in package.json and npm-shrinkwrap.json, to the registry release the shrinkwrap records
//     for it (2.5.1, which carries prebuilt binaries);
//  2. the ripgrep binary that `@vscode/ripgrep`'s postinstall downloads from GitHub releases: its download cache
//     ($TMPDIR/vscode-ripgrep-cache-<version>/) is seeded with the linux-x64 `rg` of `@vscode/ripgrep-universal`,
//     the registry package newer VS Code releases use instead.
// Usage: registry-only-install.mjs <code-server package dir> <tmp dir the install will use as TMPDIR>. No-op for
// releases that need neither (4.139).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { join } from 'node:path';

const RIPGREP_UNIVERSAL = '@vscode/ripgrep-universal@1.18.0';
const isGitSpec = spec => typeof spec === 'string' && (/^(git\+|git:|github:|ssh:)/.test(spec) || /^[\w.-]+\/[\w.-]+#[0-9a-f]{7,40}$/.test(spec));
const readJson = f => JSON.parse(readFileSync(f, 'utf8'));

function unpinGitDependencies(dir) {
  const wrapFile = join(dir, 'npm-shrinkwrap.json');
  const pkgFile = join(dir, 'package.json');
  if (!existsSync(wrapFile) || !existsSync(pkgFile)) return;
  const wrap = readJson(wrapFile);
  const pkg = readJson(pkgFile);
  const depLists = ['dependencies', 'devDependencies', 'optionalDependencies'].flatMap(k => [pkg[k], wrap.packages?.['']?.[k]]).filter(Boolean);
  const fixed = [];
  for (const [path, entry] of Object.entries(wrap.packages ?? {})) {
    if (!path) continue;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const topLevel = path === `node_modules/${name}`;
    const pinned = isGitSpec(entry.resolved) || (topLevel && depLists.some(deps => isGitSpec(deps[name])));
    if (!pinned) continue;
    if (isGitSpec(entry.resolved)) { delete entry.resolved; delete entry.integrity; }
    if (topLevel) for (const deps of depLists) if (isGitSpec(deps[name])) deps[name] = entry.version;
    fixed.push(`${name}@${entry.version}`);
  }
  if (!fixed.length) return;
  writeFileSync(wrapFile, JSON.stringify(wrap, null, 2) + '\n');
  writeFileSync(pkgFile, JSON.stringify(pkg, null, 2) + '\n');
  console.log(`${dir}: ${fixed.join(', ')} from the npm registry instead of a git commit`);
}

/** Unpacks an npm package from the registry into a temp folder; returns its `package/` dir. */
function npmUnpack(spec, work) {
  const file = execFileSync('npm', ['pack', '--loglevel=warn', spec], { cwd: work, encoding: 'utf8' }).trim().split('\n').pop();
  const dir = join(work, file.replace(/\.tgz$/, ''));
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['xzf', join(work, file), '-C', dir]);
  return join(dir, 'package');
}

function seedRipgrepCache(vscodeDir, installTmp) {
  const wrap = join(vscodeDir, 'npm-shrinkwrap.json');
  const version = existsSync(wrap) ? readJson(wrap).packages?.['node_modules/@vscode/ripgrep']?.version : undefined;
  if (!version) return;
  if (platform() !== 'linux' || arch() !== 'x64') { console.log(`@vscode/ripgrep ${version} will download rg from GitHub (cache seeding is for linux-x64 only)`); return; }
  const work = mkdtempSync(join(tmpdir(), 'mcpsb-rg-'));
  try {
    const ripgrep = npmUnpack(`@vscode/ripgrep@${version}`, work);
    const tag = /const VERSION = '([^']+)'/.exec(readFileSync(join(ripgrep, 'lib', 'postinstall.js'), 'utf8'))?.[1];
    if (!tag) throw new Error(`@vscode/ripgrep@${version}: no VERSION in lib/postinstall.js`);
    const universal = npmUnpack(RIPGREP_UNIVERSAL, work);
    const cache = join(installTmp, `vscode-ripgrep-cache-${version}`);
    mkdirSync(cache, { recursive: true });
    const asset = join(cache, `ripgrep-${tag}-x86_64-unknown-linux-musl.tar.gz`);
    execFileSync('tar', ['czf', asset, '-C', join(universal, 'bin', 'linux-x64'), 'rg']);
    console.log(`@vscode/ripgrep ${version}: rg from ${RIPGREP_UNIVERSAL} (npm) instead of a GitHub download`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const [codeServerDir, installTmp] = process.argv.slice(2);
if (!codeServerDir || !installTmp) { console.error('usage: registry-only-install.mjs <code-server dir> <install TMPDIR>'); process.exit(2); }
const vscodeDir = join(codeServerDir, 'lib', 'vscode');
unpinGitDependencies(vscodeDir);
unpinGitDependencies(join(vscodeDir, 'extensions'));
seedRipgrepCache(vscodeDir, installTmp);

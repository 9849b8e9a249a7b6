// Starting and stopping code-server (VS Code 1.139 with a Node extension host) for tests and `npm start`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, createWriteStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { URLSearchParams } from 'node:url';
import { repoRoot } from './paths.mjs';
import { onCleanup, killTree, killTreeSync, run, sleep } from './proc.mjs';

/** The code-server builds we test on (scripts/host-versions.json): `current` and `min` (the VS Code of engines.vscode). */
export const hostVersions = JSON.parse(readFileSync(join(repoRoot, 'scripts', 'host-versions.json'), 'utf8'));

/** The host version this process uses: MCPSB_HOST_VERSION (`min` | `current`), default `current`. */
export function hostVersion() {
  const v = process.env.MCPSB_HOST_VERSION || 'current';
  if (!Object.hasOwn(hostVersions, v)) throw new Error(`MCPSB_HOST_VERSION must be one of ${Object.keys(hostVersions).join(', ')}, not ${v}`);
  return v;
}

/** Where a host version is installed: $CS_ROOT / $CS_ROOT_MIN, else .vscode-test/code-server[-min]. */
export function csRootOf(version = hostVersion()) {
  const h = hostVersions[version];
  return process.env[h.rootEnv] || join(repoRoot, '.vscode-test', h.dir);
}

/** The command that installs a host version. */
export const setupHint = (version = hostVersion()) => `npm run setup:host${version === 'current' ? '' : ` -- --host-version ${version}`}`;

/** `{ node, entry, binDir, version }` of the local code-server install, or null when `npm run setup:host` has not run. */
export function findCodeServer(version = hostVersion()) {
  const root = csRootOf(version);
  const binDir = join(root, `node${hostVersions[version].node.split('.')[0]}`, 'bin');
  const node = join(binDir, 'node');
  const entry = join(root, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  return existsSync(node) && existsSync(entry) ? { node, entry, binDir, version, missingOptions: hostVersions[version].missingOptions ?? [] } : null;
}

function requireCodeServer() {
  const cs = findCodeServer();
  if (!cs) throw new Error(`code-server (${hostVersion()}) is not installed under ${csRootOf()}. Run: ${setupHint()}`);
  return cs;
}

/** Environment for code-server: Node 24 first on PATH, config/data kept out of $HOME. */
export function codeServerEnv(xdgDir, extra = {}) {
  const cs = requireCodeServer();
  // Its IPC sockets, the TypeScript server's files etc. go to TMPDIR: keep them in our temp dir.
  mkdirSync(join(xdgDir, 'tmp'), { recursive: true });
  const env = { ...process.env, PATH: `${cs.binDir}:${process.env.PATH ?? ''}`, XDG_CONFIG_HOME: join(xdgDir, 'config'), XDG_DATA_HOME: join(xdgDir, 'data'), XDG_CACHE_HOME: join(xdgDir, 'cache'), TMPDIR: join(xdgDir, 'tmp'), ...extra };
  // npm/npx run us with npm_* variables; they would leak into the extension host and the MCP servers it spawns.
  for (const k of Object.keys(env)) if (/^npm_/i.test(k) && !(k in extra)) delete env[k];
  delete env.ELECTRON_RUN_AS_NODE;
  return env;
}

/** A port free on 127.0.0.1: `start` and upwards when given, else one the OS picks. */
export async function freePort(start) {
  const tryPort = p => new Promise(resolve => {
    const srv = createServer();
    srv.once('error', () => resolve(null));
    srv.listen(p, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
  if (start) {
    for (let p = start; p < start + 200; p++) if (await tryPort(p)) return p;
    throw new Error(`no free port on 127.0.0.1 in ${start}..${start + 199}`);
  }
  const p = await tryPort(0);
  if (!p) throw new Error('could not get a free port on 127.0.0.1');
  return p;
}

/** Default user settings for a fresh user-data-dir: quiet, deterministic workbench. */
export function writeUserSettings(userDataDir, settings = {}) {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    // Workspace stdio servers would otherwise wait for a modal consent no test answers; suites that test it set true.
    'mcpSwitchboard.confirmWorkspaceServers': false,
    // The fixture servers live in .vscode/mcp.json, which VS Code's own MCP client reads too: Switchboard runs them and
    // VS Code's copies stay off. The coexist suite drops both to test the defaults.
    'mcpSwitchboard.vscodeServers': 'switchboard',
    'chat.mcp.autostart': 'never',
    ...settings,
  }, null, 2));
}

/** `code-server --install-extension <vsix>`, exactly as a user would. */
export async function installExtension({ vsix, userDataDir, extensionsDir, xdgDir, quiet = true }) {
  const cs = requireCodeServer();
  const res = await run(cs.node, [cs.entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--force', '--install-extension', vsix],
    { env: codeServerEnv(xdgDir), quiet, timeoutMs: 120_000 });
  if (res.code !== 0 || !/successfully installed|already installed/i.test(res.output)) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${res.code}${res.timedOut ? ', timed out' : ''}):\n${res.output.slice(-3000)}`);
  }
  return res;
}

/**
 * Starts code-server on 127.0.0.1 and waits for /healthz. Stops with `stop()`; a cleanup hook kills
 * its whole process tree (extension host and the MCP servers it spawned) whatever happens.
 * Options: folder, port (default: a free one), userDataDir, extensionsDir, xdgDir, trust (false keeps
 * workspace trust on), smokeTestDriver (needed for the `payload` test URL), env, logFile, echo (print its log),
 * reconnectionGraceSeconds (how long an extension host outlives its closed tab; code-server's default is 3 h).
 */
export async function startCodeServer(opts) {
  const cs = requireCodeServer();
  const { folder, userDataDir, extensionsDir, xdgDir, trust = true, smokeTestDriver = true, env = {}, logFile, echo = false, timeoutMs = 60_000, extraArgs = [], reconnectionGraceSeconds } = opts;
  for (const d of [userDataDir, extensionsDir, xdgDir]) mkdirSync(d, { recursive: true });
  let lastError;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = opts.port ?? await freePort();
    try {
      return await startOnce({ cs, port, folder, userDataDir, extensionsDir, xdgDir, trust, smokeTestDriver, env, logFile, echo, timeoutMs, extraArgs, reconnectionGraceSeconds });
    } catch (e) {
      lastError = e;
      if (opts.port || !e.portInUse) throw e;
    }
  }
  throw lastError;
}

async function startOnce({ cs, port, folder, userDataDir, extensionsDir, xdgDir, trust, smokeTestDriver, env, logFile, echo, timeoutMs, extraArgs, reconnectionGraceSeconds }) {
  const oldCli = cs.missingOptions.includes('--vscode-option');
  const args = [
    ...(oldCli ? ['--require', join(repoRoot, 'scripts', 'lib', 'code-server-options.cjs')] : []),
    cs.entry,
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override',
    '--ignore-last-opened',
    // Older code-server builds lack it (scripts/host-versions.json); their extension host then outlives a closed tab
    // longer, which does not matter here because stop() ends the server.
    ...(reconnectionGraceSeconds && !cs.missingOptions.includes('--reconnection-grace-time') ? ['--reconnection-grace-time', String(reconnectionGraceSeconds)] : []),
    ...(trust ? ['--disable-workspace-trust'] : []),
    ...(smokeTestDriver ? (oldCli ? ['--enable-smoke-test-driver'] : ['--vscode-option', 'enable-smoke-test-driver']) : []),
    ...extraArgs,
    ...(folder ? [folder] : []),
  ];
  const child = spawn(cs.node, args, { cwd: folder ?? repoRoot, env: codeServerEnv(xdgDir, env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const unregister = onCleanup(() => killTree(child.pid), () => killTreeSync(child.pid));
  const log = [];
  const file = logFile ? createWriteStream(logFile) : null;
  let exited = null;
  let pending = '';
  const onData = chunk => {
    const s = chunk.toString();
    file?.write(s);
    if (echo) process.stdout.write(s);
    pending += s;
    const lines = pending.split('\n');
    pending = lines.pop();
    log.push(...lines);
    if (log.length > 2000) log.splice(0, log.length - 2000);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exitedP = new Promise(resolve => child.on('exit', (code, sig) => { exited = { code, sig }; resolve(exited); }));
  child.on('error', e => { exited = { code: null, sig: null, error: e }; });

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      unregister();
      const text = [...log, pending].join('\n');
      const err = new Error(`code-server exited early (code ${exited.code ?? exited.sig}${exited.error ? `: ${exited.error.message}` : ''}). Its log:\n${text.slice(-4000)}`);
      err.portInUse = /EADDRINUSE/.test(text);
      throw err;
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await killTree(child.pid);
      unregister();
      throw new Error(`code-server did not answer ${baseUrl}/healthz within ${timeoutMs / 1000} s. Its log:\n${log.slice(-60).join('\n')}`);
    }
    await sleep(150);
  }

  let stopping;
  return {
    port, baseUrl, pid: child.pid, folder,
    /** The last lines code-server printed. */
    logTail: (n = 80) => [...log, pending].slice(-n).join('\n'),
    /** The workbench URL for a folder, optionally with a `payload` (extensionDevelopmentPath, extensionTestsPath...). */
    url({ folder: f = folder, payload } = {}) {
      const q = new URLSearchParams();
      if (f) q.set('folder', f);
      if (payload) q.set('payload', JSON.stringify(payload));
      return `${baseUrl}/?${q.toString().replace(/%2F/g, '/')}`;
    },
    /** `vscode-remote://127.0.0.1:PORT/abs/path`: how a server-side path is named in the payload. */
    remoteUri: p => `vscode-remote://127.0.0.1:${port}${p}`,
    exited: exitedP,
    isRunning: () => !exited,
    stop() {
      stopping ??= killTree(child.pid, { graceMs: 5000 }).finally(() => { unregister(); file?.end(); });
      return stopping;
    },
  };
}

/** Paths of the extension-host logs code-server wrote under a user-data-dir (modified since `since`), oldest first. */
export function extHostLogs(userDataDir, since = 0) {
  const found = [];
  const walk = d => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p); else if (/exthost\.log$/.test(n) && statSync(p).mtimeMs >= since) found.push(p);
    }
  };
  try { walk(join(userDataDir, 'logs')); } catch { return []; }
  return found.sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
}

/** The tail of the extension's own log (its LogOutputChannel) in every extension host started since `since`. */
export function extensionLogTail(userDataDir, extensionId, chars = 4000, since = 0) {
  const found = [];
  const walk = d => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.includes(`${extensionId}`) && n.endsWith('.log') && statSync(p).mtimeMs >= since) found.push(p);
    }
  };
  try { walk(join(userDataDir, 'logs')); } catch { return ''; }
  return found.map(p => `--- ${p.slice(userDataDir.length + 1)}\n${readFileSync(p, 'utf8').slice(-chars)}`).join('\n');
}

/** The tail of every extension-host log (activation errors land here). */
export function extHostLogTail(userDataDir, chars = 4000, since = 0) {
  return extHostLogs(userDataDir, since).map(p => `--- ${p.slice(userDataDir.length + 1)}\n${readFileSync(p, 'utf8').slice(-chars)}`).join('\n');
}

/** The error (with stack) of a failed activation of `extensionId` logged since `since`, or null. */
export function activationError(userDataDir, extensionId, since = 0) {
  for (const p of extHostLogs(userDataDir, since)) {
    const text = readFileSync(p, 'utf8');
    const at = text.indexOf(`Activating extension ${extensionId} failed`);
    if (at < 0) continue;
    const lines = text.slice(at).split('\n');
    const out = [lines[0]];
    for (const l of lines.slice(1, 30)) {
      if (/^\d{4}-\d\d-\d\d /.test(l) && !/\[error\]/.test(l)) break;
      out.push(l.replace(/^\d{4}-\d\d-\d\d \S+ \[error\] /, ''));
    }
    return out.join('\n');
  }
  return null;
}

/** Rejects as soon as the extension's activation fails from now on (polls the logs); `stop()` ends the polling. */
export function watchActivation(userDataDir, extensionId, intervalMs = 500) {
  const since = Date.now() - 1000;
  let timer;
  const failed = new Promise((_, reject) => {
    timer = setInterval(() => {
      const err = activationError(userDataDir, extensionId, since);
      if (err) { clearInterval(timer); reject(new Error(`the extension failed to activate:\n${err}`)); }
    }, intervalMs);
  });
  failed.catch(() => {});
  return { failed, stop: () => clearInterval(timer) };
}

// Shared by the inspector's browser tests and benchmarks: builds the webview bundle when it is stale, serves the
// test page on 127.0.0.1 (random port), launches Debian's chromium through playwright-core, and makes fixtures.
/* global window, requestAnimationFrame, URLSearchParams */
import { createServer } from 'node:http';
import { readFileSync, statSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve, extname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
export const BUNDLE = join(ROOT, 'dist/webview/inspector.js');
export const RESULTS = join(ROOT, 'test-results/inspector');

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function newestMtime(dir, exts) {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) newest = Math.max(newest, newestMtime(p, exts));
    else if (exts.some(e => name.endsWith(e))) newest = Math.max(newest, st.mtimeMs);
  }
  return newest;
}

/** Rebuilds dist/webview/inspector.js (same options as esbuild.mjs) when it is missing or older than its sources. */
export async function ensureBundle({ force = false } = {}) {
  const sources = Math.max(newestMtime(join(ROOT, 'webview'), ['.ts']), newestMtime(join(ROOT, 'src/shared'), ['.ts']));
  if (!force && existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= sources) return false;
  const esbuild = await import('esbuild');
  await esbuild.build({
    bundle: true, platform: 'browser', target: 'es2022', format: 'iife', sourcemap: 'linked', logLevel: 'warning',
    entryPoints: { inspector: join(ROOT, 'webview/main.ts') }, outdir: join(ROOT, 'dist/webview'),
  });
  return true;
}

/** Bundles a TypeScript module of the extension for plain Node and imports it (used for the host-side pump). */
export async function importTs(relPath) {
  const esbuild = await import('esbuild');
  const out = join(ROOT, 'test-results/inspector/.build', relPath.replace(/[\\/]/g, '_').replace(/\.ts$/, '.mjs'));
  await esbuild.build({ entryPoints: [join(ROOT, relPath)], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: out, logLevel: 'warning' });
  return import(`${out}?t=${Date.now()}`);
}

const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml' };
const ALLOWED = ['dist/webview/', 'media/', 'test/e2e/inspector/'];

/**
 * Serves the test page and the built assets. `/page.html?theme=dark|light|hc&csp=1|0&sse=0|1`.
 * The CSP mirrors the extension's (default-src 'none', scripts only by nonce); `connect-src 'self'` is added for the
 * benchmark's event stream.
 */
export async function startServer() {
  const template = readFileSync(join(ROOT, 'test/e2e/inspector/page.html'), 'utf8');
  const sseClients = new Set();
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname === '/events') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }
    if (url.pathname === '/' || url.pathname === '/page.html') {
      const theme = url.searchParams.get('theme') ?? 'dark';
      const bodyClass = theme === 'light' ? 'vscode-light' : theme === 'hc' ? 'vscode-high-contrast' : 'vscode-dark';
      const nonce = randomBytes(16).toString('base64');
      const csp = url.searchParams.get('csp') === '0' ? '' :
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; script-src 'nonce-${nonce}'; img-src 'self' data:; font-src 'self'; connect-src 'self'">`;
      const html = template.replace('<!--CSP-->', csp).replaceAll('{{NONCE}}', nonce).replace('{{BODY_CLASS}}', bodyClass);
      res.writeHead(200, { 'Content-Type': MIME['.html'], 'Cache-Control': 'no-store' });
      res.end(html);
      return;
    }
    const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = resolve(ROOT, rel);
    if (!file.startsWith(ROOT + sep) || !ALLOWED.some(p => rel.startsWith(p))) {
      res.writeHead(404).end('not found');
      return;
    }
    void cached(file).then(body => {
      if (!body) { res.writeHead(404).end('not found'); return; }
      res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
      res.end(body);
    });
  });
  // Files are read once per run: other engineers' `node esbuild.mjs` empties dist/ while it rebuilds, and a test must
  // not catch it half-way. A bundle that disappeared before the first read is rebuilt.
  const cache = new Map();
  async function cached(file) {
    if (cache.has(file)) return cache.get(file);
    if (!existsSync(file) && file === BUNDLE) await ensureBundle({ force: true });
    const body = existsSync(file) && !statSync(file).isDirectory() ? readFileSync(file) : undefined;
    if (body && (file === BUNDLE || file.endsWith('.css'))) cache.set(file, body);
    return body;
  }
  if (existsSync(BUNDLE)) cache.set(BUNDLE, readFileSync(BUNDLE));
  await new Promise(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return {
    url: (q = {}) => `http://127.0.0.1:${port}/page.html?${new URLSearchParams({ theme: 'dark', ...q })}`,
    /** Sends one host message to every connected page over server-sent events; resolves when the socket drained. */
    async send(msg) {
      const data = `data: ${JSON.stringify(msg)}\n\n`;
      await Promise.all([...sseClients].map(res => (res.write(data) ? undefined : new Promise(r => res.once('drain', r)))));
    },
    get sseClients() { return sseClients.size; },
    close: () => new Promise(r => { for (const c of sseClients) c.end(); server.closeAllConnections?.(); server.close(() => r()); }),
  };
}

export async function launchBrowser(extraArgs = []) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** Opens the test page and waits for the UI's `ready`. */
export async function openInspector(browser, server, { theme = 'dark', csp = '1', sse = '0', viewport = { width: 1400, height: 860 }, page: existing } = {}) {
  const page = existing ?? await (await browser.newContext({ viewport, deviceScaleFactor: 1 })).newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(e));
  page.on('console', m => { if (m.type() === 'error') errors.push(new Error(m.text())); });
  await page.goto(server.url({ theme, csp, sse }));
  await page.waitForFunction(() => window.__posted?.some(m => m.type === 'ready'), undefined, { timeout: 60_000 });
  return { page, errors };
}

/** Delivers a host message (passed as a JSON string: much faster than Playwright serializing large objects). */
export const hostSend = (page, msg) => page.evaluate(s => window.__host.send(JSON.parse(s)), JSON.stringify(msg));
export const postedOf = (page, type) => page.evaluate(t => window.__host.posted(t), type);
export const frames = (page, n = 2) => page.evaluate(k => new Promise(r => { const step = () => (--k <= 0 ? r() : requestAnimationFrame(step)); requestAnimationFrame(step); }), n);

// ---------------------------------------------------------------------------------------------------------------
// Fixtures

/** Builds records like the engine's tap does: a request and its response share `requestSeq`. */
export class RecordFactory {
  constructor(start = Date.UTC(2025, 0, 15, 9, 30, 0), seq = 1) { this.t = start; this.seq = seq; this.rpcId = 1; }
  tick(ms = 7) { this.t += ms; return this.t; }
  exchange({ server, method, params = {}, result, error, durationMs = 10, tool, http, status }) {
    const id = this.rpcId++;
    const reqPayload = { jsonrpc: '2.0', id, method, params };
    const req = { seq: this.seq++, time: this.tick(), server, direction: 'out', kind: 'request', method, id, size: JSON.stringify(reqPayload).length, payload: reqPayload };
    if (tool) req.tool = tool;
    if (http) req.http = { sessionId: http.sessionId };
    const resPayload = error ? { jsonrpc: '2.0', id, error } : { jsonrpc: '2.0', id, result: result ?? {} };
    const res = {
      seq: this.seq++, time: req.time + durationMs, server, direction: 'in', kind: error ? 'error' : 'response', method, id,
      size: JSON.stringify(resPayload).length, payload: resPayload, requestSeq: req.seq, durationMs, status: status ?? (error ? 'error' : 'ok'),
    };
    if (tool) res.tool = tool;
    if (http) res.http = { ...http };
    this.t = Math.max(this.t, res.time);
    return [req, res];
  }
  request({ server, method, params = {}, tool }) {
    const id = this.rpcId++;
    const payload = { jsonrpc: '2.0', id, method, params };
    const r = { seq: this.seq++, time: this.tick(), server, direction: 'out', kind: 'request', method, id, size: JSON.stringify(payload).length, payload };
    if (tool) r.tool = tool;
    return r;
  }
  notification({ server, method, params = {}, direction = 'in' }) {
    const payload = { jsonrpc: '2.0', method, params };
    return { seq: this.seq++, time: this.tick(), server, direction, kind: 'notification', method, size: JSON.stringify(payload).length, payload };
  }
  stderr(server, text) { return { seq: this.seq++, time: this.tick(), server, direction: 'in', kind: 'stderr', size: text.length, text }; }
  lifecycle(server, text, status) {
    const r = { seq: this.seq++, time: this.tick(), server, direction: 'none', kind: 'lifecycle', size: text.length, text };
    if (status) r.status = status;
    return r;
  }
}

/** A small, varied session across three servers (one hostile). */
export function fixtureSession() {
  const f = new RecordFactory();
  const recs = [];
  recs.push(f.lifecycle('echo', 'connected (stdio, pid 4242)'));
  recs.push(...f.exchange({ server: 'echo', method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'mcp-switchboard', version: '0.1.0' } }, result: { protocolVersion: '2025-06-18', serverInfo: { name: 'echo', version: '1.0.0' }, capabilities: { tools: {} } }, durationMs: 31 }));
  recs.push(f.notification({ server: 'echo', method: 'notifications/initialized', direction: 'out' }));
  recs.push(...f.exchange({ server: 'echo', method: 'tools/list', result: { tools: [{ name: 'echo', description: 'Echoes its input', inputSchema: { type: 'object', properties: { message: { type: 'string' } } } }, { name: 'slow' }, { name: 'fail' }] }, durationMs: 4 }));
  recs.push(f.stderr('echo', '[echo] warming up cache (3 entries)'));
  recs.push(...f.exchange({ server: 'echo', method: 'tools/call', tool: 'echo', params: { name: 'echo', arguments: { message: 'hello switchboard' } }, result: { content: [{ type: 'text', text: 'hello switchboard' }] }, durationMs: 12 }));
  recs.push(...f.exchange({ server: 'echo', method: 'tools/call', tool: 'slow', params: { name: 'slow', arguments: { ms: 850 } }, result: { content: [{ type: 'text', text: 'done after 850 ms' }] }, durationMs: 853 }));
  recs.push(...f.exchange({ server: 'echo', method: 'tools/call', tool: 'fail', params: { name: 'fail', arguments: {} }, error: { code: -32000, message: 'Tool "fail" failed on purpose' }, durationMs: 3 }));
  recs.push(f.lifecycle('weather', 'connected (streamable HTTP, https://weather.example/mcp)'));
  recs.push(...f.exchange({ server: 'weather', method: 'tools/call', tool: 'forecast', params: { name: 'forecast', arguments: { city: 'Paris', days: 3 } }, result: { content: [{ type: 'text', text: 'Sunny, 21°C' }], structuredContent: { city: 'Paris', days: [{ high: 21, low: 12, sky: 'sunny' }, { high: 19, low: 11, sky: 'cloudy' }, { high: 17, low: 10, sky: 'rain' }] } }, durationMs: 142, http: { sessionId: 'sess-7f3a9c', status: 200, headers: { 'MCP-Protocol-Version': '2025-11-25', 'Mcp-Session-Id': 'sess-7f3a9c' } } }));
  recs.push(f.notification({ server: 'weather', method: 'notifications/progress', params: { progressToken: 7, progress: 50, total: 100 } }));
  recs.push(...f.exchange({ server: 'weather', method: 'tools/call', tool: 'radar', params: { name: 'radar', arguments: { region: 'eu-west' } }, error: { code: -32001, message: 'Request timed out' }, durationMs: 30000, status: 'timeout', http: { sessionId: 'sess-7f3a9c', status: 200 } }));
  recs.push(...f.exchange({ server: 'weather', method: 'resources/read', params: { uri: 'weather://stations/LFPG' }, result: { contents: [{ uri: 'weather://stations/LFPG', mimeType: 'application/json', text: '{"id":"LFPG"}' }] }, durationMs: 66, http: { sessionId: 'sess-7f3a9c', status: 200 } }));
  recs.push(...f.exchange({ server: 'hostile<b>', method: 'tools/call', tool: 'inject', params: { name: 'inject', arguments: { q: '<script>window.__pwned=2</script>' } }, result: { content: [{ type: 'text', text: '<img src=x onerror=window.__pwned=1>' }], '<img src=x onerror=window.__pwned=3>': true }, durationMs: 5 }));
  recs.push(f.stderr('hostile<b>', '<img src=x onerror=window.__pwned=4> stderr'));
  recs.push(f.request({ server: 'echo', method: 'tools/call', tool: 'slow', params: { name: 'slow', arguments: { ms: 60000 } } }));
  return { records: recs, factory: f };
}

export const SERVERS = [{ name: 'echo', state: 'running' }, { name: 'weather', state: 'running' }, { name: 'hostile<b>', state: 'running' }];

export function initMessage(records, capacity = 10_000) {
  return { type: 'init', records, servers: SERVERS, settings: { batchIntervalMs: 50, replayEnabled: true }, capacity };
}

/** Synthetic traffic at scale: tools/call exchanges with ~300-byte payloads across 4 servers and 12 tools. */
export function bulkRecords(n, startSeq = 1) {
  const servers = ['alpha', 'beta', 'gamma', 'delta'];
  const tools = ['search', 'read_file', 'write_file', 'list_dir', 'fetch', 'query', 'summarize', 'translate', 'lint', 'format', 'deploy', 'status'];
  const words = ['lorem', 'ipsum', 'dolor', 'amet', 'consectetur', 'adipiscing', 'elit', 'sed', 'tempor', 'incididunt', 'labore', 'magna'];
  const out = new Array(n);
  let t = Date.UTC(2025, 0, 15, 10, 0, 0);
  let seq = startSeq;
  for (let i = 0; i < n; i += 2) {
    const k = i >> 1;
    const server = servers[k % 4];
    const tool = tools[(k * 7) % 12];
    const id = k + 1;
    const arg = `${words[k % 12]} ${words[(k * 3) % 12]} ${words[(k * 5) % 12]} #${k}`;
    const req = { jsonrpc: '2.0', id, method: 'tools/call', params: { name: tool, arguments: { query: arg, limit: 10 + (k % 40), path: `/workspace/src/module${k % 97}/file${k % 13}.ts` } } };
    const dur = 2 + ((k * 37) % 180) + (k % 101 === 0 ? 2400 : 0);
    const isErr = k % 53 === 0;
    const res = isErr
      ? { jsonrpc: '2.0', id, error: { code: -32603, message: `internal error while running ${tool}` } }
      : { jsonrpc: '2.0', id, result: { content: [{ type: 'text', text: `Result ${k} for ${arg}: ${words[(k * 11) % 12]} ${words[(k * 13) % 12]} ok` }], isError: false } };
    t += 1;
    const reqSeq = seq++;
    out[i] = { seq: reqSeq, time: t, server, direction: 'out', kind: 'request', method: 'tools/call', id, size: 220, payload: req, tool };
    if (i + 1 < n) {
      out[i + 1] = {
        seq: seq++, time: t + dur, server, direction: 'in', kind: isErr ? 'error' : 'response', method: 'tools/call', id, size: 180, payload: res,
        requestSeq: reqSeq, durationMs: dur, status: isErr ? 'error' : 'ok', tool,
      };
    }
  }
  return out;
}

export function percentile(values, q) {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

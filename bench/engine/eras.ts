// SDK v2 and both protocol eras: client CPU per call and throughput for three clients (ours, bare SDK v2, bare SDK v1)
// against a legacy server (echo.mjs) and a modern-only one (modern.mjs), over stdio and HTTP; connect-to-first-call
// with a remembered era, with a first probe, and with v1. Bare v1 cannot speak 2026-07-28: no v1 figure for modern.
// `node --import tsx bench/engine/eras.ts http` runs only the HTTP comparisons; `... connect` only connect-to-first-call.
import { performance } from 'node:perf_hooks';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as StdioV1 } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as HttpV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { startHttpFixture, stdioCommand } from '../../test/fixtures/servers/index';
import type { ServerTarget } from '../../src/core/connection/types';
import { benchEngine, drive, quantile, report, serverEntry } from './common';

const N = Number(process.env.BENCH_ERA_CALLS ?? 3000);
const ROUNDS = 4;
type Call = () => Promise<unknown>;
interface Side { label: 'ours' | 'v2' | 'v1'; call: Call; close(): Promise<void> }

/**
 * `fullEnv`: the server gets this process's whole environment, as the engine gives servers the user's. By default v1
 * passes only HOME, PATH, SHELL, TERM, USER and LOGNAME; a Node server then skips whatever else is set (on this machine
 * NODE_EXTRA_CA_CERTS, whose 215 KiB of certificates cost every Node start about 70 ms of CPU).
 */
async function v1Side(target: ServerTarget, args: Record<string, unknown>, fullEnv = false): Promise<Side> {
  const client = new ClientV1({ name: 'bench-v1', version: '1' });
  const env = fullEnv ? Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined)) : undefined;
  await client.connect(target.type === 'stdio' ? new StdioV1({ command: target.command, args: target.args, stderr: 'pipe', env }) : new HttpV1(new URL(target.url)));
  return { label: 'v1', call: () => client.callTool({ name: 'echo', arguments: args }), close: () => client.close() };
}

async function v2Side(target: ServerTarget, args: Record<string, unknown>, modern: boolean): Promise<Side> {
  const client = new Client({ name: 'bench-v2', version: '1' }, modern ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {});
  await client.connect(target.type === 'stdio' ? new StdioClientTransport({ command: target.command, args: target.args, stderr: 'pipe' }) : new StreamableHTTPClientTransport(new URL(target.url)));
  await client.listTools();
  return { label: 'v2', call: () => client.callTool({ name: 'echo', arguments: args }), close: () => client.close() };
}

async function oursSide(target: ServerTarget, args: Record<string, unknown>): Promise<Side> {
  const engine = benchEngine();
  await engine.apply([serverEntry('s', target)]);
  return { label: 'ours', call: () => engine.callTool('s', 'echo', args), close: () => engine.dispose() };
}

async function compare(name: string, sides: Side[]): Promise<void> {
  for (const concurrency of [1, 32]) {
    for (const s of sides) await drive(300, concurrency, s.call);
    const cpu = new Map<string, number[]>(), tput = new Map<string, number[]>();
    const per = Math.round(N / ROUNDS);
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 ? [...sides].reverse() : sides;
      for (const s of order) {
        const c0 = process.cpuUsage();
        const r = await drive(per, concurrency, s.call);
        const used = process.cpuUsage(c0);
        (cpu.get(s.label) ?? cpu.set(s.label, []).get(s.label)!).push((used.user + used.system) / per);
        (tput.get(s.label) ?? tput.set(s.label, []).get(s.label)!).push(per / (r.wallMs / 1000));
      }
    }
    const mode = concurrency === 1 ? 'sequential' : `${concurrency}-in-flight`;
    const med = (m: Map<string, number[]>, l: string) => quantile(m.get(l)!, 0.5);
    for (const base of ['v2', 'v1'] as const) {
      if (!cpu.has(base)) continue;
      const target = base === 'v2' ? 'ratio <= 1.05' : name.startsWith('stdio-legacy') ? 'ratio <= 1.10' : 'informational';
      report({ bench: `era-${name}`, metric: `client-cpu-us-per-call-${mode}-vs-bare-${base}`, value: med(cpu, 'ours'), baseline: med(cpu, base), target });
      report({ bench: `era-${name}`, metric: `throughput-calls-per-s-${mode}-vs-bare-${base}`, value: med(tput, 'ours'), baseline: med(tput, base), target: 'ratio >= 0.90' });
    }
    if (cpu.has('v1')) report({ bench: `era-${name}`, metric: `bare-v2-cpu-us-per-call-${mode}-vs-bare-v1`, value: med(cpu, 'v2'), baseline: med(cpu, 'v1'), target: 'informational: the SDK\'s own cost' });
  }
  for (const s of sides) await s.close();
}

type Start = () => Promise<() => Promise<void>>;

/**
 * Median time from "start the server" to "first tools/call answered" for each start function, over `n` rounds; each
 * round runs every start once, in a rotating order, so load drift on a shared machine hits all alike. Stopping is not timed.
 */
async function connectToFirstCall(n: number, starts: readonly Start[]): Promise<number[]> {
  const times: number[][] = starts.map(() => []);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < starts.length; k++) {
      const j = (k + i) % starts.length;
      const t = performance.now();
      const stop = await starts[j]();
      times[j].push(performance.now() - t);
      await stop();
    }
  }
  return times.map(t => quantile(t, 0.5));
}

async function connectBench(): Promise<void> {
  const modern: ServerTarget = { type: 'stdio', ...stdioCommand('modern.mjs') };
  const legacy: ServerTarget = { type: 'stdio', ...stdioCommand('echo.mjs') };
  const remembering = benchEngine();
  // One engine across starts remembers each server's era; a fresh engine has to probe.
  const ours = (t: ServerTarget, fresh: boolean) => async () => {
    const e = fresh ? benchEngine() : remembering;
    await e.apply([serverEntry('c', t)]);
    await e.callTool('c', 'echo', { text: 'x' });
    return async () => { if (fresh) await e.dispose(); else await e.apply([]); };
  };
  const v1 = (fullEnv: boolean) => async () => { const s = await v1Side(legacy, { text: 'x' }, fullEnv); await s.call(); return () => s.close(); };
  await (await ours(legacy, false)())();
  await (await ours(modern, false)())();
  const [v1Ms, v1FullEnvMs, rememberedLegacy, probedLegacy, rememberedModern, probedModern] = await connectToFirstCall(7, [
    v1(false), v1(true), ours(legacy, false), ours(legacy, true), ours(modern, false), ours(modern, true),
  ]);
  report({ bench: 'era-connect', metric: 'stdio-legacy-connect-to-first-call-ms-remembered-era-vs-v1', value: rememberedLegacy, baseline: v1Ms, target: 'ratio <= 1.05' });
  report({ bench: 'era-connect', metric: 'stdio-legacy-connect-to-first-call-ms-remembered-era-vs-v1-same-env', value: rememberedLegacy, baseline: v1FullEnvMs, target: 'ratio <= 1.05' });
  report({ bench: 'era-connect', metric: 'stdio-legacy-connect-to-first-call-ms-first-probe-vs-remembered', value: probedLegacy, baseline: rememberedLegacy, target: 'informational: cost of the probe' });
  report({ bench: 'era-connect', metric: 'stdio-modern-connect-to-first-call-ms-first-probe-vs-remembered', value: probedModern, baseline: rememberedModern, target: 'informational: cost of the probe' });
  await remembering.dispose();
}

async function main(): Promise<void> {
  if (process.argv[2] === 'connect') return connectBench();
  const httpOnly = process.argv[2] === 'http';
  const legacyArgs = { text: 'ping' };
  const stdioLegacy: ServerTarget = { type: 'stdio', ...stdioCommand('echo.mjs') };
  const stdioModern: ServerTarget = { type: 'stdio', ...stdioCommand('modern.mjs') };
  if (!httpOnly) {
    await compare('stdio-legacy', [await oursSide(stdioLegacy, legacyArgs), await v2Side(stdioLegacy, legacyArgs, false), await v1Side(stdioLegacy, legacyArgs)]);
    await compare('stdio-modern', [await oursSide(stdioModern, legacyArgs), await v2Side(stdioModern, legacyArgs, true)]);
  }
  const legacyHttp = await startHttpFixture('echo.mjs', ['--http']);
  const modernHttp = await startHttpFixture('modern.mjs', ['--http']);
  try {
    const lt: ServerTarget = { type: 'http', url: `${legacyHttp.url}/mcp` };
    const mt: ServerTarget = { type: 'http', url: `${modernHttp.url}/mcp` };
    await compare('http-legacy', [await oursSide(lt, legacyArgs), await v2Side(lt, legacyArgs, false), await v1Side(lt, legacyArgs)]);
    await compare('http-modern', [await oursSide(mt, legacyArgs), await v2Side(mt, legacyArgs, true)]);
  } finally {
    await legacyHttp.close();
    await modernHttp.close();
  }
  if (!httpOnly) await connectBench();
}
main().then(() => process.exit(0), e => { console.error(e); process.exit(1); });

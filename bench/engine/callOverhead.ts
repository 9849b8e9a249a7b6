// Per-call overhead: tools/call through the engine (tap + metrics on) against a bare SDK Client on the same echo fixture.
import { startHttpFixture, stdioCommand } from '../../test/fixtures/servers/index';
import { bareHttpClient, bareStdioClient, benchEngine, drive, quantile, report, serverEntry } from './common';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

const N = Number(process.env.BENCH_CALLS ?? 6000);
const ROUNDS = 6;

async function compare(transport: string, bare: Client, engineCall: () => Promise<unknown>) {
  const bareCall = () => bare.callTool({ name: 'echo', arguments: { text: 'ping' } });
  for (const concurrency of [1, 32]) {
    // Warm up both, then alternate rounds so drift on a shared machine hits both sides alike.
    await drive(300, concurrency, bareCall);
    await drive(300, concurrency, engineCall);
    // Alternate which side goes first each round, and compare medians of the rounds: on a 2-core machine the server
    // process competes with the client for CPU, so single rounds swing by ±15%.
    const b: number[] = [], e: number[] = [], bTputs: number[] = [], eTputs: number[] = [], bCpu: number[] = [], eCpu: number[] = [];
    const per = Math.round(N / ROUNDS);
    for (let round = 0; round < ROUNDS; round++) {
      const sides: Array<[() => Promise<unknown>, number[], number[], number[]]> = [[bareCall, b, bTputs, bCpu], [engineCall, e, eTputs, eCpu]];
      if (round % 2) sides.reverse();
      for (const [call, lat, tputs, cpu] of sides) {
        const cpu0 = process.cpuUsage();
        const r = await drive(per, concurrency, call);
        const used = process.cpuUsage(cpu0);
        cpu.push((used.user + used.system) / per);
        lat.push(...r.latencies);
        tputs.push(per / (r.wallMs / 1000));
      }
    }
    const mode = concurrency === 1 ? 'sequential' : `${concurrency}-in-flight`;
    report({ bench: `call-overhead-${transport}`, metric: `p50-latency-ms-${mode}`, value: quantile(e, 0.5), baseline: quantile(b, 0.5), target: 'ratio <= 1.10' });
    const eTput = quantile(eTputs, 0.5), bTput = quantile(bTputs, 0.5);
    report({ bench: `call-overhead-${transport}`, metric: `throughput-calls-per-s-${mode}`, value: eTput, baseline: bTput, target: 'ratio >= 0.90' });
    // Client CPU per call does not depend on how the scheduler shares 2 cores between client and server.
    report({ bench: `call-overhead-${transport}`, metric: `client-cpu-us-per-call-${mode}`, value: quantile(eCpu, 0.5), baseline: quantile(bCpu, 0.5), target: 'informational: the engine\'s own cost per call' });
  }
}

async function main() {
  {
    const bare = await bareStdioClient('echo.mjs');
    const engine = benchEngine();
    await engine.apply([serverEntry('echo', { type: 'stdio', ...stdioCommand('echo.mjs') })]);
    await engine.whenStarted();
    await compare('stdio', bare, () => engine.callTool('echo', 'echo', { text: 'ping' }));
    await bare.close();
    await engine.dispose();
  }
  {
    const fx = await startHttpFixture('echo.mjs', ['--http']);
    const bare = await bareHttpClient(`${fx.url}/mcp`);
    const engine = benchEngine();
    await engine.apply([serverEntry('echo', { type: 'http', url: `${fx.url}/mcp` })]);
    await engine.whenStarted();
    await compare('http', bare, () => engine.callTool('echo', 'echo', { text: 'ping' }));
    await bare.close();
    await engine.dispose();
    await fx.close();
  }
}
main().then(() => process.exit(0), e => { console.error(e); process.exit(1); });

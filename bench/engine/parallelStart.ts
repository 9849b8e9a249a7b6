// 20 stdio servers started together: wall time against one server's start.
import { performance } from 'node:perf_hooks';
import { stdioCommand } from '../../test/fixtures/servers/index';
import { bareStdioClient, benchEngine, quantile, report, serverEntry } from './common';

async function timeStart(count: number): Promise<number> {
  const engine = benchEngine();
  const entries = Array.from({ length: count }, (_, i) => serverEntry(`s${i}`, { type: 'stdio', ...stdioCommand('echo.mjs') }));
  const t = performance.now();
  await engine.apply(entries);
  await engine.whenStarted();
  const ms = performance.now() - t;
  if (!engine.list().every(s => s.state.kind === 'running')) throw new Error('not all servers started');
  await engine.dispose();
  return ms;
}

async function timeBareStart(count: number): Promise<number> {
  const t = performance.now();
  const clients = await Promise.all(Array.from({ length: count }, () => bareStdioClient('echo.mjs')));
  const ms = performance.now() - t;
  await Promise.all(clients.map(c => c.close()));
  return ms;
}

async function main() {
  const one: number[] = [], twenty: number[] = [], bareTwenty: number[] = [];
  for (let i = 0; i < 3; i++) { one.push(await timeStart(1)); twenty.push(await timeStart(20)); bareTwenty.push(await timeBareStart(20)); }
  report({ bench: 'parallel-start', metric: 'start-20-stdio-servers-ms-vs-one-server', value: quantile(twenty, 0.5), baseline: quantile(one, 0.5), target: 'ratio <= 1.5 (bounded below by the servers\' own boot CPU over the cores available)' });
  report({ bench: 'parallel-start', metric: 'start-20-stdio-servers-ms-vs-bare-sdk-20', value: quantile(twenty, 0.5), baseline: quantile(bareTwenty, 0.5), target: 'ratio ~1: the engine adds no serialisation' });
  report({ bench: 'parallel-start', metric: 'cpu-cores', value: (await import('node:os')).cpus().length, baseline: 1 });
}
main().then(() => process.exit(0), e => { console.error(e); process.exit(1); });

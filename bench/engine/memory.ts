// 100,000 calls with the tap on: heap growth stays bounded by the ring buffer's capacity. Run with --expose-gc.
import { stdioCommand } from '../../test/fixtures/servers/index';
import { benchEngine, drive, report, serverEntry } from './common';

const CALLS = Number(process.env.BENCH_MEMORY_CALLS ?? 100_000);
const CAPACITY = 10_000;
const gc = () => { (globalThis as { gc?: () => void }).gc?.(); (globalThis as { gc?: () => void }).gc?.(); };
const heapMb = () => { gc(); return process.memoryUsage().heapUsed / 1024 / 1024; };

async function main() {
  const engine = benchEngine(CAPACITY);
  await engine.apply([serverEntry('echo', { type: 'stdio', ...stdioCommand('echo.mjs') })]);
  await engine.whenStarted();
  await drive(CAPACITY, 16, () => engine.callTool('echo', 'echo', { text: 'x'.repeat(100) }));
  const full = heapMb();
  await drive(CALLS, 16, () => engine.callTool('echo', 'echo', { text: 'x'.repeat(100) }));
  const after = heapMb();
  engine.traffic.flush();
  report({ bench: 'memory', metric: `heap-growth-mb-after-${CALLS}-calls-with-buffer-full`, value: after - full, baseline: full, unit: 'MB', target: `growth ~0 once ${CAPACITY} records are buffered` });
  report({ bench: 'memory', metric: 'records-retained', value: engine.traffic.size, baseline: CAPACITY, target: 'ratio <= 1' });
  await engine.dispose();
}
main().then(() => process.exit(0), e => { console.error(e); process.exit(1); });

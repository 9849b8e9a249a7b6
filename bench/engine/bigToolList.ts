// tools/list with 10,000 tools that have output schemas: engine (lazy validators) against the bare SDK listTools().
import { performance } from 'node:perf_hooks';
import { stdioCommand } from '../../test/fixtures/servers/index';
import { bareStdioClient, benchEngine, quantile, report, serverEntry } from './common';

async function main() {
  const bare = await bareStdioClient('many-tools.mjs', '--count', '10000');
  const engine = benchEngine();
  await engine.apply([serverEntry('many', { type: 'stdio', ...stdioCommand('many-tools.mjs', '--count', '10000') })]);
  await engine.whenStarted();
  const b: number[] = [], e: number[] = [];
  for (let i = 0; i < 5; i++) {
    let t = performance.now(); await bare.listTools(); b.push(performance.now() - t);
    t = performance.now(); await engine.refreshCatalog('many'); e.push(performance.now() - t);
  }
  report({ bench: 'big-tool-list', metric: 'tools-list-10000-with-output-schemas-ms', value: quantile(e, 0.5), baseline: quantile(b, 0.5), target: 'ratio <= 0.25' });
  await bare.close();
  await engine.dispose();
}
main().then(() => process.exit(0), e => { console.error(e); process.exit(1); });

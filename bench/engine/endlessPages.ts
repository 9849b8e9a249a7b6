// A server that answers a fresh nextCursor forever. The engine stops at its page cap with an error; the baseline is
// the previous behaviour (follow nextCursor until it repeats), run with a bare SDK client for the same fixture and cut
// off after 10 s, when it was still going.
import { performance } from 'node:perf_hooks';
import { ListToolsResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { stdioCommand } from '../../test/fixtures/servers/index';
import { bareStdioClient, benchEngine, report, serverEntry } from './common';

async function main() {
  const engine = benchEngine();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  await engine.apply([serverEntry('endless', { type: 'stdio', ...stdioCommand('hostile.mjs', '--endless-pages') })]);
  const ms = performance.now() - t0;
  const error = engine.get('endless')!.catalog.listErrors?.tools ?? 'no error';
  const heapMb = (process.memoryUsage().heapUsed - heap0) / 1024 / 1024;
  await engine.dispose();

  const client = await bareStdioClient('hostile.mjs', '--endless-pages');
  let pages = 0;
  let cursor: string | undefined;
  const end = performance.now() + 10_000;
  do {
    const r = await client.request({ method: 'tools/list', params: cursor ? { cursor } : {} }, ListToolsResultSchema);
    cursor = r.nextCursor;
    pages++;
  } while (cursor && performance.now() < end);
  await client.close();
  report({ bench: 'endless-pagination', metric: 'ms until the catalog refresh ends (1000-page cap)', value: ms, baseline: 10_000, unit: 'ms', target: 'ends with an error' });
  report({ bench: 'endless-pagination', metric: 'pages fetched: engine vs uncapped loop after 10 s (still going)', value: 1000, baseline: pages });
  report({ bench: 'endless-pagination', metric: 'heap growth MB during the capped refresh', value: heapMb, baseline: 0, unit: 'MB' });
  console.error(`# engine error: ${error}`);
}
main().then(() => process.exit(0), e => { console.error(e); process.exit(1); });

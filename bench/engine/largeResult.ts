// Peak memory of one large tools/call result over stdio (50 and 200 MB of text): extra peak RSS per MB of result.
// Each size runs in a fresh child process so its peak is its own. Baseline: 1 MB per MB (the result string itself).
import { spawnSync } from 'node:child_process';
import { stdioCommand } from '../../test/fixtures/servers/index';
import { createEngine } from '../../src/mcp/createEngine';
import { report, serverEntry } from './common';

const maxRssMb = () => process.resourceUsage().maxRSS / 1024;

async function measure(mb: number): Promise<void> {
  const engine = createEngine({ sdk: { shutdown: { stdinGraceMs: 200, termGraceMs: 500 } } });
  await engine.apply([serverEntry('huge', { type: 'stdio', ...stdioCommand('huge.mjs') })]);
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss / 1024 / 1024;
  const result = await engine.callTool('huge', 'huge', { mb });
  const text = (result.content[0] as { text: string }).text.length;
  const peak = maxRssMb();
  process.stdout.write(JSON.stringify({ mb, textMb: text / 1024 / 1024, extraPeakMb: peak - before }) + '\n');
  await engine.dispose();
}

if (process.argv[2] === '--child') {
  measure(Number(process.argv[3])).then(() => process.exit(0), e => { console.error(e); process.exit(1); });
} else {
  for (const mb of [50, 200]) {
    const r = spawnSync(process.execPath, ['--expose-gc', '--no-warnings', '--import', 'tsx', __filename, '--child', String(mb)], { encoding: 'utf8', timeout: 10 * 60_000 });
    if (r.status !== 0) throw new Error(`child for ${mb} MB failed: ${r.stderr}`);
    const { extraPeakMb } = JSON.parse(r.stdout.trim().split('\n').pop()!) as { extraPeakMb: number };
    report({ bench: 'large-result', metric: `${mb} MB result: peak RSS MB per MB`, value: extraPeakMb / mb, baseline: 1, unit: 'MB/MB', target: 'as few copies as possible' });
  }
}

// One endless stderr line (10 MB and 40 MB, in 64 KiB pipe chunks): the capped splitter against the splitter it
// replaced, which re-split the whole accumulated line on every chunk (quadratic).
import { performance } from 'node:perf_hooks';
import { StderrLines } from '../../src/mcp/stderrLines';
import { report } from './common';

function previousSplitter(onLine: (line: string) => void) {
  let rest = '';
  return (text: string) => {
    const parts = (rest + text).split(/\r?\n/);
    rest = parts.pop() ?? '';
    for (const line of parts) if (line.length) onLine(line);
  };
}

function time(push: (text: string) => void, mb: number): number {
  const chunk = 'e'.repeat(64 * 1024);
  const t0 = performance.now();
  for (let i = 0; i < mb * 16; i++) push(chunk);
  push('\n');
  return performance.now() - t0;
}

for (const mb of [10, 40]) {
  const capped = new StderrLines(() => {});
  const value = time(text => capped.push(text), mb);
  const baseline = time(previousSplitter(() => {}), mb);
  report({ bench: 'stderr-long-line', metric: `${mb} MB line, ms`, value, baseline, unit: 'ms', target: 'linear, < 100 ms' });
}

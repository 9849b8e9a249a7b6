// Client instructions per tools/call, ours against the bare SDK v2, counted by valgrind (callgrind): a count that the
// load of the machine cannot change, unlike CPU time (which moves ±15-30 % between identical runs on a busy machine).
// Not part of `npm run bench` (about 10 minutes). Needs valgrind (`apt-get install valgrind`).
//   node bench/profile/instructionsPerCall.mjs [calls=1000] [stdio|http]
// Each figure runs callLoop.ts or httpLoop.ts (bundled once, so no compiler runs under valgrind) twice, with 200 and 200+calls
// calls after the same warm-up, and divides the difference: start-up and warm-up cancel out. The server is a child
// process and is not counted. Kernel time (the pipe writes and reads, the same for both clients) is not counted either.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const calls = Number(process.argv[2] ?? 1000);
const only = process.argv[3];
if (spawnSync('valgrind', ['--version']).status !== 0) {
  console.error('valgrind is not installed: apt-get install valgrind');
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'instr-'));
// ESM, so the fixtures are found from the working directory (test/fixtures/servers/index.ts falls back to it).
async function bundle(name) {
  const outfile = join(dir, `${name}.mjs`);
  await build({
    entryPoints: [`bench/profile/${name}.ts`], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'error',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  return outfile;
}

function instructions(loop, args) {
  const r = spawnSync('valgrind', ['--tool=callgrind', `--callgrind-out-file=${join(dir, 'out')}`, process.execPath, loop, ...args.map(String)], { encoding: 'utf8', timeout: 20 * 60_000 });
  const m = /Collected : (\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) throw new Error(`callgrind run of ${args.join(' ')} failed (exit ${r.status}):\n${(r.stderr ?? '').slice(-2000)}`);
  return Number(m[1]);
}

// [figure name, loop, arguments after client, calls and concurrency]
const figures = [['stdio-legacy', 'callLoop', ['echo.mjs']], ['stdio-modern', 'callLoop', ['modern.mjs']], ['http-legacy', 'httpLoop', []]]
  .filter(([name]) => !only || name.startsWith(only));
try {
  for (const [name, loopName, extra] of figures) {
    const loop = await bundle(loopName);
    for (const concurrency of [1, 32]) {
      const perCall = {};
      for (const client of ['ours', 'v2']) {
        const count = n => instructions(loop, [client, n, concurrency, ...extra]);
        perCall[client] = (count(200 + calls) - count(200)) / calls;
      }
      const mode = concurrency === 1 ? 'sequential' : `${concurrency}-in-flight`;
      console.log(JSON.stringify({
        bench: `instructions-${name}`, metric: `client-instructions-per-call-${mode}-vs-bare-v2`,
        value: Math.round(perCall.ours), baseline: Math.round(perCall.v2), ratio: Math.round(perCall.ours / perCall.v2 * 1000) / 1000, target: 'ratio <= 1.05',
      }));
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

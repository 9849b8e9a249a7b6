// 10,000 calls over streamable HTTP must print no MaxListenersExceededWarning (the SDK piles abort listeners onto one signal).
import { startHttpFixture } from '../../test/fixtures/servers/index';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { bareHttpClient, benchEngine, drive, report, serverEntry } from './common';

const CALLS = Number(process.env.BENCH_LEAK_CALLS ?? 10_000);

async function main() {
  const warnings: string[] = [];
  process.on('warning', w => { if (w.name === 'MaxListenersExceededWarning') warnings.push(w.message); });
  const fx = await startHttpFixture('echo.mjs', ['--http']);
  const bare = await bareHttpClient(`${fx.url}/mcp`);
  await drive(CALLS, 32, () => bare.callTool({ name: 'echo', arguments: { text: 'x' } }));
  const bareWarnings = warnings.length;
  await bare.close();
  warnings.length = 0;
  // SDK v2 over 2025-era HTTP: does it still pile listeners onto one signal (is our abort guard still needed)?
  const v2 = new Client({ name: 'bench-v2', version: '1' });
  await v2.connect(new StreamableHTTPClientTransport(new URL(`${fx.url}/mcp`)));
  await drive(CALLS, 32, () => v2.callTool({ name: 'echo', arguments: { text: 'x' } }));
  await new Promise(r => setTimeout(r, 100));
  const v2Warnings = warnings.length;
  await v2.close();
  warnings.length = 0;
  const engine = benchEngine();
  await engine.apply([serverEntry('echo', { type: 'http', url: `${fx.url}/mcp` })]);
  await engine.whenStarted();
  await drive(CALLS, 32, () => engine.callTool('echo', 'echo', { text: 'x' }));
  await new Promise(r => setTimeout(r, 100));
  report({ bench: 'listener-leak', metric: `MaxListenersExceededWarning-count-${CALLS}-http-calls`, value: warnings.length, baseline: bareWarnings, target: 'value = 0' });
  report({ bench: 'listener-leak', metric: `MaxListenersExceededWarning-count-${CALLS}-http-calls-vs-bare-v2`, value: warnings.length, baseline: v2Warnings, target: 'value = 0' });
  await engine.dispose();
  await fx.close();
}
main().then(() => process.exit(0), e => { console.error(e); process.exit(1); });

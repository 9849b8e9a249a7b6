// A bare call loop for profilers (not part of `npm run bench`): `node callLoop.mjs <ours|v2|v1> <calls> <concurrency>`
// connects one client to the stdio echo fixture, warms up, then runs the calls. Run it twice with different call
// counts under `valgrind --tool=callgrind` (or with --cpu-prof) and divide the difference: instructions per call.
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as StdioV1 } from '@modelcontextprotocol/sdk/client/stdio.js';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { stdioCommand } from '../../test/fixtures/servers/index';
import { benchEngine, drive, serverEntry } from '../engine/common';

async function side(kind: string, fixture: string): Promise<{ call: () => Promise<unknown>; close: () => Promise<unknown> }> {
  const target = stdioCommand(fixture);
  const args = { text: 'ping' };
  if (kind === 'v1') {
    const client = new ClientV1({ name: 'bench-v1', version: '1' });
    await client.connect(new StdioV1({ ...target, stderr: 'pipe' }));
    return { call: () => client.callTool({ name: 'echo', arguments: args }), close: () => client.close() };
  }
  if (kind === 'v2') {
    const client = new Client({ name: 'bench-v2', version: '1' }, fixture === 'modern.mjs' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {});
    await client.connect(new StdioClientTransport({ ...target, stderr: 'pipe' }));
    await client.listTools();
    return { call: () => client.callTool({ name: 'echo', arguments: args }), close: () => client.close() };
  }
  const engine = benchEngine(Number(process.env.TRAFFIC_CAPACITY ?? 10_000));
  await engine.apply([serverEntry('s', { type: 'stdio', ...target })]);
  await engine.whenStarted();
  return { call: () => engine.callTool('s', 'echo', args), close: () => engine.dispose() };
}

async function main(): Promise<void> {
  const [kind = 'ours', calls = '1000', concurrency = '1', fixture = 'echo.mjs'] = process.argv.slice(2);
  const s = await side(kind, fixture);
  await drive(200, Number(concurrency), s.call);
  const cpu0 = process.cpuUsage();
  await drive(Number(calls), Number(concurrency), s.call);
  const used = process.cpuUsage(cpu0);
  console.log(JSON.stringify({ client: kind, calls: Number(calls), concurrency: Number(concurrency), cpuUsPerCall: Math.round((used.user + used.system) / Number(calls) * 10) / 10 }));
  await s.close();
}
main().then(() => process.exit(0), e => { console.error(e); process.exit(1); });

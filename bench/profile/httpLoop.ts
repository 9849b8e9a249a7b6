// The HTTP call loop for profilers (not part of `npm run bench`): `node --import tsx httpLoop.ts <ours|v2> <calls>
// <concurrency> [text chars]` starts the echo fixture over streamable HTTP, connects one client, warms up, then runs the
// calls (echo sends the text back, so request and result both carry it).
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { startHttpFixture } from '../../test/fixtures/servers/index';
import { benchEngine, drive, serverEntry } from '../engine/common';

async function main(): Promise<void> {
  const [kind = 'ours', calls = '1000', concurrency = '1', chars = '4'] = process.argv.slice(2);
  const fx = await startHttpFixture('echo.mjs', ['--http']);
  const url = `${fx.url}/mcp`;
  const args = { text: 'x'.repeat(Number(chars)) };
  let call: () => Promise<unknown>;
  let close: () => Promise<unknown>;
  if (kind === 'v2') {
    const client = new Client({ name: 'bench-v2', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    await client.listTools();
    call = () => client.callTool({ name: 'echo', arguments: args });
    close = () => client.close();
  } else {
    const engine = benchEngine();
    await engine.apply([serverEntry('s', { type: 'http', url })]);
    await engine.whenStarted();
    call = () => engine.callTool('s', 'echo', args);
    close = () => engine.dispose();
  }
  await drive(300, Number(concurrency), call);
  const cpu0 = process.cpuUsage();
  await drive(Number(calls), Number(concurrency), call);
  const used = process.cpuUsage(cpu0);
  console.log(JSON.stringify({ client: kind, calls: Number(calls), concurrency: Number(concurrency), textChars: args.text.length, cpuUsPerCall: Math.round((used.user + used.system) / Number(calls) * 10) / 10 }));
  await close();
  await fx.close();
}
main().then(() => process.exit(0), e => { console.error(e); process.exit(1); });

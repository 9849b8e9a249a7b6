// The tap's own cost per call (not part of `npm run bench`): request + response through TrafficTap into a 10,000-record
// store, for a transport that hands over message objects only (the SDK's HTTP and SSE: the tap serializes them) versus
// one that shares its JSON text (as ManagedStdioTransport does). The transport itself does the same work in both: parse
// the line, stringify the request. `node --import tsx bench/profile/tapCost.ts [calls] [result text chars]`.
import { PerformanceObserver } from 'node:perf_hooks';
import { MetricsRegistry } from '../../src/core/metrics/metricsRegistry';
import { TrafficTap, type JsonRpcTransportLike } from '../../src/core/traffic/tap';
import { TrafficStore } from '../../src/core/traffic/trafficStore';

const N = Number(process.argv[2] ?? 200_000);
const RESULT_TEXT = 'x'.repeat(Number(process.argv[3] ?? 200));
let gcMs = 0;
new PerformanceObserver(list => { for (const e of list.getEntries()) gcMs += e.duration; }).observe({ entryTypes: ['gc'] });

function transport(shareText: boolean): JsonRpcTransportLike & { answer(line: string): void } {
  const t: any = {
    start: async () => {}, close: async () => {},
    send: async (m: unknown) => { JSON.stringify(m); },
    answer(line: string) { const m = JSON.parse(line); if (t.onmessageText) t.onmessageText(m, line); else t.onmessage?.(m); },
  };
  if (shareText) t.sendText = async () => {};
  return t;
}

async function run(shareText: boolean): Promise<{ cpuUs: number; gcMs: number }> {
  const store = new TrafficStore({ capacity: 10_000 });
  const metrics = new MetricsRegistry();
  const tap = new TrafficTap({ server: 's', store, metrics });
  const inner = transport(shareText);
  const wrapped = tap.wrap(inner);
  wrapped.onmessage = () => {};
  const text = RESULT_TEXT;
  const c0 = process.cpuUsage();
  const gc0 = gcMs;
  for (let id = 1; id <= N; id++) {
    void wrapped.send({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'echo', arguments: { text: 'ping' } } });
    inner.answer(`{"jsonrpc":"2.0","id":${id},"result":{"content":[{"type":"text","text":"${text}"}]}}`);
    if (id % 1000 === 0) await new Promise(r => setImmediate(r));
  }
  const u = process.cpuUsage(c0);
  await new Promise(r => setTimeout(r, 50));
  store.dispose();
  metrics.dispose();
  return { cpuUs: (u.user + u.system) / N, gcMs: gcMs - gc0 };
}

async function main(): Promise<void> {
  await run(true); await run(false);
  const rows: Record<string, number[]> = { objects: [], text: [], objectsGc: [], textGc: [] };
  for (let round = 0; round < 4; round++) {
    for (const share of round % 2 ? [true, false] : [false, true]) {
      const r = await run(share);
      rows[share ? 'text' : 'objects'].push(r.cpuUs);
      rows[share ? 'textGc' : 'objectsGc'].push(r.gcMs);
    }
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
  console.log(JSON.stringify({ bench: 'tap-cost', calls: N, resultChars: RESULT_TEXT.length, cpuUsPerCallObjects: +med(rows.objects).toFixed(3), cpuUsPerCallText: +med(rows.text).toFixed(3), gcMsObjects: +med(rows.objectsGc).toFixed(1), gcMsText: +med(rows.textGc).toFixed(1) }));
}
main().then(() => process.exit(0), e => { console.error(e); process.exit(1); });

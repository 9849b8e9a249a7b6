// Ingest: 100,000 records go through the real host pipeline — the engine's TrafficStore (onDidAppend batched every
// 50 ms) and the inspector's TrafficPump (≤ one message per 50 ms, ≤ 2,000 records each) — serialized as JSON over a
// socket to the page in Chromium (server-sent events standing in for VS Code's webview postMessage), ingested and
// rendered by the UI. Measures end-to-end messages per second (first append in Node → the page has rendered the last
// record) and the page's frame times during ingest (requestAnimationFrame deltas). INSPECTOR_TIMELINE=1 prints the
// longest frames with their index and the long tasks inside them; INSPECTOR_MAX_BATCH / INSPECTOR_INTERVAL change the pump.
/* global window, document, requestAnimationFrame, MutationObserver, PerformanceObserver */
import { importTs, bulkRecords } from '../../test/e2e/inspector/harness.mjs';
import { setup, report, percentile, run } from './common.mjs';

const N = 100_000;
const TARGET_RATE = 20_000;
const TARGET_FRAME_P95 = 50;
const PRODUCER_CHUNK = 500;

run(async () => {
  const { TrafficPump } = await importTs('src/inspector/trafficPump.ts');
  const { TrafficStore } = await importTs('src/core/traffic/trafficStore.ts');
  const { encodeRecords } = await importTs('src/shared/inspectorProtocol.ts');
  const env = await setup({ sse: '1' });
  const { page, server } = env;
  while (server.sseClients < 1) await new Promise(r => setTimeout(r, 20));

  await server.send({ type: 'init', records: [], servers: [], settings: { batchIntervalMs: 50, replayEnabled: true }, capacity: N });
  await page.waitForFunction(() => document.getElementById('app').dataset.records === '0');

  // Frame recorder and completion detector in the page.
  await page.evaluate(target => {
    const app = document.getElementById('app');
    const deltas = [];
    const frameEnds = [];
    let last = performance.now();
    let running = true;
    const tick = now => { deltas.push(now - last); frameEnds.push(now); last = now; if (running) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    // When each host message was handled and how long the page's handlers took (this listener runs after the app's).
    const messages = [];
    window.addEventListener('message', e => {
      const t = performance.now();
      queueMicrotask(() => messages.push({ at: t, ms: performance.now() - t, type: e.data?.type }));
    });
    window.__bench = { deltas, frameEnds, messages, doneAt: 0 };
    new MutationObserver(() => {
      if (!window.__bench.doneAt && Number(app.dataset.records) >= target) { window.__bench.doneAt = Date.now(); running = false; }
    }).observe(app, { attributes: true, attributeFilter: ['data-records'] });
  }, N);

  // INSPECTOR_PROFILE=file.cpuprofile: the page's CPU profile during ingest, to find what makes a frame long.
  const cdp = process.env.INSPECTOR_PROFILE ? await page.context().newCDPSession(page) : undefined;
  if (cdp) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 200 }); await cdp.send('Profiler.start'); }
  // Long tasks and the time the page spent in each host message, to tell the page's own work from a busy machine.
  await page.evaluate(() => {
    window.__bench.longTasks = [];
    window.__bench.longTaskTimes = [];
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) {
        window.__bench.longTasks.push(Math.round(e.duration));
        window.__bench.longTaskTimes.push({ start: e.startTime, ms: e.duration, name: e.name });
      }
    }).observe({ entryTypes: ['longtask'] });
  });

  const store = new TrafficStore({ capacity: N, maxTotalBytes: 1e9 });
  const pump = new TrafficPump({
    // As InspectorPanel does: the batch travels pre-serialized.
    send: records => { void server.send({ type: 'append', recordsJson: encodeRecords(records) }); },
    resync: () => { throw new Error('unexpected resync'); },
    capacity: () => N,
    intervalMs: Number(process.env.INSPECTOR_INTERVAL ?? 50),
    ...(process.env.INSPECTOR_MAX_BATCH ? { maxBatch: Number(process.env.INSPECTOR_MAX_BATCH) } : {}),
  });
  pump.setReady(true);
  store.onDidAppend(records => pump.push(records));

  // The tap: records without seq, appended as fast as the event loop allows (a firehose, not a paced source).
  const records = bulkRecords(N).map(({ seq: _seq, requestSeq, ...r }) => ({ ...r, _req: requestSeq }));
  const t0 = Date.now();
  const seqOf = new Map();
  for (let i = 0; i < N; i += PRODUCER_CHUNK) {
    for (let k = i; k < Math.min(N, i + PRODUCER_CHUNK); k++) {
      const { _req, ...r } = records[k];
      if (_req !== undefined) r.requestSeq = seqOf.get(_req);
      const stored = store.append(r);
      seqOf.set(k + 1, stored.seq);
    }
    await new Promise(r => setImmediate(r));
  }
  const producedMs = Date.now() - t0;
  await page.waitForFunction(() => window.__bench.doneAt > 0, undefined, { timeout: 120_000, polling: 100 });
  const { doneAt, deltas, longTasks, frameEnds, longTaskTimes } = await page.evaluate(() => ({ doneAt: window.__bench.doneAt, deltas: window.__bench.deltas.slice(1), longTasks: window.__bench.longTasks, frameEnds: window.__bench.frameEnds.slice(1), longTaskTimes: window.__bench.longTaskTimes }));
  // INSPECTOR_TIMELINE=1: the longest frames, when they came (frame index) and the long tasks inside them.
  if (process.env.INSPECTOR_TIMELINE) {
    const frames = deltas.map((ms, i) => ({ i, ms: Math.round(ms), end: frameEnds[i] })).sort((a, b) => b.ms - a.ms).slice(0, 12);
    for (const f of frames) {
      const tasks = longTaskTimes.filter(t => t.start >= f.end - f.ms - 1 && t.start < f.end).map(t => `${t.name}:${Math.round(t.ms)}`);
      process.stderr.write(`# frame ${f.i}/${deltas.length}: ${f.ms} ms; long tasks ${tasks.join(' ') || 'none'}\n`);
    }
  }
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    (await import('node:fs')).writeFileSync(process.env.INSPECTOR_PROFILE, JSON.stringify(profile));
  }
  const elapsed = doneAt - t0;
  const rate = N / (elapsed / 1000);
  const p95 = percentile(deltas, 0.95);
  const extra = { records: N, elapsedMs: elapsed, producerMs: producedMs, messages: pump.stats.messages, frames: deltas.length, frameP50Ms: Math.round(percentile(deltas, 0.5) * 10) / 10, frameMaxMs: Math.round(Math.max(...deltas) * 10) / 10, longTasks: longTasks.length, longTaskP95Ms: longTasks.length ? percentile(longTasks, 0.95) : 0 };
  report({ bench: 'inspector-ingest', metric: 'end-to-end-msg-per-s', value: rate, baseline: TARGET_RATE, target: 'ratio >= 1', ...extra });
  report({ bench: 'inspector-ingest', metric: 'frame-time-p95-ms', value: p95, baseline: TARGET_FRAME_P95, target: 'ratio < 1' });
  if (env.errors.length) throw env.errors[0];
  store.dispose();
  pump.dispose();
  await env.close();
});

// Browser tests of the inspector's layout at the widths VS Code gives it (side by side with an editor, stacked when
// the chat panel is open) and of the metrics charts' axes. Screenshots: test-results/inspector/layout-*.png.
//   npx mocha --timeout 60000 test/e2e/inspector/layout.test.mjs
/* global describe, it, before, after, afterEach, window, document, getComputedStyle */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import {
  RESULTS, ensureBundle, startServer, launchBrowser, openInspector, hostSend, postedOf, frames, fixtureSession, initMessage,
} from './harness.mjs';

const SHOT = process.env.LAYOUT_SHOT_PREFIX ?? 'layout';

/** The fixture session plus a 6 s call and a call the client cancelled (request, then notifications/cancelled). */
function session() {
  const { records, factory: f } = fixtureSession();
  records.push(...f.exchange({ server: 'echo', method: 'tools/call', tool: 'slow', params: { name: 'slow', arguments: { ms: 6000 } }, result: { content: [{ type: 'text', text: 'done' }] }, durationMs: 6028 }));
  const req = f.request({ server: 'echo', method: 'tools/call', tool: 'slow', params: { name: 'slow', arguments: { ms: 90000 } } });
  const cancel = f.notification({ server: 'echo', method: 'notifications/cancelled', direction: 'out', params: { requestId: req.id, reason: 'The user cancelled the chat request' } });
  Object.assign(cancel, { requestSeq: req.seq, durationMs: 1500, status: 'cancelled', tool: 'slow' });
  records.push(req, cancel);
  return { records, req, cancel };
}

describe('inspector layout (chromium)', function () {
  this.timeout(60_000);
  let server, browser;
  const contexts = [];

  before(async () => {
    await ensureBundle();
    mkdirSync(RESULTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close().catch(() => {});
  });

  async function open(viewport) {
    const { page, errors } = await openInspector(browser, server, { viewport });
    contexts.push(page.context());
    const s = session();
    await hostSend(page, initMessage(s.records));
    await frames(page, 3);
    return { page, errors, ...s };
  }

  /** Cells of the header whose text does not fit (scrollWidth beyond the box) or that lie outside the scroll area. */
  const clipped = page => page.evaluate(() => {
    const out = [];
    for (const c of document.querySelectorAll('.list-header .cell')) {
      if (!c.textContent || getComputedStyle(c).display === 'none') continue;
      if (c.scrollWidth > c.clientWidth + 1) out.push(`${c.textContent}: text clipped`);
    }
    return out;
  });

  it('side by side (list pane narrower than the columns): every column reachable by horizontal scroll, none clipped', async () => {
    const { page, errors } = await open({ width: 1100, height: 700 });
    await page.locator('.vl-viewport .row[data-seq="15"]').click();
    await frames(page, 3);
    await page.screenshot({ path: `${RESULTS}/${SHOT}-side-by-side.png` });
    const geo = await page.evaluate(() => {
      const list = document.querySelector('.list-pane');
      const scroller = document.querySelector('.list-scroll') ?? list;
      const header = document.querySelector('.list-header');
      const size = [...header.children].find(c => c.textContent === 'Size');
      return { client: scroller.clientWidth, scroll: scroller.scrollWidth, overflowX: getComputedStyle(scroller).overflowX, headerWidth: header.scrollWidth, sizeRight: size.getBoundingClientRect().right - header.getBoundingClientRect().left };
    });
    assert.ok(geo.sizeRight <= geo.scroll + 1, `the Size column lies inside the scrollable width: ${JSON.stringify(geo)}`);
    if (geo.scroll > geo.client) assert.ok(['auto', 'scroll'].includes(geo.overflowX), `horizontal scroll where the columns are wider: ${JSON.stringify(geo)}`);
    assert.deepEqual(await clipped(page), []);
    // Scrolled fully right, the Size column is on screen.
    await page.evaluate(() => { const s = document.querySelector('.list-scroll'); if (s) s.scrollLeft = s.scrollWidth; });
    await frames(page, 2);
    const sizeVisible = await page.evaluate(() => {
      const size = [...document.querySelectorAll('.list-header .cell')].find(c => c.textContent === 'Size');
      const pane = document.querySelector('.list-pane').getBoundingClientRect();
      const r = size.getBoundingClientRect();
      return r.left >= pane.left - 1 && r.right <= pane.right + 1;
    });
    assert.ok(sizeVisible, 'Size column visible after scrolling right');
    assert.deepEqual(errors.map(e => e.message), []);
  });

  it('columns can be resized by dragging a header edge, and the width is kept in the saved state', async () => {
    const { page } = await open({ width: 1400, height: 700 });
    const method = page.locator('.list-header .cell', { hasText: /^Method$/ });
    const before = (await method.boundingBox()).width;
    const handle = page.locator('.list-header .col-resize[data-col="method"]');
    const hb = await handle.boundingBox();
    await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
    await page.mouse.down();
    await page.mouse.move(hb.x + hb.width / 2 + 120, hb.y + hb.height / 2, { steps: 4 });
    await page.mouse.up();
    await frames(page, 2);
    const after = (await method.boundingBox()).width;
    assert.ok(after > before + 100, `Method widened: ${before} → ${after}`);
    // The rows follow the header.
    const rowCell = await page.locator('.vl-viewport .row[data-seq="15"] .c5').boundingBox();
    assert.ok(Math.abs(rowCell.width - after) < 2, `row cell ${rowCell.width} vs header ${after}`);
    await page.waitForFunction(() => window.__host.posted('setState').some(m => (m.state.columnWidths?.method ?? 0) > 0));
  });

  it('stacked (narrow panel, chat open): TIME is whole and the selected payload is on screen', async () => {
    const { page, errors } = await open({ width: 560, height: 640 });
    await page.locator('.vl-viewport .row[data-seq="15"]').click();
    // The detail pane renders on the next frames after the click; wait for its payload, not a frame count.
    await page.waitForSelector('.detail .json-tree, .detail pre, .detail .jt', { state: 'visible' });
    await frames(page, 2);
    await page.screenshot({ path: `${RESULTS}/${SHOT}-stacked.png` });
    const time = await page.$eval('.vl-viewport .row[data-seq="15"] .c1', c => ({ text: c.textContent, fits: c.scrollWidth <= c.clientWidth + 1 }));
    assert.equal(time.fits, true, `TIME ${time.text} is not truncated`);
    const tree = await page.evaluate(() => {
      const t = document.querySelector('.detail .json-tree, .detail pre, .detail .jt');
      if (!t) return undefined;
      const r = t.getBoundingClientRect();
      return { top: r.top, vh: window.innerHeight };
    });
    assert.ok(tree, 'the detail shows a payload');
    assert.ok(tree.top < tree.vh - 40, `the payload starts above the fold: ${JSON.stringify(tree)}`);
    assert.deepEqual(errors.map(e => e.message), []);
  });

  it('one duration format: 6028 ms reads "6.03 s" in the list and the detail; a cancelled call shows "cancelled"', async () => {
    const { page, records, req } = await open({ width: 1400, height: 700 });
    const slow = records.find(r => r.durationMs === 6028);
    const cells = await page.$$eval(`.vl-viewport .row[data-seq="${slow.requestSeq}"] .cell`, cs => cs.map(c => c.textContent));
    assert.equal(cells[8], '6.03 s');
    await page.locator(`.vl-viewport .row[data-seq="${slow.requestSeq}"]`).click();
    await frames(page, 2);
    assert.equal(await page.locator('.detail .badge-latency').textContent(), '6.03 s');
    const cancelled = await page.$$eval(`.vl-viewport .row[data-seq="${req.seq}"] .cell`, cs => cs.map(c => c.textContent));
    assert.equal(cancelled[7], 'cancelled');
    assert.equal(cancelled[8], '1.50 s');
    const pending = await page.$$eval('.vl-viewport .row.status-pending', rs => rs.map(r => Number(r.dataset.seq)));
    assert.ok(!pending.includes(req.seq), 'the cancelled call is not pending');
  });

  it('metrics: y labels whole ("6 s"), throughput ticks without repeats, histogram labels apart; removed servers leave the table', async () => {
    const { page } = await open({ width: 900, height: 900 });
    await page.click('#tab-metrics');
    await hostSend(page, { type: 'metrics', snapshot: slowSnapshot() });
    await frames(page, 3);
    await page.screenshot({ path: `${RESULTS}/${SHOT}-metrics.png` });
    const axes = await page.$$eval('canvas.chart', cs => Object.fromEntries(cs.map(c => [c.getAttribute('aria-label').split(':')[0], JSON.parse(c.dataset.axis ?? 'null')])));
    const lat = axes['Latency over time'];
    assert.ok(lat.y.includes('6 s'), `latency y labels: ${lat.y}`);
    assert.ok(lat.yFits, `latency y labels fit left of the plot: ${JSON.stringify(lat)}`);
    const tput = axes['Throughput over time'];
    assert.equal(new Set(tput.y).size, tput.y.length, `throughput ticks repeat: ${tput.y}`);
    assert.ok(tput.yFits);
    const hist = axes['Latency histogram'];
    assert.ok(hist.x.length >= 3, `histogram labels: ${JSON.stringify(hist.x)}`);
    for (let i = 1; i < hist.x.length; i++) assert.ok(hist.x[i].left > hist.x[i - 1].right, `histogram labels collide: ${JSON.stringify(hist.x)}`);
    // The host says weather is gone: it leaves the table, and the charts (selected: weather) move to a live server.
    await hostSend(page, { type: 'servers', servers: [{ name: 'echo', state: 'running' }] });
    const snap = slowSnapshot();
    delete snap.servers.weather;
    snap.selection = { server: 'echo' };
    await hostSend(page, { type: 'metrics', snapshot: snap });
    await frames(page, 2);
    const names = await page.$$eval('.mt-row.mt-server', trs => trs.map(tr => tr.dataset.server));
    assert.deepEqual(names, ['echo']);
    assert.match(await page.locator('.mt-chart-title').textContent(), /echo/);
    const req = (await postedOf(page, 'requestMetrics')).at(-1);
    assert.notEqual(req?.selection?.server, 'weather');
  });
});

/** A live snapshot where p95 is ~6 s, throughput is 0.2 call/s (ticks 0.05 apart) and the histogram spans 1 ms – 60 s. */
function slowSnapshot() {
  const t0 = Date.UTC(2025, 0, 15, 9, 30, 0);
  const stats = (calls, errors, p50, p95, p99) => ({ calls, errors, timeouts: 0, cancelled: 0, inFlight: 0, p50, p95, p99 });
  const timeline = [];
  for (let i = 0; i < 60; i += 5) timeline.push({ t: t0 + i * 1000, calls: 1, errors: i % 15 === 0 ? 1 : 0, p50: 900 + 100 * (i % 4), max: i === 30 ? 6028 : 1500 });
  const histogram = [];
  for (let le = 1.05; le < 61000; le *= 1.05) histogram.push({ le, count: 1 + Math.round(20 * Math.exp(-Math.pow(Math.log(le) - Math.log(900), 2) / 3)) });
  return {
    at: t0 + 60_000,
    servers: {
      echo: { ...stats(20, 4, 1000, 6028, 6028), connectAttempts: 1, uptimeMs: 60_000, tools: { slow: stats(20, 4, 1000, 6028, 6028) } },
      weather: { ...stats(3, 0, 140, 300, 300), connectAttempts: 1, uptimeMs: 60_000, tools: {} },
    },
    selection: { server: 'weather' },
    histogram,
    timeline,
  };
}

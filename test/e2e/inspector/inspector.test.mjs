// Browser tests of the inspector UI in real Chromium (Debian's /usr/bin/chromium via playwright-core), against the
// built bundle dist/webview/inspector.js on a test page with a stub VS Code host.
//   node esbuild.mjs && npx mocha --timeout 60000 'test/e2e/inspector/*.test.mjs'
/* global describe, it, before, after, afterEach, window, document, getComputedStyle */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import {
  RESULTS, ensureBundle, startServer, launchBrowser, openInspector, hostSend, postedOf, frames, importTs,
  fixtureSession, initMessage, bulkRecords, RecordFactory,
} from './harness.mjs';

describe('inspector UI (chromium)', function () {
  this.timeout(60_000);
  let server, browser, encodeRecords;
  const contexts = [];

  before(async () => {
    ({ encodeRecords } = await importTs('src/shared/inspectorProtocol.ts'));
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

  /**
   * A fresh page with the fixture session loaded, encoded as the real host sends it (payloads as JSON text inside one
   * JSON string) unless `plain` asks for plain objects.
   */
  async function open(opts = {}) {
    const { page, errors } = await openInspector(browser, server, opts);
    contexts.push(page.context());
    if (opts.records !== null) {
      const { records: recs, ...init } = initMessage(opts.records ?? fixtureSession().records, opts.capacity);
      await hostSend(page, opts.plain ? { ...init, records: recs } : { ...init, recordsJson: encodeRecords(recs) });
      await frames(page, 3);
    }
    return { page, errors };
  }

  const visibleRows = page => page.$$eval('.vl-viewport .row:not([hidden])', els => els.map(e => ({
    seq: Number(e.dataset.seq),
    cells: Array.from(e.children).map(c => c.textContent),
    cls: e.className,
    selected: e.getAttribute('aria-selected') === 'true',
  })));
  const rowCount = page => page.$eval('#app', el => Number(el.dataset.rows));
  const mainRows = async page => (await visibleRows(page)).filter(r => !r.cls.includes('is-sub'));
  const rowBySeq = (page, seq) => page.locator(`.vl-viewport .row[data-seq="${seq}"]:not(.is-sub):not([hidden])`);

  it('shows a request and its response as one row with latency, highlights errors, and lists stderr and lifecycle events', async () => {
    const { page, errors } = await open({ plain: true });
    const rows = await mainRows(page);
    assert.equal(await rowCount(page), 16);
    const echo = rows.find(r => r.cells[5] === 'tools/call · echo');
    assert.ok(echo, 'the echo tool call row');
    assert.deepEqual([echo.cells[3], echo.cells[4], echo.cells[7], echo.cells[8]], ['→', 'request', 'ok', '12 ms']);
    const fail = rows.find(r => r.cells[5] === 'tools/call · fail');
    assert.match(fail.cls, /is-error/);
    assert.equal(fail.cells[7], 'error');
    const timeout = rows.find(r => r.cells[5] === 'tools/call · radar');
    assert.match(timeout.cls, /is-error/);
    assert.equal(timeout.cells[7], 'timeout');
    assert.ok(rows.some(r => r.cells[4] === 'stderr' && r.cells[5].includes('warming up')));
    assert.ok(rows.some(r => r.cells[4] === 'lifecycle' && r.cells[5].startsWith('connected (stdio')));
    const pending = rows.find(r => r.cells[7] === 'pending');
    assert.equal(pending.cells[8], '…');
    assert.deepEqual(errors.map(e => e.message), []);
  });

  it('filters by server, method, tool, direction, kind, errors only and minimum latency, combined', async () => {
    const { page } = await open();
    await page.selectOption('#f-server', 'weather');
    await frames(page);
    assert.equal(await rowCount(page), 5);
    await page.selectOption('#f-method', 'tools/call');
    await frames(page);
    assert.deepEqual((await mainRows(page)).map(r => r.cells[5]), ['tools/call · forecast', 'tools/call · radar']);
    await page.check('#f-errors');
    await frames(page);
    assert.deepEqual((await mainRows(page)).map(r => r.cells[5]), ['tools/call · radar']);
    assert.match(await page.textContent('#status'), /1 of 16 rows match/);
    await page.click('#f-reset');
    await frames(page);
    assert.equal(await rowCount(page), 16);
    await page.fill('#f-latency', '100');
    await frames(page);
    assert.deepEqual((await mainRows(page)).map(r => r.cells[8]), ['853 ms', '142 ms', '30.0 s']);
    await page.fill('#f-latency', '');
    await page.selectOption('#f-kind', 'stderr');
    await frames(page);
    assert.equal(await rowCount(page), 2);
    await page.selectOption('#f-kind', '');
    await page.selectOption('#f-direction', 'none');
    await frames(page);
    assert.deepEqual((await mainRows(page)).map(r => r.cells[4]), ['lifecycle', 'lifecycle']);
    await page.selectOption('#f-direction', '');
    await page.selectOption('#f-tool', 'slow');
    await frames(page);
    assert.equal(await rowCount(page), 2, 'the finished and the pending slow call');
    // The method list is the methods seen.
    const methods = await page.$$eval('#f-method option', os => os.map(o => o.value));
    assert.deepEqual(methods, ['', 'initialize', 'notifications/initialized', 'notifications/progress', 'resources/read', 'tools/call', 'tools/list']);
  });

  it('searches the JSON payloads case-insensitively, including responses', async () => {
    const { page } = await open();
    await page.fill('#f-text', 'PARIS');
    await frames(page);
    assert.deepEqual((await mainRows(page)).map(r => r.cells[5]), ['tools/call · forecast']);
    await page.fill('#f-text', 'sunny, 21');
    await frames(page);
    assert.equal(await rowCount(page), 1, 'matches text only present in the response');
    await page.fill('#f-text', 'failed on purpose');
    await frames(page);
    assert.deepEqual((await mainRows(page)).map(r => r.cells[5]), ['tools/call · fail']);
    await page.fill('#f-text', 'no such thing anywhere');
    await frames(page);
    assert.equal(await rowCount(page), 0);
    assert.match(await page.textContent('#status'), /0 of 16 rows match/);
  });

  it('selecting a row shows the detail pane: JSON tree, timing, HTTP details; copy posts the JSON', async () => {
    const { page } = await open();
    await rowBySeq(page, 15).click();
    await frames(page);
    const detail = page.locator('.detail');
    assert.equal(await detail.locator('.detail-title').textContent(), 'tools/call');
    const meta = await detail.locator('dl.meta').allTextContents();
    const all = meta.join(' ');
    assert.match(all, /Latency142 ms/);
    assert.match(all, /Session idsess-7f3a9c/);
    assert.match(all, /HTTP status200/);
    assert.match(all, /MCP-Protocol-Version2025-11-25/, 'the request headers that carry meaning');
    assert.match(all, /Mcp-Session-Idsess-7f3a9c/);
    assert.match(all, /Sent2025-01-15/);
    const keys = await detail.locator('.jt-key').allTextContents();
    assert.ok(keys.includes('"city"') && keys.includes('"structuredContent"'));
    assert.ok((await detail.locator('.jt-str').allTextContents()).includes('"Paris"'));
    // Collapse and expand a node.
    const params = detail.locator('.jt-node', { has: page.locator('> .jt-head > .jt-key', { hasText: '"params"' }) }).first();
    assert.equal(await params.getAttribute('aria-expanded'), 'true');
    await params.locator('> .jt-head').click();
    assert.equal(await params.getAttribute('aria-expanded'), 'false');
    assert.match(await params.locator('> .jt-head .jt-summary').textContent(), /2 keys/);
    await params.locator('> .jt-head > .jt-toggle').press('Enter');
    assert.equal(await params.getAttribute('aria-expanded'), 'true');
    // Copy goes through the host (clipboard access belongs to VS Code).
    await detail.getByRole('button', { name: 'Copy Request JSON' }).click();
    const copies = await postedOf(page, 'copy');
    assert.equal(copies.length, 1);
    assert.deepEqual(JSON.parse(copies[0].text).params.arguments, { city: 'Paris', days: 3 });
    // The row's selection is saved.
    await page.waitForFunction(() => window.__host.posted('setState').some(m => m.state.selectedSeq === 15));
  });

  it('exports the filtered records as JSON Lines and HAR (the message the UI posts)', async () => {
    const { page } = await open();
    await page.selectOption('#f-server', 'weather');
    await page.fill('#f-text', 'forecast');
    await frames(page);
    await page.click('#btn-export-jsonl');
    await page.click('#btn-export-har');
    const exports = await postedOf(page, 'export');
    assert.deepEqual(exports.map(e => e.format), ['jsonl', 'har']);
    const recs = exports[0].records;
    assert.deepEqual(recs.map(r => [r.seq, r.kind]), [[15, 'request'], [16, 'response']]);
    assert.equal(recs[1].requestSeq, 15);
    assert.equal(recs[0].payload.params.arguments.city, 'Paris');
    assert.deepEqual(exports[1].records, recs);
  });

  it('replays an edited request and shows the new exchange as a new, selected row', async () => {
    const { page } = await open();
    await rowBySeq(page, 8).click();
    await frames(page);
    const area = page.locator('.replay-edit');
    const draft = JSON.parse(await area.inputValue());
    assert.deepEqual(draft, { method: 'tools/call', params: { name: 'echo', arguments: { message: 'hello switchboard' } } });
    draft.params.arguments.message = 'replayed!';
    await area.fill(JSON.stringify(draft, null, 2));
    await page.getByRole('button', { name: '▶ Send' }).click();
    const [replay] = await postedOf(page, 'request');
    assert.equal(replay.method, 'replay');
    assert.equal(typeof replay.id, 'number');
    assert.deepEqual(replay.params, { server: 'echo', method: 'tools/call', params: { name: 'echo', arguments: { message: 'replayed!' } } });
    // The stub host answers like the real one: the tap's records arrive as a batch, then the result names the request.
    const f = new RecordFactory(Date.UTC(2025, 0, 15, 9, 31, 0), 100);
    const [req, res] = f.exchange({ server: 'echo', method: 'tools/call', tool: 'echo', params: replay.params.params, result: { content: [{ type: 'text', text: 'replayed!' }] }, durationMs: 9 });
    await hostSend(page, { type: 'append', records: [req, res] });
    // A response to an id nobody asked for is ignored; the matching one settles the replay.
    await hostSend(page, { type: 'response', id: replay.id + 1000, ok: true, result: { ok: false, error: 'not ours', durationMs: 1 } });
    await hostSend(page, { type: 'response', id: replay.id, ok: true, result: { ok: true, result: res.payload.result, durationMs: 9, requestSeq: req.seq } });
    await frames(page, 3);
    assert.equal(await rowCount(page), 17);
    const row = rowBySeq(page, 100);
    assert.equal(await row.getAttribute('aria-selected'), 'true');
    assert.match(await row.textContent(), /tools\/call · echo.*ok.*9\.0 ms/);
    assert.equal(await page.locator('.vl-viewport .row.is-sub').count(), 2, 'the new exchange is expanded');
    assert.match(await page.locator('.notice').textContent(), /✓ tools\/call → echo: ok/);
    const strings = await page.locator('.detail .jt-str').allTextContents();
    assert.ok(strings.includes('"replayed!"'));
    // A failed replay reports the error.
    await page.locator('.replay-edit').fill('{ not json');
    await page.getByRole('button', { name: '▶ Send' }).click();
    assert.match(await page.locator('.replay-out').textContent(), /Invalid JSON/);
  });

  it('renders a hostile payload as text: no <img> element, no script runs (page without CSP)', async () => {
    const { page, errors } = await open({ csp: '0' });
    await page.evaluate(() => { window.__pwned = undefined; });
    await rowBySeq(page, 22).click();
    await frames(page);
    for (const b of await page.locator('.detail').getByRole('button', { name: 'Expand all' }).all()) await b.click();
    await page.locator('.vl-viewport').hover();
    await frames(page, 3);
    // Rendering is done once the markup shows as text; only then does "no element" mean "none was made".
    await page.locator('.detail', { hasText: '"<img src=x onerror=window.__pwned=1>"' }).waitFor();
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('script:not([src])').count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    const text = await page.locator('.detail').textContent();
    assert.ok(text.includes('"<img src=x onerror=window.__pwned=1>"'), 'the markup is shown literally');
    assert.ok(text.includes('"<img src=x onerror=window.__pwned=3>"'), 'also in keys');
    assert.equal(await page.locator('.detail-server').textContent(), 'hostile<b>');
    assert.equal(await page.locator('b').count(), 0);
    const stderr = (await mainRows(page)).find(r => r.cells[4] === 'stderr' && r.cells[2] === 'hostile<b>');
    assert.equal(stderr.cells[5], '<img src=x onerror=window.__pwned=4> stderr');
    assert.deepEqual(errors.map(e => e.message), []);
  });

  it('is usable with the keyboard: arrows, Enter, /, Escape', async () => {
    const { page } = await open();
    await page.locator('#list').focus();
    await page.keyboard.press('Home');
    await frames(page);
    assert.equal(await page.locator('.row[aria-selected="true"]').getAttribute('data-seq'), '1');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await frames(page);
    assert.equal(await page.locator('.row[aria-selected="true"]').getAttribute('data-seq'), '4');
    await page.keyboard.press('ArrowUp');
    await frames(page);
    const sel = page.locator('.row[aria-selected="true"]');
    assert.equal(await sel.getAttribute('data-seq'), '2');
    assert.equal(await page.locator('#list').getAttribute('aria-activedescendant'), 'row-selected');
    assert.equal(await page.locator('.detail-title').textContent(), 'initialize');
    // Enter expands the exchange into its request and response lines.
    await page.keyboard.press('Enter');
    await frames(page);
    const subs = await page.$$eval('.row.is-sub:not([hidden])', els => els.map(e => e.children[4].textContent));
    assert.deepEqual(subs, ['↳ request', '↳ response']);
    // Moving down skips the sub-lines to the next row.
    await page.keyboard.press('ArrowDown');
    await frames(page);
    assert.equal(await page.locator('.row[aria-selected="true"]').getAttribute('data-seq'), '4');
    await page.keyboard.press('ArrowUp');
    // Escape collapses, then clears the selection.
    await page.keyboard.press('Escape');
    await frames(page);
    assert.equal(await page.locator('.row.is-sub:not([hidden])').count(), 0);
    await page.keyboard.press('Escape');
    await frames(page);
    assert.equal(await page.locator('.row[aria-selected="true"]').count(), 0);
    // '/' focuses the search; Escape clears it; Enter returns to the list.
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'f-text');
    await page.keyboard.type('paris');
    await frames(page);
    assert.equal(await rowCount(page), 1);
    await page.keyboard.press('Escape');
    await frames(page);
    assert.equal(await page.inputValue('#f-text'), '');
    assert.equal(await rowCount(page), 16);
    await page.keyboard.press('/');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'list');
    // The metrics tab is reachable from the tab list with arrow keys.
    await page.locator('#tab-messages').focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.locator('#tab-metrics').getAttribute('aria-selected'), 'true');
  });

  it('restores filters, selection, expansion and tab after a reload (vscode.setState)', async () => {
    const { page } = await open();
    await page.selectOption('#f-server', 'echo');
    await page.fill('#f-text', 'tools');
    await frames(page);
    await rowBySeq(page, 10).click();
    await page.locator('#list').press('Enter');
    await page.waitForFunction(() => window.__posted?.some(m => m.type === 'setState' && m.state.selectedSeq === 10 && m.state.expandedSeq === 10 && m.state.filters?.text === 'tools'));
    await page.reload();
    await page.waitForFunction(() => window.__posted?.some(m => m.type === 'ready'));
    assert.equal(await page.inputValue('#f-text'), 'tools');
    await hostSend(page, initMessage(fixtureSession().records));
    await frames(page, 3);
    assert.equal(await page.inputValue('#f-server'), 'echo');
    assert.equal(await page.locator('.row[aria-selected="true"]').getAttribute('data-seq'), '10');
    assert.equal(await page.locator('.row.is-sub:not([hidden])').count(), 2);
    assert.equal(await page.locator('.detail-title').textContent(), 'tools/call');
    // Tab restore. A tab the user picks is saved by the click itself (not after a debounce), so a reload or a closed
    // window right after it still restores it.
    const savedByTheClick = await page.evaluate(() => {
      globalThis.document.querySelector('#tab-metrics').click();
      return window.__posted.some(m => m.type === 'setState' && m.state.tab === 'metrics');
    });
    assert.equal(savedByTheClick, true, 'the Metrics tab is saved as it is clicked');
    await page.reload();
    await page.waitForFunction(() => window.__posted?.some(m => m.type === 'ready'));
    assert.equal(await page.locator('#tab-metrics').getAttribute('aria-selected'), 'true');
    assert.equal(await page.locator('#panel-messages').isHidden(), true);
  });

  it('virtualizes: 20,000 rows, only the visible ones in the DOM, and scrolling shows the right rows', async () => {
    const { page } = await open({ records: bulkRecords(40_000), capacity: 100_000 });
    assert.equal(await rowCount(page), 20_000);
    const inDom = await page.locator('.vl-viewport .row').count();
    assert.ok(inDom < 60, `${inDom} row elements`);
    // Auto-scroll starts at the newest row.
    const last = (await mainRows(page)).at(-1);
    assert.equal(last.seq, 39_999);
    await page.locator('#list').focus();
    await page.keyboard.press('Home');
    await frames(page);
    assert.equal((await mainRows(page))[0].seq, 1);
    assert.equal(await page.locator('#chk-autoscroll').isChecked(), false);
    await page.evaluate(() => { const v = document.querySelector('.vl-viewport'); v.scrollTop = 10_000 * 22; });
    await frames(page, 3);
    const mid = (await mainRows(page)).map(r => r.seq);
    assert.ok(mid.includes(10_000 * 2 + 1), `row seq 20001 in view: ${mid[0]}…${mid.at(-1)}`);
    assert.ok((await page.locator('.vl-viewport .row').count()) < 60);
  });

  it('a list that gets shorter keeps no stale rows: hidden pooled rows hold no text, index or selection', async () => {
    const { page } = await open();
    const echoSeqs = (await mainRows(page)).filter(r => r.cells[2] === 'echo').map(r => r.seq);
    await rowBySeq(page, echoSeqs.at(-1)).click();
    await page.waitForFunction(seq => document.querySelectorAll('#row-selected').length === 1 && document.getElementById('row-selected').dataset.seq === String(seq), echoSeqs.at(-1));
    await page.selectOption('#f-server', 'weather');
    await frames(page, 2);
    const hidden = await page.$$eval('.vl-viewport .row[hidden]', els => els.map(e => ({
      text: e.textContent, id: e.id, index: e.dataset.index, seq: e.dataset.seq, selected: e.getAttribute('aria-selected'), cls: e.className,
    })));
    assert.ok(hidden.length > 0, 'the filter left pooled rows hidden');
    for (const h of hidden) assert.deepEqual(h, { text: '', id: '', index: undefined, seq: undefined, selected: null, cls: 'row grid-cols' });
    assert.ok((await mainRows(page)).every(r => r.cells[2] === 'weather'));
    // The rows come back rendered afresh when the list grows again.
    await page.selectOption('#f-server', '');
    await frames(page, 2);
    const again = await mainRows(page);
    assert.ok(again.some(r => r.seq === echoSeqs.at(-1) && r.cells[2] === 'echo' && r.cells[5] !== ''), 'the echo row is back, rendered');
    assert.ok(again.every(r => r.cells[1] !== '' && r.cells[2] !== ''), 'every shown row is rendered');
  });

  it('keeps at most `capacity` records, dropping the oldest', async () => {
    const { page } = await open({ records: [], capacity: 100 });
    const recs = bulkRecords(300);
    await hostSend(page, { type: 'append', records: recs.slice(0, 150) });
    await hostSend(page, { type: 'append', recordsJson: JSON.stringify(recs.slice(150)) }); // as the real host sends them
    await frames(page, 3);
    assert.equal(await page.$eval('#app', el => Number(el.dataset.records)), 100);
    assert.equal(await rowCount(page), 50);
    await page.locator('#list').press('Home');
    await frames(page);
    assert.equal((await mainRows(page))[0].seq, 201);
    // A lower capacity from the host trims at once.
    await hostSend(page, { type: 'capacity', capacity: 10 });
    await frames(page);
    assert.equal(await page.$eval('#app', el => Number(el.dataset.records)), 10);
  });

  it('pauses the view while recording continues, follows new rows, and stops following when scrolled up', async () => {
    const { page } = await open({ records: bulkRecords(2000) });
    assert.equal(await page.locator('#chk-autoscroll').isChecked(), true);
    await page.click('#btn-pause');
    await hostSend(page, { type: 'append', records: bulkRecords(200, 2001) });
    await frames(page);
    assert.equal(await rowCount(page), 1000);
    assert.match(await page.textContent('#status'), /paused · 100 new/);
    assert.match(await page.textContent('#btn-pause'), /Resume \(100\)/);
    await page.click('#btn-pause');
    await frames(page, 3);
    assert.equal(await rowCount(page), 1100);
    assert.equal((await mainRows(page)).at(-1).seq, 2199, 'auto-scroll shows the newest row');
    // The user scrolls up: following stops; new rows do not move the view.
    await page.locator('#list').hover();
    await page.mouse.wheel(0, -2000);
    await frames(page, 3);
    assert.equal(await page.locator('#chk-autoscroll').isChecked(), false);
    const before = (await mainRows(page))[0].seq;
    await hostSend(page, { type: 'append', records: bulkRecords(100, 2201) });
    await frames(page, 3);
    assert.equal((await mainRows(page))[0].seq, before);
    // Jump to newest resumes following.
    await page.click('#btn-newest');
    await frames(page, 3);
    assert.equal(await page.locator('#chk-autoscroll').isChecked(), true);
    assert.equal((await mainRows(page)).at(-1).seq, 2299);
    // Clear empties the list and asks the host to clear the store.
    await page.click('#btn-clear');
    await frames(page);
    assert.equal(await rowCount(page), 0);
    assert.equal((await postedOf(page, 'clear')).length, 1);
  });

  // A row must be selected by the click even when the list re-renders between mousedown and mouseup: new traffic
  // scrolls it (following), or the panel is resized and the panes stack. Then mousedown and mouseup can land on two
  // different row elements, and Chromium sends the click to the viewport.
  for (const change of ['new traffic arrives', 'the panel narrows and the panes stack']) {
    it(`a click selects the row under the pointer when ${change} between mousedown and mouseup`, async () => {
      const { page } = await open({ records: bulkRecords(400), viewport: { width: 1200, height: 700 } });
      const box = await page.locator('#list .vl-viewport').boundingBox();
      const x = 200, y = box.y + Math.min(box.height, 400) / 2;
      await page.mouse.move(x, y);
      await page.mouse.down();
      if (change.startsWith('new traffic')) await hostSend(page, { type: 'append', records: bulkRecords(3, 401) });
      else await page.setViewportSize({ width: 560, height: 700 });
      await frames(page, 3);
      const under = await page.evaluate(([px, py]) => document.elementFromPoint(px, py).closest('.row')?.dataset.seq, [x, y]);
      assert.ok(under, 'a row lies under the pointer');
      await page.mouse.up();
      await frames(page, 2);
      const selected = (await visibleRows(page)).filter(r => r.selected).map(r => String(r.seq));
      assert.deepEqual(selected, [under], 'the row under the pointer at mouseup is selected');
      await page.waitForSelector('.detail .jt-node', { state: 'visible' });
    });
  }

  it('opens filtered to a server and tool (filter preset) and shows an imported capture', async () => {
    const { page } = await open();
    await hostSend(page, { type: 'filterPreset', server: 'echo', tool: 'slow' });
    await frames(page);
    assert.equal(await page.inputValue('#f-server'), 'echo');
    assert.equal(await page.inputValue('#f-tool'), 'slow');
    assert.equal(await rowCount(page), 2);
    await page.click('#btn-import');
    assert.equal((await postedOf(page, 'importRequest')).length, 1);
    const f = new RecordFactory(Date.UTC(2024, 5, 1), 1);
    const imported = [...f.exchange({ server: 'remote', method: 'tools/call', tool: 'lookup', params: { name: 'lookup' }, durationMs: 40 }), f.stderr('remote', 'imported stderr')];
    await hostSend(page, { type: 'imported', fileName: 'capture.jsonl', records: imported, warnings: [] });
    await page.click('#f-reset');
    await frames(page);
    assert.equal(await rowCount(page), 2);
    assert.match(await page.textContent('.source-banner'), /Imported capture\.jsonl/);
    // Live traffic keeps recording underneath.
    await hostSend(page, { type: 'append', records: bulkRecords(10, 500) });
    await frames(page);
    assert.equal(await rowCount(page), 2);
    await page.click('#btn-live');
    await frames(page);
    assert.equal(await rowCount(page), 21);
  });

  it('metrics tab: per-server/per-tool table and theme-coloured charts; selecting a tool requests its charts', async () => {
    const { page } = await open();
    await page.click('#tab-metrics');
    assert.ok((await postedOf(page, 'requestMetrics')).length >= 1);
    await hostSend(page, { type: 'metrics', snapshot: metricsSnapshot() });
    await frames(page, 2);
    const rows = await page.$$eval('.mt-row', trs => trs.map(tr => Array.from(tr.children).map(c => c.textContent)));
    assert.deepEqual(rows[0], ['echo', '1,204', '12', '3', '1', '11 ms', '240 ms', '910 ms']);
    assert.deepEqual(rows.map(r => r[0]), ['echo', 'echo', 'fail', 'slow', 'weather', 'forecast']);
    const painted = await page.$$eval('canvas.chart', cs => cs.map(c => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      return n;
    }));
    assert.equal(painted.length, 3);
    assert.ok(painted.every(n => n > 500), `painted pixels: ${painted}`);
    await page.locator('.mt-row[data-tool="slow"]').click();
    const req = (await postedOf(page, 'requestMetrics')).at(-1);
    assert.deepEqual(req.selection, { server: 'echo', tool: 'slow' });
    await page.waitForFunction(() => window.__host.posted('setState').some(m => m.state.metricsSelection?.tool === 'slow'));
  });

  for (const theme of ['dark', 'light', 'hc']) {
    it(`screenshots (${theme} theme)`, async () => {
      const { page, errors } = await open({ theme });
      await rowBySeq(page, 15).click();
      await page.locator('#list').press('Enter');
      await frames(page, 3);
      await page.screenshot({ path: `${RESULTS}/messages-${theme}.png` });
      await page.click('#tab-metrics');
      await hostSend(page, { type: 'metrics', snapshot: metricsSnapshot() });
      await frames(page, 3);
      await page.screenshot({ path: `${RESULTS}/metrics-${theme}.png` });
      // Chart colours come from the theme variables.
      const blue = await page.evaluate(() => getComputedStyle(document.body).getPropertyValue('--vscode-charts-blue').trim());
      assert.ok(blue.startsWith('#'));
      assert.deepEqual(errors.map(e => e.message), []);
    });
  }
});

function metricsSnapshot() {
  const t0 = Date.UTC(2025, 0, 15, 9, 30, 0);
  const stats = (calls, errors, timeouts, inFlight, p50, p95, p99) => ({ calls, errors, timeouts, cancelled: 0, inFlight, p50, p95, p99 });
  const timeline = [];
  for (let i = 0; i < 60; i++) {
    if (i % 9 === 4) continue; // the registry omits seconds without calls
    timeline.push({ t: t0 + i * 1000, calls: 10 + Math.round(8 * Math.sin(i / 5) + 8), errors: i % 7 === 0 ? 2 : 0, p50: 10 + 4 * Math.sin(i / 4), max: 60 + 40 * Math.abs(Math.sin(i / 6)) + (i === 33 ? 400 : 0) });
  }
  const histogram = [];
  for (let le = 1.05; le < 2000; le *= 1.05) histogram.push({ le, count: Math.round(300 * Math.exp(-Math.pow(Math.log(le) - Math.log(12), 2) / 1.2)) });
  return {
    at: t0 + 60_000,
    servers: {
      echo: { ...stats(1204, 12, 3, 1, 11, 240, 910), connectAttempts: 1, uptimeMs: 3_600_000, connectedSince: t0 - 3_600_000, tools: { echo: stats(1100, 0, 0, 0, 9, 30, 60), slow: stats(90, 0, 3, 1, 850, 900, 910), fail: stats(14, 12, 0, 0, 2, 4, 5) } },
      weather: { ...stats(52, 1, 1, 0, 140, 380, 30000), connectAttempts: 3, uptimeMs: 600_000, lastError: 'HTTP 503', tools: { forecast: stats(40, 0, 0, 0, 140, 300, 400) } },
    },
    selection: { server: 'echo' },
    histogram: histogram.filter(b => b.count > 0),
    timeline,
  };
}

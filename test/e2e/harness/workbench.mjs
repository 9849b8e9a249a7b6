// Playwright helpers for driving the VS Code workbench (code-server) in UI scenarios (test/e2e/vscode/*.spec.mjs).
// Selectors follow VS Code 1.139's DOM: activity bar `.part.activitybar`, side bar `.part.sidebar`,
// tree rows `.monaco-list-row` with aria-level / aria-expanded, labels `.label-name` / `.label-description`.

const escapeRe = s => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Helpers bound to one page. */
export function workbench(page) {
  const sidebar = page.locator('.part.sidebar');

  const api = {
    page,

    /** Waits until the workbench and its activity bar are rendered. */
    async ready({ timeoutMs = 60_000 } = {}) {
      await page.waitForSelector('.monaco-workbench .part.activitybar', { timeout: timeoutMs });
      await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: timeoutMs });
    },

    /** Clicks the activity-bar item whose label starts with `title` (opens its view container). */
    async openViewContainer(title, { timeoutMs = 30_000 } = {}) {
      const item = page.locator(`.part.activitybar a.action-label[aria-label^="${title}"]`).first();
      await item.waitFor({ state: 'visible', timeout: timeoutMs });
      // A workbench still restoring (a new folder, a loaded machine) can swallow the first click: click until the item is checked.
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const checked = await item.evaluate(el => el.closest('.action-item')?.classList.contains('checked') ?? false).catch(() => false);
        if (checked) break;
        if (Date.now() > deadline) {
          const onTop = await item.evaluate(el => { const r = el.getBoundingClientRect(); const top = globalThis.document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2); return top ? `${top.tagName}.${top.className}` : 'nothing'; }).catch(() => '?');
          throw new Error(`the view container ${title} did not open within ${timeoutMs / 1000} s (on top of its activity item: ${onTop})`);
        }
        // Clicked through its action item: the count badge sits over the icon's centre and takes the pointer.
        await item.locator('xpath=ancestor::li[contains(@class,"action-item")][1]').click({ timeout: 5000 }).catch(() => {});
        await page.waitForFunction(el => el.closest('.action-item')?.classList.contains('checked'), await item.elementHandle(), { timeout: 3000 }).catch(() => {});
      }
      await sidebar.waitFor({ state: 'visible', timeout: Math.max(5000, deadline - Date.now()) });
    },

    /** All visible tree rows of the side bar. */
    rows: () => sidebar.locator('.monaco-list-row'),

    /**
     * The side-bar tree row whose label is exactly `label` (string) or matches it (RegExp).
     * `level` narrows to a depth (1 = top level). `within` narrows to the rows of a view pane titled so.
     */
    row(label, { level, within } = {}) {
      const scope = within ? sidebar.locator('.pane', { has: page.locator('.pane-header', { hasText: within }) }) : sidebar;
      const re = label instanceof RegExp ? label : new RegExp(`^\\s*${escapeRe(label)}\\s*$`);
      let rows = scope.locator(level ? `.monaco-list-row[aria-level="${level}"]` : '.monaco-list-row');
      rows = rows.filter({ has: page.locator('.label-name', { hasText: re }) });
      return rows.first();
    },

    /** Waits for a row to be visible; returns its locator. */
    async waitForRow(label, { level, within, timeoutMs = 30_000 } = {}) {
      const row = api.row(label, { level, within });
      try {
        await row.waitFor({ state: 'visible', timeout: timeoutMs });
      } catch {
        throw new Error(`no tree row ${label} (level ${level ?? 'any'}) within ${timeoutMs / 1000} s; rows: ${JSON.stringify(await api.treeSnapshot())}`);
      }
      return row;
    },

    /**
     * Expands a collapsible row (no-op when already expanded) and waits until it reports expanded.
     * Rows are re-rendered as the tree refreshes, so the row is looked up afresh on every poll, and the
     * twistie is clicked again when a refresh swallowed the click.
     */
    async expand(label, opts = {}) {
      const { timeoutMs = 15_000 } = opts;
      await api.waitForRow(label, opts);
      const deadline = Date.now() + timeoutMs;
      let lastClick = 0;
      for (;;) {
        const row = api.row(label, opts);
        const state = await row.getAttribute('aria-expanded', { timeout: 2000 }).catch(() => null);
        if (state === 'true') return row;
        if (Date.now() > deadline) throw new Error(`row ${label} did not expand within ${timeoutMs / 1000} s (aria-expanded=${state})`);
        if (state === 'false' && Date.now() - lastClick > 3000) {
          const twistie = row.locator('.monaco-tl-twistie');
          await ((await twistie.count()) ? twistie : row).click({ timeout: 5000 }).catch(() => {});
          lastClick = Date.now();
        }
        await page.waitForTimeout(100);
      }
    },

    /** Label, description, aria-label and icon classes of a row: what a user sees and a screen reader hears. */
    async describeRow(row) {
      return row.evaluate(el => ({
        level: Number(el.getAttribute('aria-level')),
        expanded: el.getAttribute('aria-expanded'),
        label: el.querySelector('.label-name')?.textContent?.trim() ?? '',
        description: el.querySelector('.label-description')?.textContent?.trim() ?? '',
        ariaLabel: el.getAttribute('aria-label') ?? '',
        icons: [...el.querySelectorAll('.codicon, .custom-view-tree-node-item-icon')].map(i => i.className).join(' '),
        text: el.innerText.replace(/\s+/g, ' ').trim(),
      }));
    },

    /** Every visible side-bar row, described: for assertions and failure messages. */
    async treeSnapshot() {
      const out = [];
      for (const row of await api.rows().all()) { try { out.push(await api.describeRow(row)); } catch { /* row recycled */ } }
      return out;
    },

    /**
     * Types `text` into the quick input once it is really interactive: visible, focused and outside any `inert`
     * subtree (VS Code shows the widget before it hands it focus, and a fill in between is lost). With `expect`, also
     * waits for the widget to show that prompt/title text, so a fill never lands in the previous step's input.
     * The value is checked afterwards and typed again if the widget re-rendered under it.
     */
    async fillQuickInput(text, { expect, timeoutMs = 10_000 } = {}) {
      const input = page.locator('.quick-input-widget input');
      for (let attempt = 0; ; attempt++) {
        await page.waitForFunction(expected => {
          const widget = [...globalThis.document.querySelectorAll('.quick-input-widget')].find(w => w.offsetParent !== null);
          const el = widget?.querySelector('input');
          if (!widget || !el || el.disabled || el.closest('[inert]')) return false;
          if (expected && !widget.innerText.includes(expected)) return false;
          return globalThis.document.activeElement === el;
        }, expect ?? null, { timeout: timeoutMs });
        await input.fill(text);
        if ((await input.inputValue().catch(() => '')) === text) return input;
        if (attempt >= 3) throw new Error(`the quick input did not keep "${text}"`);
      }
    },

    /**
     * Clicks the quick pick row showing `text` until the pick is taken: `taken` (a locator) shows, or, without one, the
     * row goes away. Under load a click can be dropped (seen once: the prompt stayed open, its row still selected);
     * the row is clicked again only while it is still there, so a pick taken is never made twice.
     */
    async pickQuickItem(text, { taken, timeoutMs = 20_000 } = {}) {
      const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: text }).first();
      const isTaken = ms => (taken ? taken.waitFor({ state: 'visible', timeout: ms }) : row.waitFor({ state: 'hidden', timeout: ms })).then(() => true, () => false);
      const deadline = Date.now() + timeoutMs;
      await row.waitFor({ state: 'visible', timeout: timeoutMs });
      for (let clicks = 1; ; clicks++) {
        await row.click({ timeout: Math.max(1000, deadline - Date.now()) });
        if (await isTaken(3000)) return;
        const stillThere = await row.isVisible();
        if (!stillThere && await isTaken(Math.max(1000, deadline - Date.now()))) return;
        if (Date.now() > deadline || !stillThere) throw new Error(`the quick pick did not take "${text}" within ${timeoutMs / 1000} s (${clicks} click${clicks === 1 ? '' : 's'})`);
        // The next click arrives with a mouse move, as a user's second try would.
        const box = await row.boundingBox();
        if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height + 40);
      }
    },

    /** Runs a command through the command palette by its title. */
    async runCommand(title, { timeoutMs = 30_000 } = {}) {
      // F1 pressed while a webview (a Markdown preview, the inspector) has focus travels through the frame and can be
      // lost, and a webview that finishes loading takes focus and closes an open palette: open it again until the
      // palette keeps the typed title.
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await page.keyboard.press('F1');
        const opened = await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false);
        const typed = opened && await api.fillQuickInput(`>${title}`, { timeoutMs: 5000 }).then(() => true, () => false);
        if (typed) break;
        if (Date.now() > deadline) throw new Error(`the command palette did not open for "${title}" within ${timeoutMs / 1000} s`);
        if (opened) await page.keyboard.press('Escape');
      }
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout: timeoutMs });
      await page.keyboard.press('Enter');
    },

    /**
     * Hovers `target` until the workbench hover (a tree item's tooltip: `.workbench-hover-container .workbench-hover`,
     * not the editor's own hidden `.monaco-hover`) shows `text`, then waits for its fade-in to finish. Returns the hover.
     */
    async hoverTooltip(target, text, { timeoutMs = 20_000 } = {}) {
      const hover = page.locator('.workbench-hover-container .monaco-hover.workbench-hover', { hasText: text }).first();
      const deadline = Date.now() + timeoutMs;
      for (let attempt = 0; ; attempt++) {
        // Alternate between the middle and the start of the target (a row's label), so the mouse always moves.
        const box = attempt % 2 ? await target.boundingBox() : null;
        await target.hover(box ? { position: { x: Math.min(40, box.width / 2), y: box.height / 2 } } : undefined);
        // A refresh that re-renders the row closes its hover, also mid fade-in: hover again until one settles.
        if (await hover.waitFor({ state: 'visible', timeout: 3000 }).then(() => api.settled(hover, { timeoutMs: 3000 })).then(() => true, () => false)) return hover;
        if (Date.now() > deadline) {
          const shown = await page.locator('.workbench-hover-container .workbench-hover').allInnerTexts().catch(() => []);
          throw new Error(`no hover showing "${text}" within ${timeoutMs / 1000} s; hovers on screen: ${shown.length ? shown.map(t => JSON.stringify(t.slice(0, 300))).join(', ') : 'none'}`);
        }
        await page.mouse.move(2, 2); // leave and come back: a hover is only started by a mouse entering the target
      }
    },

    /**
     * Resolves once the finite CSS animations/transitions of `locator` and its subtree have finished (fade-ins,
     * slides). Endless ones (a progress spinner) are left out: they never finish.
     */
    async settled(locator, { timeoutMs } = {}) {
      await locator.evaluate(el => Promise.all(el.getAnimations({ subtree: true })
        .filter(a => a.effect?.getComputedTiming().iterations !== Infinity)
        .map(a => a.finished.catch(() => undefined))), undefined, { timeout: timeoutMs });
    },

    /**
     * Resolves once no workbench hover is on screen (after the mouse left its target). A hover whose delayed show
     * fired after the mouse had already left stays up until the next mouse event: nudge the mouse, then Escape.
     */
    async noHover({ timeoutMs = 10_000 } = {}) {
      const gone = ms => page.waitForFunction(() => ![...globalThis.document.querySelectorAll('.workbench-hover-container')].some(el => el.getClientRects().length > 0), null, { timeout: ms }).then(() => true, () => false);
      const deadline = Date.now() + timeoutMs;
      for (let nudge = 0; !(await gone(Math.min(1000, Math.max(1, deadline - Date.now())))); nudge++) {
        if (Date.now() >= deadline) throw new Error(`a workbench hover stayed on screen for ${timeoutMs / 1000} s`);
        await page.mouse.move(700 + (nudge % 2), 500);
        if (nudge >= 1) await page.keyboard.press('Escape');
      }
    },

    /** Texts of the visible notification toasts. */
    async notifications() {
      return page.locator('.notifications-toasts .notification-toast').allInnerTexts();
    },

    /** The webview frames whose document has an element matching `selector`. */
    async webviewFrames(selector) {
      const found = [];
      for (const f of page.frames()) { try { if (await f.$(selector)) found.push(f); } catch { /* detached */ } }
      return found;
    },
  };
  return api;
}

// Answers the extension's quick inputs (QuickPick, InputBox) the way a user does, inside the extension host.
//
// The extension host gives the tests the same `vscode` API object as the extension under test (both files live in
// the extension's folder), so a test can see each QuickPick / InputBox the extension creates: the factories are
// wrapped only to hand the real objects to the test. Everything else goes through the workbench: items are moved to
// with `quickInput.next` (the Down key), and Enter / Escape are the workbench's own `quickInput.accept` /
// `quickInput.hide` commands. Only text is put into an InputBox through the API (see enter()).
import * as vscode from 'vscode';
import { waitFor } from '.';

export type ShownInput =
  | { kind: 'pick'; input: vscode.QuickPick<vscode.QuickPickItem> }
  | { kind: 'box'; input: vscode.InputBox };

type Window = { createQuickPick: typeof vscode.window.createQuickPick; createInputBox: typeof vscode.window.createInputBox };

/** Records every quick input the extension shows, in order, until disposed. */
export class QuickInputDriver implements vscode.Disposable {
  private readonly shown: ShownInput[] = [];
  private readonly waiting: Array<(s: ShownInput) => void> = [];
  private readonly original: Window;
  private readonly hides = new WeakMap<object, Promise<void>>();

  constructor() {
    const win = vscode.window as unknown as Window;
    this.original = { createQuickPick: win.createQuickPick, createInputBox: win.createInputBox };
    win.createQuickPick = () => this.watch({ kind: 'pick', input: this.original.createQuickPick() }) as never;
    win.createInputBox = () => this.watch({ kind: 'box', input: this.original.createInputBox() }) as vscode.InputBox;
  }

  /** The real quick input, its show() also handing it to the test. */
  private watch(s: ShownInput): ShownInput['input'] {
    // Subscribed before the extension's own listeners: one that disposes the input while it hides ends the delivery.
    this.hides.set(s.input, new Promise(resolve => s.input.onDidHide(() => resolve())));
    const show = s.input.show.bind(s.input);
    s.input.show = () => {
      show();
      const waiter = this.waiting.shift();
      if (waiter) waiter(s); else this.shown.push(s);
    };
    return s.input;
  }

  /** The next quick input the extension shows (already shown ones first). */
  next(timeoutMs = 30_000): Promise<ShownInput> {
    const ready = this.shown.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no quick input was shown within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.push(s => { clearTimeout(timer); resolve(s); });
    });
  }

  async nextPick(): Promise<vscode.QuickPick<vscode.QuickPickItem>> {
    const s = await this.next();
    if (s.kind !== 'pick') throw new Error(`expected a QuickPick, the extension showed an InputBox (${s.input.prompt})`);
    return s.input;
  }

  async nextBox(): Promise<vscode.InputBox> {
    const s = await this.next();
    if (s.kind !== 'box') throw new Error(`expected an InputBox, the extension showed a QuickPick (${s.input.placeholder})`);
    return s.input;
  }

  /** Resolves when `input` (one this driver handed out) is hidden, by the user or by the extension. */
  hidden(input: vscode.QuickInput): Promise<void> {
    const hide = this.hides.get(input);
    if (!hide) throw new Error('not a quick input this driver saw');
    return hide;
  }

  dispose(): void {
    Object.assign(vscode.window, this.original);
  }
}

/** Enter on whatever quick input is showing. */
export async function pressEnter(): Promise<void> {
  await vscode.commands.executeCommand('quickInput.accept');
}

/** Escape on whatever quick input is showing. */
export async function pressEscape(): Promise<void> {
  await vscode.commands.executeCommand('quickInput.hide');
}

/** Moves down the list (as the Down key does) to the item labelled `label`, then presses Enter. */
export async function choose(qp: vscode.QuickPick<vscode.QuickPickItem>, label: string | RegExp): Promise<void> {
  const matches = (item: vscode.QuickPickItem | undefined) => !!item && (typeof label === 'string' ? item.label === label : label.test(item.label));
  if (!qp.items.some(matches)) throw new Error(`no item ${label} in ${JSON.stringify(qp.items.map(i => i.label))}`);
  await waitFor(() => qp.activeItems.length > 0, { message: `the workbench to show "${qp.title}"` });
  for (let moves = 0; !matches(qp.activeItems[0]); moves++) {
    if (moves > qp.items.length) throw new Error(`moving down never reached ${label}`);
    const before = qp.activeItems[0];
    await vscode.commands.executeCommand('quickInput.next');
    await waitFor(() => qp.activeItems[0] !== before, { message: `the active item to move from "${before?.label}"` });
  }
  await pressEnter();
}

/**
 * Puts `text` into the InputBox, then presses Enter. Typing is not scriptable from the extension host (no command
 * types into a quick input, and the workbench echoes no change event for a value set through the API), so the value is
 * set on the box itself; the extension host sends that update on its next timer tick, which is awaited so the widget
 * holds the text before Enter reaches it.
 */
export async function enter(box: vscode.InputBox, text: string): Promise<void> {
  if (box.value !== text) {
    box.value = text;
    await new Promise(resolve => setTimeout(resolve, 0));
  }
  await pressEnter();
}

/** `promise`, or an error naming `what` when it does not settle within `ms`. */
export function within<T>(promise: Thenable<T>, what: string, ms = 30_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms); });
  return Promise.race([Promise.resolve(promise), late]).finally(() => clearTimeout(timer));
}

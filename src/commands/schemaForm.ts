import * as vscode from 'vscode';
import { editStringInEditor } from './multilineEditor';
import { describeType, offersEditor, primaryType, propertiesOf, shapeHint, type JsonSchema } from '../core/schema/jsonSchema';
import { validateProperty } from '../core/schema/validator';
import { enumChoices, multiSelectChoices, type Choice } from '../core/schema/enumChoices';

export type FormResult =
  | { kind: 'args'; args: Record<string, unknown> }
  /** The user asked for the JSON editor; `args` holds what was entered so far. */
  | { kind: 'json'; args: Record<string, unknown> }
  | undefined;

type StepResult = { value: unknown } | { omit: true } | 'back' | 'json' | 'editor' | undefined;

const jsonButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('json'), tooltip: 'Edit all arguments as JSON' };
const editorButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('edit'), tooltip: 'Edit in editor… (several lines; save to use the text)' };


/** How a value is shown in an InputBox: strings as they are, everything else as JSON. */
function toText(v: unknown, schema: JsonSchema): string {
  if (v === undefined) return '';
  return typeof v === 'string' && primaryType(schema) === 'string' ? v : JSON.stringify(v);
}

/** Parses InputBox text by the property's type and validates it; returns the value or an error message. */
export function parseInput(text: string, prop: JsonSchema, root: JsonSchema, required: boolean): { value?: unknown; omit?: true; error?: string } {
  if (text === '') return required ? { error: 'A value is required' } : { omit: true };
  const type = primaryType(prop);
  let value: unknown;
  if (type === 'string') value = text;
  else if (type === 'number' || type === 'integer') {
    value = Number(text.trim());
    if (text.trim() === '' || Number.isNaN(value)) return { error: `Enter ${type === 'integer' ? 'an integer' : 'a number'}` };
  } else {
    try { value = JSON.parse(text); } catch (e) {
      // A bare word for a schema without a type is most likely meant as a string.
      if (!type) value = text; else return { error: `Enter JSON (${(e as Error).message})` };
    }
  }
  const errors = validateProperty(value, prop, root);
  return errors.length ? { error: errors[0] } : { value };
}

export interface FormOptions {
  /** Closes whichever step is open and ends the form as cancelled (the server withdrew its question). */
  signal?: AbortSignal;
  /** Offer the "Edit all arguments as JSON" button (tool calls: yes; elicitation: no). Default true. */
  allowJson?: boolean;
}

const booleanChoices: Choice[] = [{ value: true, label: 'true' }, { value: false, label: 'false' }];

function choicesOf(prop: JsonSchema): Choice[] | undefined {
  return enumChoices(prop) ?? (primaryType(prop) === 'boolean' ? booleanChoices : undefined);
}

/** The property's own title (elicitation schemas give one) next to its name. */
function labelOf(name: string, prop: JsonSchema): string {
  return typeof prop.title === 'string' && prop.title !== name ? `${prop.title} (${name})` : name;
}

/** Hides the quick input when the signal aborts; returns the un-subscriber. */
function closeOnAbort(signal: AbortSignal | undefined, hide: () => void): () => void {
  if (!signal) return () => {};
  if (signal.aborted) { queueMicrotask(hide); return () => {}; }
  signal.addEventListener('abort', hide, { once: true });
  return () => signal.removeEventListener('abort', hide);
}

/**
 * Guided input built from a tool's JSON schema: one step per property (required first), a QuickPick for enums and
 * booleans, an InputBox validated against the schema for everything else, defaults (or the last values) pre-filled.
 * Back steps back; the JSON button switches to the JSON editor with the values entered so far.
 */
export async function collectArguments(title: string, schema: JsonSchema, initial: Record<string, unknown> = {}, options: FormOptions = {}): Promise<FormResult> {
  const props = propertiesOf(schema);
  const values: Record<string, unknown> = {};
  for (const p of props) {
    const v = initial[p.name] ?? p.schema.default;
    if (v !== undefined) values[p.name] = v;
  }
  let i = 0;
  while (i < props.length) {
    const p = props[i];
    if (options.signal?.aborted) return undefined;
    const step: Step = { title: `${title} (${i + 1}/${props.length})`, name: labelOf(p.name, p.schema), required: p.required, canGoBack: i > 0, ...options };
    const choices = choicesOf(p.schema);
    const many = multiSelectChoices(p.schema);
    const result = many ? await multiChoiceStep(step, p.schema, many, values[p.name])
      : choices ? await choiceStep(step, p.schema, choices, values[p.name])
        : await inputStep(step, p.schema, schema, values[p.name]);
    if (result === undefined) return undefined;
    if (result === 'json') return { kind: 'json', args: values };
    if (result === 'editor') {
      const text = await editStringInEditor(p.name, typeof values[p.name] === 'string' ? values[p.name] as string : '');
      if (text === undefined) continue;
      const parsed = parseInput(text, p.schema, schema, p.required);
      if (parsed.error) { void vscode.window.showWarningMessage(`${p.name}: ${parsed.error}`); values[p.name] = text; continue; }
      if (parsed.omit) delete values[p.name]; else values[p.name] = parsed.value;
      i++;
      continue;
    }
    if (result === 'back') { i = Math.max(0, i - 1); continue; }
    if ('omit' in result) delete values[p.name]; else values[p.name] = result.value;
    i++;
  }
  return { kind: 'args', args: values };
}

interface Step extends FormOptions {
  title: string;
  name: string;
  required: boolean;
  canGoBack: boolean;
}

function stepButtons(step: Step, ...extra: vscode.QuickInputButton[]): vscode.QuickInputButton[] {
  return [...(step.canGoBack ? [vscode.QuickInputButtons.Back] : []), ...extra, ...(step.allowJson === false ? [] : [jsonButton])];
}

/**
 * Shows a step's quick pick and settles once: `accept` decides what an Enter gives (nothing keeps the pick open),
 * Back and JSON come from the buttons, hiding or the server withdrawing the question gives undefined.
 */
function runPickStep<T extends vscode.QuickPickItem>(step: Step, qp: vscode.QuickPick<T>, accept: () => StepResult | 'stay'): Promise<StepResult> {
  return new Promise(resolve => {
    qp.title = step.title;
    qp.buttons = stepButtons(step);
    qp.ignoreFocusOut = true;
    let done = false;
    const unwatch = closeOnAbort(step.signal, () => qp.hide());
    const finish = (r: StepResult) => { if (done) return; done = true; resolve(r); qp.hide(); };
    qp.onDidTriggerButton(b => finish(b === vscode.QuickInputButtons.Back ? 'back' : 'json'));
    qp.onDidAccept(() => { const r = accept(); if (r !== 'stay') finish(r); });
    qp.onDidHide(() => { unwatch(); finish(undefined); qp.dispose(); });
    qp.show();
  });
}

function choiceStep(step: Step, prop: JsonSchema, choices: Choice[], current: unknown): Promise<StepResult> {
  type Item = vscode.QuickPickItem & { result: StepResult };
  const items: Item[] = choices.map(c => ({
    label: c.label,
    description: [c.label !== String(c.value) ? String(c.value) : '', c.value === prop.default ? '(default)' : ''].filter(Boolean).join(' ') || undefined,
    result: { value: c.value },
  }));
  if (!step.required) items.push({ label: '(leave unset)', description: 'omit this optional value', result: { omit: true } });
  const qp = vscode.window.createQuickPick<Item>();
  qp.placeholder = `${step.name}${step.required ? ' (required)' : ' (optional)'}${prop.description ? ` — ${prop.description}` : ''}`;
  qp.items = items;
  const active = items.find(it => 'value' in (it.result as object) && (it.result as { value: unknown }).value === current);
  if (active) qp.activeItems = [active];
  return runPickStep(step, qp, () => { const picked = qp.selectedItems[0] ?? qp.activeItems[0]; return picked ? picked.result : 'stay'; });
}

/** Several values of an enum: checkboxes, the current (or default) ones ticked; minItems/maxItems are checked on accept. */
function multiChoiceStep(step: Step, prop: JsonSchema, choices: Choice[], current: unknown): Promise<StepResult> {
  type Item = vscode.QuickPickItem & { value: unknown };
  const items: Item[] = choices.map(c => ({ label: c.label, description: c.label !== String(c.value) ? String(c.value) : undefined, value: c.value }));
  const ticked = Array.isArray(current) ? current : [];
  const bounds = [prop.minItems !== undefined ? `at least ${prop.minItems}` : '', prop.maxItems !== undefined ? `at most ${prop.maxItems}` : ''].filter(Boolean).join(', ');
  const qp = vscode.window.createQuickPick<Item>();
  qp.canSelectMany = true;
  qp.placeholder = `${step.name}${step.required ? ' (required)' : ' (optional)'}: pick ${bounds || 'any'}${prop.description ? ` — ${prop.description}` : ''}`;
  qp.items = items;
  qp.selectedItems = items.filter(it => ticked.includes(it.value));
  return runPickStep(step, qp, () => {
    const value = qp.selectedItems.map(it => it.value);
    if (!value.length && !step.required && prop.minItems === undefined) return { omit: true };
    const errors = validateProperty(value, prop, prop);
    if (errors.length) { qp.placeholder = `${step.name}: ${errors[0]}`; return 'stay'; }
    return { value };
  });
}

function inputStep(step: Step, prop: JsonSchema, root: JsonSchema, current: unknown): Promise<StepResult> {
  const { required } = step;
  return new Promise(resolve => {
    const box = vscode.window.createInputBox();
    box.title = step.title;
    box.prompt = `${step.name} (${describeType(prop, root)}${required ? ', required' : ', optional: leave empty to omit'})${prop.description ? ` — ${prop.description}` : ''}`;
    box.placeholder = shapeHint(step.name, prop, root);
    box.value = toText(current, prop);
    box.buttons = stepButtons(step, ...(offersEditor(prop) ? [editorButton] : []));
    box.ignoreFocusOut = true;
    const check = (text: string) => { box.validationMessage = parseInput(text, prop, root, required).error; };
    if (box.value) check(box.value);
    let done = false;
    const unwatch = closeOnAbort(step.signal, () => box.hide());
    const finish = (r: StepResult) => { if (done) return; done = true; resolve(r); box.hide(); };
    box.onDidChangeValue(check);
    box.onDidTriggerButton(b => finish(b === vscode.QuickInputButtons.Back ? 'back' : b === editorButton ? 'editor' : 'json'));
    box.onDidAccept(() => {
      const parsed = parseInput(box.value, prop, root, required);
      if (parsed.error) { box.validationMessage = parsed.error; return; }
      finish(parsed.omit ? { omit: true } : { value: parsed.value });
    });
    box.onDidHide(() => { unwatch(); finish(undefined); box.dispose(); });
    box.show();
  });
}

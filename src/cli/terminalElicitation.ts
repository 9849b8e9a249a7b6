import { createInterface } from 'node:readline/promises';
import type { ClientRequestContext, ClientRequestHandlers, Elicitation, ElicitationAnswer, ElicitationContent, FormElicitation } from '../core/clientRequests/types';
import { describeType, propertiesOf, primaryType, type JsonSchema } from '../core/schema/jsonSchema';
import { validateProperty } from '../core/schema/validator';
import { enumChoices, multiSelectChoices, type Choice } from '../core/schema/enumChoices';

export interface TerminalIo {
  input: NodeJS.ReadableStream;
  /** Questions go to stderr: stdout stays the call's JSON result. */
  output: NodeJS.WritableStream;
  isTty: boolean;
}

type Ask = (question: string) => Promise<string>;

function parseChoice(text: string, choices: Choice[]): unknown {
  const n = Number(text);
  if (Number.isInteger(n) && n >= 1 && n <= choices.length) return choices[n - 1].value;
  return choices.find(c => c.label === text || String(c.value) === text)?.value;
}

/** One field, asked until the answer fits its schema; empty keeps the default, or omits an optional field. */
async function askField(ask: Ask, name: string, prop: JsonSchema, required: boolean, write: (s: string) => void): Promise<unknown> {
  const many = multiSelectChoices(prop);
  const one = enumChoices(prop);
  const choices = many ?? one;
  if (choices) choices.forEach((c, i) => write(`    ${i + 1}. ${c.label}${c.label !== String(c.value) ? ` (${String(c.value)})` : ''}\n`));
  const hint = `${describeType(prop, prop)}${required ? ', required' : ', optional'}${prop.default !== undefined ? `, default ${JSON.stringify(prop.default)}` : ''}${many ? ', comma-separated numbers' : ''}`;
  for (;;) {
    const text = (await ask(`  ${typeof prop.title === 'string' ? prop.title : name} [${hint}]: `)).trim();
    if (text === '') {
      if (prop.default !== undefined) return prop.default;
      if (!required) return undefined;
      write('    A value is required.\n');
      continue;
    }
    let value: unknown;
    if (many) value = text.split(',').map(t => parseChoice(t.trim(), many));
    else if (one) value = parseChoice(text, one);
    else if (primaryType(prop) === 'boolean') value = /^(y|yes|true)$/i.test(text) ? true : /^(n|no|false)$/i.test(text) ? false : text;
    else if (primaryType(prop) === 'number' || primaryType(prop) === 'integer') value = Number(text);
    else value = text;
    const errors = validateProperty(value, prop, prop);
    if (!errors.length && value !== undefined) return value;
    write(`    ${errors[0] ?? 'Pick one of the numbers above.'}\n`);
  }
}

async function askForm(ask: Ask, q: FormElicitation, write: (s: string) => void): Promise<ElicitationAnswer> {
  const content: ElicitationContent = {};
  for (const p of propertiesOf(q.requestedSchema)) {
    const value = await askField(ask, p.name, p.schema, p.required, write);
    if (value !== undefined) content[p.name] = value as ElicitationContent[string];
  }
  return { action: 'accept', content };
}

async function askOnTerminal(io: TerminalIo, q: Elicitation, ctx: ClientRequestContext): Promise<ElicitationAnswer> {
  const rl = createInterface({ input: io.input, output: io.output, terminal: io.isTty });
  const write = (s: string) => { io.output.write(s); };
  const ask: Ask = question => rl.question(question, { signal: ctx.signal });
  try {
    write(`\n${ctx.serverTitle ?? ctx.server} asks: ${q.message}\n`);
    if (q.mode === 'url') write(`  It wants you to open ${new URL(q.url).origin}: ${q.url}\n`);
    const choice = (await ask(q.mode === 'url' ? '  Open it yourself, then answer: [a]ccept (opened), [d]ecline, [c]ancel: ' : '  [a]nswer, [d]ecline, [c]ancel: ')).trim().toLowerCase();
    if (choice.startsWith('d')) return { action: 'decline' };
    if (!choice.startsWith('a')) return { action: 'cancel' };
    return q.mode === 'url' ? { action: 'accept' } : await askForm(ask, q, write);
  } catch (e) {
    if (ctx.signal.aborted) { write('\n  (the server withdrew the question)\n'); return { action: 'cancel' }; }
    throw e;
  } finally {
    rl.close();
  }
}

/**
 * The CLI's answer to elicitations: the `--answers` file when given, else prompts on a terminal, else a decline with
 * a message on stderr saying why (a script must not hang on a question nobody sees).
 */
export function terminalElicitation(io: TerminalIo, answers?: ElicitationAnswer[]): NonNullable<ClientRequestHandlers['elicit']> {
  const queue = answers ? [...answers] : undefined;
  let asking = Promise.resolve();
  return (q, ctx) => {
    if (queue) {
      const answer = queue.shift();
      if (!answer) io.output.write(`${ctx.serverTitle ?? ctx.server} asked "${q.message}" and the answers file has no more answers: declined\n`);
      return Promise.resolve(answer ?? { action: 'decline' });
    }
    if (!io.isTty) {
      io.output.write(`${ctx.serverTitle ?? ctx.server} asked "${q.message}" but stdin is not a terminal: declined. Pass --answers FILE to answer.\n`);
      return Promise.resolve({ action: 'decline' });
    }
    // One question at a time on the terminal.
    const next = asking.then(() => askOnTerminal(io, q, ctx));
    asking = next.then(() => undefined, () => undefined);
    return next;
  };
}

// What `npm test` repeats about a failed step at the end of its log, where CI shows only the last lines.
import { stripAnsi } from './proc.mjs';

/** The part of a step's output that says what failed: mocha's failure list, our runners' ✘ entries, else the tail. */
export function failureDigest(output) {
  const lines = stripAnsi(output).split('\n');
  // mocha's own list, or the integration runner's (each suite's lines prefixed with `[suite]`)
  const mochaAt = lines.findLastIndex(l => /^\s*\d+ failing\b/.test(l));
  if (mochaAt >= 0) return lines.slice(mochaAt, mochaAt + 60).join('\n');
  const suiteLists = lines.flatMap((l, i) => (/^\[[\w-]+\]\s+\d+ failing\b/.test(l) ? lines.slice(i, i + 40) : []));
  if (suiteLists.length) return suiteLists.slice(0, 160).join('\n');
  const picked = [];
  lines.forEach((l, i) => { if (/^\s*(✘|FAIL\b)/.test(l)) picked.push(...lines.slice(i, i + 9)); });
  return (picked.length ? picked : lines.slice(-30)).slice(0, 120).join('\n');
}

const MAX_HEADLINE = 300;
const clip = s => (s.length > MAX_HEADLINE ? `${s.slice(0, MAX_HEADLINE - 1)}…` : s);
const unprefixed = l => l.replace(/^\[[\w-]+\]/, '').trim();
/** A stack frame as V8 prints it (`at fn (file:1:2)`, `at async fn (…)`, `at file:1:2`), not a message line that starts with "at". */
const STACK_FRAME = /^\s*at (?:async |new )?(?:\S+ \(.*\)|\S+:\d+:\d+)$/;

/**
 * One line per failed test, `title: error`: our runners' ✘ entries (the error's message, its lines joined) and the
 * entries of mocha's failure lists after `N failing`, also the integration runner's `[suite]`-prefixed ones (the
 * error's first line). Each once, at most `max`.
 */
export function failureHeadlines(output, max = 10) {
  const lines = stripAnsi(output).split('\n');
  const firstText = from => { for (let j = from; j < lines.length; j++) { const t = unprefixed(lines[j]); if (t) return t; } return ''; };
  // A runner's ✘ entry prints the error's whole message, then its stack: the message's lines, on one line.
  const messageText = from => {
    const parts = [];
    for (let j = from; j < lines.length && !STACK_FRAME.test(lines[j]) && !/^\s*(✔|✘|screenshot:|the extension's log)/.test(lines[j]); j++) if (lines[j].trim()) parts.push(lines[j].trim());
    return parts.join(' ⏎ ');
  };
  const out = [];
  const add = h => { const c = clip(h); if (!out.includes(c)) out.push(c); };
  let inMochaList = false;
  for (let i = 0; i < lines.length && out.length < max; i++) {
    const line = unprefixed(lines[i]);
    if (/^\d+ failing\b/.test(line)) { inMochaList = true; continue; }
    const runner = /^✘\s+(.*)$/.exec(line);
    if (runner) { add(`${runner[1]}: ${messageText(i + 1)}`); continue; }
    const numbered = inMochaList && /^\d+\) (.*)$/.exec(line);
    if (!numbered) continue;
    // mocha's list writes the suites and the title on lines of their own, the title's ending with a colon; an entry
    // of a later suite's progress list (`1) title`, no colon) is not one.
    const title = [numbered[1]];
    let j = i;
    while (!title[title.length - 1].endsWith(':') && j + 1 < lines.length && j - i < 8 && unprefixed(lines[j + 1])) title.push(unprefixed(lines[++j]));
    if (!title[title.length - 1].endsWith(':')) continue;
    add(`${title.join(' › ').slice(0, -1)}: ${firstText(j + 1)}`);
    i = j;
  }
  return out;
}

const MAX_MESSAGE_LINES = 40;
const MAX_FRAMES = 5;

/** What a runner prints for a thrown error: its whole message (an assertion's may span lines), then a few frames. */
export function failureText(error) {
  const stack = String(error?.stack ?? error).split('\n');
  const firstFrame = stack.findIndex(l => STACK_FRAME.test(l));
  const message = firstFrame < 0 ? stack : stack.slice(0, firstFrame);
  const frames = firstFrame < 0 ? [] : stack.slice(firstFrame, firstFrame + MAX_FRAMES).map(l => l.trim());
  const shown = message.length > MAX_MESSAGE_LINES ? [...message.slice(0, MAX_MESSAGE_LINES), `… ${message.length - MAX_MESSAGE_LINES} more lines`] : message;
  return [...shown, ...frames];
}

import { readFileSync } from 'node:fs';
import type { ClientRequestHandlers } from '../core/clientRequests/types';
import { toRoot } from '../core/clientRequests/roots';
import type { CliCommand } from './parseArgs';
import { parseAnswers } from './answersFile';
import { terminalElicitation } from './terminalElicitation';

/** What the CLI answers when a server asks back: questions on the terminal (or `--answers`), roots from `--root` or the cwd. */
export function cliClientRequests(cmd: CliCommand): ClientRequestHandlers {
  const cwd = process.cwd();
  const roots = (cmd.roots.length ? cmd.roots : [cwd]).map(r => toRoot(r, cwd));
  let answers;
  if (cmd.answersFile) {
    let text: string;
    try { text = readFileSync(cmd.answersFile, 'utf8'); } catch (e) { throw new Error(`Cannot read --answers ${cmd.answersFile}: ${(e as Error).message}`); }
    answers = parseAnswers(text, cmd.answersFile);
  }
  return {
    elicit: terminalElicitation({ input: process.stdin, output: process.stderr, isTty: !!process.stdin.isTTY }, answers),
    roots: { roots: () => roots },
    onElicitationRefused: (_server, message) => { process.stderr.write(`${message}\n`); },
  };
}

// The demo workspace's `.vscode/mcp.json` as `npm start` keeps it: only the demo server's own entry is (re)written;
// servers the user added, comments and formatting stay as they were.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { applyEdits, modify, parseTree } from 'jsonc-parser';

export const DEMO_NAME = 'demo';

/**
 * The text of mcp.json with `servers.demo` set to `entry`. `existing` undefined or blank: a new file.
 * Throws when the existing text is not a JSON object, so a file the user is editing is never clobbered.
 */
export function mergeDemoEntry(existing, entry) {
  if (existing === undefined || existing.trim() === '') return `${JSON.stringify({ servers: { [DEMO_NAME]: entry } }, null, 2)}\n`;
  const errors = [];
  const root = parseTree(existing, errors, { allowTrailingComma: true });
  if (errors.length || root?.type !== 'object') throw new Error('it is not a valid JSON object');
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^([ \t]+)\S/m.exec(existing)?.[1];
  const formattingOptions = indent?.startsWith('\t') ? { insertSpaces: false, tabSize: 4, eol } : { insertSpaces: true, tabSize: indent?.length ?? 2, eol };
  return applyEdits(existing, modify(existing, ['servers', DEMO_NAME], entry, { formattingOptions }));
}

/**
 * Writes the demo entry into `<dir>/.vscode/mcp.json`. Returns what happened: 'created', 'updated', 'unchanged', or
 * `{ skipped: reason }` when the file cannot be parsed (it is then left untouched).
 */
export function writeDemoMcpJson(dir, entry) {
  const file = join(dir, '.vscode', 'mcp.json');
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  let next;
  try {
    next = mergeDemoEntry(existing, entry);
  } catch (e) {
    return { skipped: `${file} was left as it is: ${e.message}. Fix it, and the next npm start updates its "${DEMO_NAME}" entry.` };
  }
  if (next === existing) return 'unchanged';
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, next);
  return existing === undefined ? 'created' : 'updated';
}

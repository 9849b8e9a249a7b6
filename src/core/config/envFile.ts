/** `.env` files: `KEY=value`, `export KEY=value`, `# comments`, quoted values (escapes in double quotes), `KEY=value # comment`. */

export interface EnvFileProblem {
  /** 0-based line of the problem. */
  line: number;
  message: string;
}

export interface EnvFileContents { values: Record<string, string>; problems: EnvFileProblem[] }

const assignment = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=(.*)$/;
const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"', $: '$' };

function unescapeDoubleQuoted(raw: string): string {
  return raw.replace(/\\(.)/g, (match, ch: string) => escapes[ch] ?? match);
}

/** Index of the closing quote, skipping backslash escapes inside double quotes; -1 when absent. */
function closingQuote(text: string, quote: string): number {
  for (let i = 0; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') { i++; continue; }
    if (text[i] === quote) return i;
  }
  return -1;
}

interface QuotedValue { value: string; consumedLines: number; problem?: string }

/** A quoted value may span several lines; `rest` starts right after the opening quote. */
function readQuoted(quote: string, rest: string, following: string[]): QuotedValue {
  let raw = rest;
  for (let consumed = 0; ; consumed++) {
    const end = closingQuote(raw, quote);
    if (end >= 0) {
      const body = raw.slice(0, end);
      const trailing = raw.slice(end + 1).trim();
      const problem = trailing !== '' && !trailing.startsWith('#') ? 'unexpected text after the closing quote' : undefined;
      return { value: quote === '"' ? unescapeDoubleQuoted(body) : body, consumedLines: consumed, problem };
    }
    if (consumed >= following.length) return { value: rest, consumedLines: 0, problem: `missing closing ${quote}` };
    raw += `\n${following[consumed]}`;
  }
}

function unquoted(rest: string): string {
  const trimmed = rest.trim();
  if (trimmed.startsWith('#')) return '';
  return trimmed.replace(/\s+#.*$/, '');
}

export function parseEnvFile(text: string): EnvFileContents {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const values: Record<string, string> = {};
  const problems: EnvFileProblem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const match = assignment.exec(line);
    if (!match) {
      // Never quote the line: a repository can point envFile at a key file, and the log must not show its content.
      problems.push({ line: i, message: 'expected `KEY=value` (content not shown)' });
      continue;
    }
    const [, key, rest] = match;
    const quote = rest.trimStart()[0];
    if (quote === '"' || quote === '\'' || quote === '`') {
      const quoted = readQuoted(quote, rest.trimStart().slice(1), lines.slice(i + 1));
      if (quoted.problem) problems.push({ line: i, message: `\`${key}\`: ${quoted.problem}` });
      values[key] = quoted.value;
      i += quoted.consumedLines;
    } else {
      values[key] = unquoted(rest);
    }
  }
  return { values, problems };
}

export type ReadTextFile = (path: string) => Promise<string>;

export type LoadedEnvFile = { ok: true; contents: EnvFileContents } | { ok: false; message: string };

export async function loadEnvFile(path: string, readTextFile: ReadTextFile): Promise<LoadedEnvFile> {
  try {
    return { ok: true, contents: parseEnvFile(await readTextFile(path)) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, message: `envFile \`${path}\` not found` };
    return { ok: false, message: `could not read envFile \`${path}\` (${code ?? 'unreadable'})` };
  }
}

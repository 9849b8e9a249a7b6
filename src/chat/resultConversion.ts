/**
 * MCP tool results → what a language model gets back. Pure and vscode-free (unit-tested in plain Node);
 * `lmParts.ts` maps these neutral parts onto `LanguageModelTextPart` / `LanguageModelDataPart`.
 *
 * - text content → text;
 * - images and audio → binary data parts when the host supports them (`LanguageModelDataPart`), else a one-line summary;
 * - embedded resources → their text, or binary data / a summary for blobs; resource links → a line naming the link;
 * - `structuredContent` → JSON text (unless a text part already carries the same JSON);
 * - `isError` → a leading line telling the model the tool failed, so it can react;
 * - resources (links and embedded) are also returned as references for the chat UI.
 */
import type { ContentPart, ResourceContents, ToolCallResult } from '../core/connection/catalog';
import { formatBytes } from '../shared/format';
import { stringifySafely } from '../shared/safeJson';

export type NeutralPart =
  | { kind: 'text'; text: string }
  | { kind: 'data'; mimeType: string; base64: string };

export interface ResourceRef { uri: string; name?: string; mimeType?: string }

export interface ConvertedResult {
  parts: NeutralPart[];
  references: ResourceRef[];
  isError: boolean;
}

export interface ConvertOptions {
  /** Whether binary data parts can be sent (the host has LanguageModelDataPart). */
  dataParts: boolean;
  /** Longest text of one part before it is cut (default 100 000 characters). */
  maxTextChars?: number;
  /** Tool label for messages, e.g. `server/tool`. */
  label?: string;
}

export const ERROR_PREFIX = 'ERROR: the tool reported an error (isError: true).';

const DEFAULT_MAX_TEXT = 100_000;

/** Bytes of a base64 string without decoding it. */
export function base64Bytes(b64: string): number {
  const clean = b64.replace(/\s/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - pad);
}


function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}\n… [cut: ${text.length - max} more characters]`;
}

function binary(kind: string, mimeType: string, base64: string, opts: ConvertOptions, where = ''): NeutralPart {
  if (opts.dataParts) return { kind: 'data', mimeType, base64 };
  return { kind: 'text', text: `[${kind}${where}: ${mimeType}, ${formatBytes(base64Bytes(base64))}; binary content cannot be shown to the model here]` };
}

function sameJson(text: string, value: unknown): boolean {
  try { return JSON.stringify(JSON.parse(text)) === JSON.stringify(value); } catch { return false; }
}

export function convertContentPart(part: ContentPart, opts: ConvertOptions, refs: ResourceRef[]): NeutralPart[] {
  const max = opts.maxTextChars ?? DEFAULT_MAX_TEXT;
  switch (part.type) {
    case 'text':
      return [{ kind: 'text', text: cut(part.text, max) }];
    case 'image':
      return [binary('image', part.mimeType, part.data, opts)];
    case 'audio':
      return [binary('audio', part.mimeType, part.data, opts)];
    case 'resource_link': {
      refs.push({ uri: part.uri, name: part.name, mimeType: part.mimeType });
      const desc = part.description ? ` — ${part.description}` : '';
      return [{ kind: 'text', text: `Resource link: ${part.name ? `${part.name} ` : ''}<${part.uri}>${part.mimeType ? ` (${part.mimeType})` : ''}${desc}` }];
    }
    case 'resource': {
      const r = part.resource;
      refs.push({ uri: r.uri, mimeType: r.mimeType });
      if (typeof r.text === 'string') return [{ kind: 'text', text: cut(`Resource <${r.uri}>${r.mimeType ? ` (${r.mimeType})` : ''}:\n${r.text}`, max) }];
      if (typeof r.blob === 'string') return [binary('resource', r.mimeType ?? 'application/octet-stream', r.blob, opts, ` <${r.uri}>`)];
      return [{ kind: 'text', text: `Resource <${r.uri}> (no content)` }];
    }
    default: {
      const unknown = part as { type?: unknown };
      return [{ kind: 'text', text: `[unsupported content part of type ${String(unknown.type)}]` }];
    }
  }
}

export function convertToolResult(result: ToolCallResult, opts: ConvertOptions): ConvertedResult {
  const refs: ResourceRef[] = [];
  const parts: NeutralPart[] = [];
  const isError = result.isError === true;
  if (isError) parts.push({ kind: 'text', text: opts.label ? `${ERROR_PREFIX} Tool: ${opts.label}.` : ERROR_PREFIX });
  for (const p of result.content ?? []) parts.push(...convertContentPart(p, opts, refs));
  if (result.structuredContent !== undefined && result.structuredContent !== null) {
    const already = (result.content ?? []).some(p => p.type === 'text' && sameJson(p.text, result.structuredContent));
    if (!already) parts.push({ kind: 'text', text: cut(`Structured content (JSON):\n${stringifySafely(result.structuredContent, 2)}`, opts.maxTextChars ?? DEFAULT_MAX_TEXT) });
  }
  if (result.outputSchemaErrors?.length) {
    parts.push({ kind: 'text', text: `Warning: the structured content does not match the tool's outputSchema: ${result.outputSchemaErrors.join('; ')}` });
  }
  if (!parts.length || (isError && parts.length === 1)) parts.push({ kind: 'text', text: '(the tool returned no content)' });
  return { parts, references: dedupeRefs(refs), isError };
}

function dedupeRefs(refs: ResourceRef[]): ResourceRef[] {
  const seen = new Set<string>();
  return refs.filter(r => (seen.has(r.uri) ? false : (seen.add(r.uri), true)));
}

/** An error thrown by the engine (server down, timeout, breaker open...) as a result the model can read. */
export function errorResult(label: string, message: string): ConvertedResult {
  return { parts: [{ kind: 'text', text: `${ERROR_PREFIX} Tool: ${label}. ${message}` }], references: [], isError: true };
}

/** Resource contents (resources/read) as markdown for the chat: text in a fence, blobs summarised. */
export function resourceContentsMarkdown(contents: ResourceContents[], maxChars = 20_000): string {
  if (!contents.length) return '_The resource is empty._';
  return contents.map(c => {
    const head = `**${c.uri}**${c.mimeType ? ` (${c.mimeType})` : ''}`;
    if (typeof c.text === 'string') return `${head}\n\n${fence(cut(c.text, maxChars), languageOf(c.mimeType))}`;
    if (typeof c.blob === 'string') return `${head}\n\n_binary, ${formatBytes(base64Bytes(c.blob))}_`;
    return `${head}\n\n_no content_`;
  }).join('\n\n');
}

/** A fenced code block that survives backticks inside the text. */
export function fence(text: string, lang = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map(m => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${lang}\n${text}\n${ticks}`;
}

function languageOf(mime?: string): string {
  if (!mime) return '';
  if (mime.includes('json')) return 'json';
  if (mime.includes('markdown')) return 'markdown';
  if (mime.includes('html')) return 'html';
  if (mime.includes('xml')) return 'xml';
  if (mime.includes('javascript')) return 'javascript';
  return '';
}

/** Markdown of a tool result for a direct `/call`: text parts, summaries of binaries, structured content as JSON. */
export function toolResultMarkdown(result: ToolCallResult, label: string): string {
  const out: string[] = [];
  if (result.isError) out.push(`**${label} reported an error** (\`isError: true\`):`);
  for (const p of result.content ?? []) {
    switch (p.type) {
      case 'text': out.push(fence(cut(p.text, 20_000))); break;
      case 'image': case 'audio': out.push(`_${p.type}: ${p.mimeType}, ${formatBytes(base64Bytes(p.data))}_`); break;
      case 'resource_link': out.push(`Resource link: ${p.name ? `${p.name} ` : ''}\`${p.uri}\``); break;
      case 'resource': out.push(typeof p.resource.text === 'string' ? `Resource \`${p.resource.uri}\`:\n\n${fence(cut(p.resource.text, 20_000))}` : `Resource \`${p.resource.uri}\` (binary)`); break;
    }
  }
  if (result.structuredContent !== undefined) out.push(`Structured content:\n\n${fence(stringifySafely(result.structuredContent, 2), 'json')}`);
  if (!out.length) out.push('_The tool returned no content._');
  return out.join('\n\n');
}

import type { ContentPart, PromptResult, ToolCallResult } from '../core/connection/catalog';
import { formatBytes } from '../shared/format';
import { base64Size, codeBlock, escapeMarkdown, formatDuration, inlineCode, truncate } from './markdown';
import { languageForMime } from './mimeLanguages';
import { stringifySafely } from '../shared/safeJson';
import { stableStringify } from '../core/stableJson';

/** Text beyond this many characters is cut in the document (the full payload stays in the traffic inspector). */
const MAX_TEXT = 2_000_000;
/** Images larger than this are not inlined as data URIs. */
const MAX_INLINE_IMAGE = 8 * 1024 * 1024;

/** A link that opens an MCP resource through the `mcpsb-resource:` document provider. */
export type ResourceLinker = (uri: string, mimeType?: string) => string | undefined;

function text(t: string): string {
  return t.length > MAX_TEXT ? `${t.slice(0, MAX_TEXT)}\n… (${formatBytes(t.length - MAX_TEXT)} more not shown)` : t;
}

/**
 * Image data collected while rendering: the body shows `![caption][image-N]` and the base64 data goes to link reference
 * definitions at the end of the document, so the Markdown source stays readable and the preview still shows the image.
 */
export class ImageRefs {
  private readonly definitions: string[] = [];
  ref(caption: string, mimeType: string, base64: string): string {
    const id = `image-${this.definitions.length + 1}`;
    this.definitions.push(`[${id}]: data:${mimeType};base64,${base64.replace(/\s/g, '')}`);
    return `![${caption}][${id}]`;
  }
  /** The definitions, to append at the end of the document; empty when there were no images. */
  footer(): string {
    return this.definitions.length ? `<!-- image data -->\n\n${this.definitions.join('\n')}` : '';
  }
}

function imageMarkdown(caption: string, mimeType: string, base64: string, images?: ImageRefs): string {
  return images ? images.ref(caption, mimeType, base64) : `![${caption}](data:${mimeType};base64,${base64.replace(/\s/g, '')})`;
}

/** Text that is a JSON object or array, parsed; undefined for any other text. */
function jsonOf(t: string): unknown {
  const s = t.trim();
  if (!(s.startsWith('{') && s.endsWith('}')) && !(s.startsWith('[') && s.endsWith(']'))) return undefined;
  try { return JSON.parse(s) as unknown; } catch { return undefined; }
}

function textMarkdown(t: string): string {
  const json = t.length <= MAX_TEXT ? jsonOf(t) : undefined;
  return json === undefined ? codeBlock(text(t), 'text') : codeBlock(JSON.stringify(json, null, 2), 'json');
}

/** One content part as Markdown: text verbatim in a fence (JSON pretty-printed), images inline, resources and links described. */
export function contentPartMarkdown(part: ContentPart, linker?: ResourceLinker, images?: ImageRefs): string {
  switch (part.type) {
    case 'text': return textMarkdown(part.text);
    case 'image': {
      const size = base64Size(part.data);
      const caption = `Image (${part.mimeType}, ${formatBytes(size)})`;
      if (size > MAX_INLINE_IMAGE) return `_${caption}: too large to show inline._`;
      return `_${caption}_\n\n${imageMarkdown(caption, part.mimeType, part.data, images)}`;
    }
    case 'audio': return `_Audio (${part.mimeType}, ${formatBytes(base64Size(part.data))}): not playable here._`;
    case 'resource_link': {
      const link = linker?.(part.uri, part.mimeType);
      const name = part.name ?? part.uri;
      const facts = [part.mimeType && inlineCode(part.mimeType), part.description && escapeMarkdown(part.description)].filter(Boolean).join(' — ');
      return `**Resource link:** ${link ? `[${escapeMarkdown(name)}](${link})` : escapeMarkdown(name)} ${inlineCode(part.uri)}${facts ? `\n\n${facts}` : ''}`;
    }
    case 'resource': {
      const r = part.resource;
      const link = linker?.(r.uri, r.mimeType);
      const head = `**Embedded resource:** ${link ? `[${inlineCode(r.uri)}](${link})` : inlineCode(r.uri)}${r.mimeType ? ` (${inlineCode(r.mimeType)})` : ''}`;
      if (r.text !== undefined) return `${head}\n\n${codeBlock(text(r.text), languageForMime(r.mimeType)?.language ?? 'text')}`;
      if (r.blob !== undefined) {
        if (r.mimeType?.startsWith('image/') && base64Size(r.blob) <= MAX_INLINE_IMAGE) return `${head}\n\n${imageMarkdown(escapeMarkdown(r.uri), r.mimeType, r.blob, images)}`;
        return `${head}\n\n_Binary, ${formatBytes(base64Size(r.blob))}._`;
      }
      return head;
    }
    default: return codeBlock(stringifySafely(part, 2), 'json');
  }
}

export interface ToolResultContext {
  server: string;
  tool: string;
  args: Record<string, unknown>;
  durationMs: number;
  at: Date;
  hasOutputSchema: boolean;
}

/** A tool result as a readable Markdown document; `isError` results are marked in the title and at the top. */
export function toolResultMarkdown(result: ToolCallResult, ctx: ToolResultContext, linker?: ResourceLinker): string {
  const out: string[] = [];
  const title = `${escapeMarkdown(ctx.server)} / ${escapeMarkdown(ctx.tool)}`;
  if (result.isError) {
    out.push(`# TOOL ERROR: ${title}`);
    out.push('> **isError: true** — the tool ran and reported an error. The content below is its error message.');
  } else {
    out.push(`# ${title}`);
  }
  out.push(`_Called ${ctx.at.toLocaleString()} · ${formatDuration(ctx.durationMs)}_`);
  out.push(`## Arguments\n\n${codeBlock(JSON.stringify(ctx.args, null, 2), 'json')}`);
  const parts = result.content ?? [];
  const images = new ImageRefs();
  // A hostile server's structuredContent may be too deep for JSON.stringify: then it is simply not compared.
  const stable = (v: unknown) => { try { return stableStringify(v); } catch { return undefined; } };
  const structured = result.structuredContent === undefined ? undefined : stable(result.structuredContent);
  const sameAsStructured = (p: ContentPart) => p.type === 'text' && structured !== undefined && stable(jsonOf(p.text)) === structured;
  out.push(`## Content${parts.length ? ` (${parts.length} part${parts.length === 1 ? '' : 's'})` : ''}`);
  if (!parts.length) out.push('_No content._');
  parts.forEach((part, i) => out.push(`### ${i + 1}. ${part.type}\n\n${sameAsStructured(part) ? '_The same JSON as the structured content below._' : contentPartMarkdown(part, linker, images)}`));
  if (result.structuredContent !== undefined) {
    out.push(`## Structured content\n\n${codeBlock(truncate(stringifySafely(result.structuredContent, 2), MAX_TEXT), 'json')}`);
    if (result.outputSchemaErrors?.length) {
      out.push(`> **Warning: does not match the tool's outputSchema:**\n${result.outputSchemaErrors.map(e => `> - ${escapeMarkdown(e)}`).join('\n')}`);
    } else if (ctx.hasOutputSchema) {
      out.push('_Matches the tool\'s outputSchema._');
    }
  } else if (ctx.hasOutputSchema && !result.isError) {
    out.push('> **Warning:** the tool declares an outputSchema but returned no structuredContent.');
  }
  const footer = images.footer();
  if (footer) out.push(footer);
  return out.join('\n\n') + '\n';
}

/** A prompt's messages as Markdown, one section per message with its role. */
export function promptResultMarkdown(result: PromptResult, ctx: { server: string; prompt: string; args: Record<string, string> }, linker?: ResourceLinker): string {
  const out: string[] = [`# ${escapeMarkdown(ctx.server)} / ${escapeMarkdown(ctx.prompt)}`];
  if (result.description) out.push(escapeMarkdown(result.description));
  if (Object.keys(ctx.args).length) out.push(`## Arguments\n\n${codeBlock(JSON.stringify(ctx.args, null, 2), 'json')}`);
  out.push(`## Messages (${result.messages.length})`);
  const images = new ImageRefs();
  result.messages.forEach((m, i) => out.push(`### ${i + 1}. ${m.role}\n\n${contentPartMarkdown(m.content, linker, images)}`));
  const footer = images.footer();
  if (footer) out.push(footer);
  return out.join('\n\n') + '\n';
}

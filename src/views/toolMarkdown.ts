import type { McpTool, QualifiedTool, ToolAnnotations } from '../core/connection/catalog';
import { describeType, deref, propertiesOf, type JsonSchema } from '../core/schema/jsonSchema';
import { escapeMarkdown, inlineCode, truncate } from './markdown';
import { formatTokens, type TokenCount } from '../core/tokens/definitionTokens';

/** The annotations a tool states explicitly, as short tags. */
export function annotationTags(a: ToolAnnotations | undefined): string[] {
  if (!a) return [];
  const tags: string[] = [];
  if (a.readOnlyHint === true) tags.push('read-only');
  if (a.destructiveHint === true && a.readOnlyHint !== true) tags.push('destructive');
  if (a.idempotentHint === true) tags.push('idempotent');
  if (a.openWorldHint === true) tags.push('open-world');
  return tags;
}

export function toolLabel(tool: McpTool): string {
  return tool.title ?? tool.annotations?.title ?? tool.name;
}

const MAX_DEPTH = 2;
const MAX_PROPERTIES = 40;

/** A readable rendering of an object schema as a nested list: name, type and constraints, required, default, description. */
export function schemaMarkdown(schema: JsonSchema, root: JsonSchema = schema, depth = 0): string {
  const props = propertiesOf(schema, root);
  if (!props.length) return depth === 0 ? '_No parameters._' : '';
  const indent = '  '.repeat(depth);
  const lines: string[] = [];
  for (const p of props.slice(0, MAX_PROPERTIES)) {
    const facts = [describeType(p.schema, root), p.required ? '**required**' : 'optional'];
    if (p.schema.default !== undefined) facts.push(`default ${inlineCode(JSON.stringify(p.schema.default))}`);
    const description = p.schema.description ?? p.schema.title;
    lines.push(`${indent}- ${inlineCode(p.name)} (${escapeMarkdown(facts[0])}, ${facts.slice(1).join(', ')})${description ? ` — ${escapeMarkdown(truncate(description.replace(/\s+/g, ' '), 300))}` : ''}`);
    const nested = nestedObject(p.schema, root);
    if (nested && depth < MAX_DEPTH) {
      const inner = schemaMarkdown(nested, root, depth + 1);
      if (inner) lines.push(inner);
    }
  }
  if (props.length > MAX_PROPERTIES) lines.push(`${indent}- _…and ${props.length - MAX_PROPERTIES} more_`);
  return lines.join('\n');
}

function nestedObject(schema: JsonSchema, root: JsonSchema): JsonSchema | undefined {
  if (schema.properties) return schema;
  const items = Array.isArray(schema.items) ? undefined : schema.items && deref(schema.items, root);
  return items?.properties ? items : undefined;
}

/** The tooltip of a tool node: what it does, its tags, its input schema, its output schema. */
export function toolTooltipMarkdown(t: QualifiedTool, tokens?: TokenCount): string {
  const tool = t.tool;
  const parts: string[] = [];
  const label = toolLabel(tool);
  parts.push(`**${escapeMarkdown(label)}**${label !== tool.name ? ` ${inlineCode(tool.name)}` : ''} — ${escapeMarkdown(t.server)}`);
  if (tool.description) parts.push(escapeMarkdown(truncate(tool.description, 1500)));
  const tags = annotationTags(tool.annotations);
  if (tags.length) parts.push(tags.map(tag => inlineCode(tag)).join(' '));
  if (!t.enabled) parts.push('_Filtered out by `allowedTools`/`excludedTools`: not offered to chat and not callable._');
  const input = tool.inputSchema as JsonSchema;
  parts.push(`**Parameters**\n\n${schemaMarkdown(input)}`);
  if (tool.outputSchema) parts.push(`**Output** (structured)\n\n${schemaMarkdown(tool.outputSchema as JsonSchema)}`);
  parts.push(`Chat name: ${inlineCode(t.qualifiedName)}${tokens ? ` · definition: ${formatTokens(tokens)} per chat request` : ''}`);
  return parts.join('\n\n');
}

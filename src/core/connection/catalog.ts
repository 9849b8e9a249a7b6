/** Structural MCP shapes the core works with (kept SDK-free; src/mcp maps the SDK's types onto them). */
export interface ToolAnnotations {
  title?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

export interface McpTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema: { type: 'object'; properties?: Record<string, unknown>; required?: string[]; [k: string]: unknown };
  outputSchema?: { type: 'object'; [k: string]: unknown };
  annotations?: ToolAnnotations;
  /** 2025-11-25: whether the tool is called as a task (`required`), may be (`optional`) or must not be. */
  execution?: { taskSupport?: 'required' | 'optional' | 'forbidden' };
}

export interface McpResource { uri: string; name: string; title?: string; description?: string; mimeType?: string; size?: number }
export interface McpResourceTemplate { uriTemplate: string; name: string; title?: string; description?: string; mimeType?: string }
export interface McpPromptArgument { name: string; description?: string; required?: boolean }
export interface McpPrompt { name: string; title?: string; description?: string; arguments?: McpPromptArgument[] }

/** A tool the server listed that cannot be offered, with the reason (shown as an error in the tree and the CLI). */
export interface InvalidTool { name: string; reason: string }

export type CatalogListKind = 'tools' | 'resources' | 'prompts';

/** The caching hints of one list result (MCP 2026-07-28, SEP-2549). */
export interface CacheHint { ttlMs?: number; cacheScope?: 'public' | 'private' }

/** How long a list the server hinted stays fresh, and who may share it. */
export interface ListFreshness {
  /** Epoch ms when the list goes stale: its next use refetches it. */
  expiresAt: number;
  /** `private`: only for the credentials it was fetched with; `public`: the same for every caller. */
  scope: 'public' | 'private';
}

export interface Catalog {
  tools: McpTool[];
  /** Listed tools that failed validation or repeat a name. */
  invalidTools?: InvalidTool[];
  /** Lists whose last refresh failed or timed out: their items are the last good ones, or none. */
  listErrors?: Partial<Record<CatalogListKind, string>>;
  resources: McpResource[];
  resourceTemplates: McpResourceTemplate[];
  prompts: McpPrompt[];
  /** Epoch ms of the last successful refresh; 0 when never fetched. */
  fetchedAt: number;
  /** Lists whose server sent caching hints (2026-07-28); a list without an entry follows list_changed and the periodic refresh. */
  freshness?: Partial<Record<CatalogListKind, ListFreshness>>;
}

export const emptyCatalog = (): Catalog => ({ tools: [], resources: [], resourceTemplates: [], prompts: [], fetchedAt: 0 });

/** A tool of one server with its engine-wide name, valid as a language-model tool name. */
export interface QualifiedTool {
  /** `^[a-zA-Z0-9_-]{1,64}$`, stable for a given (server, tool). */
  qualifiedName: string;
  server: string;
  tool: McpTool;
  /** False when allowedTools/excludedTools filter it out (views may still show it greyed out). */
  enabled: boolean;
}

/** Content parts of a tool result, as MCP defines them. */
export type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'image'; data: string; mimeType: string }
  | { type: 'audio'; data: string; mimeType: string }
  | { type: 'resource_link'; uri: string; name?: string; mimeType?: string; description?: string }
  | { type: 'resource'; resource: { uri: string; mimeType?: string; text?: string; blob?: string } };

export interface ToolCallResult {
  content: ContentPart[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  /** Set by the engine when the tool has an outputSchema and structuredContent does not match it. */
  outputSchemaErrors?: string[];
}

export interface ResourceContents { uri: string; mimeType?: string; text?: string; blob?: string }
export interface PromptMessage { role: 'user' | 'assistant'; content: ContentPart }
export interface PromptResult { description?: string; messages: PromptMessage[] }

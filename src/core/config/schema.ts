import { z } from 'zod';
import { protocolVersionChoices } from '../connection/types';
import { mcpLogLevels } from '../clientRequests/logLevels';

/** The zod schemas of the config formats. Every `.describe()` text becomes hover documentation in the JSON schema. */

export const transportTypes = ['stdio', 'http', 'sse'] as const;
export const approvalModes = ['always', 'never', 'readOnly'] as const;
export const restartPolicies = ['on-failure', 'never'] as const;

const approvalMode = z.enum(approvalModes)
  .describe('`always`: ask before every call. `never`: run without asking. `readOnly`: run tools annotated read-only without asking, ask for the others.');

export const approvalSchema = z.union([
  approvalMode,
  z.object({
    default: approvalMode.optional().describe('Approval mode for tools not listed in `tools`.'),
    tools: z.record(z.string(), approvalMode).optional().describe('Approval mode per tool, keyed by the tool\'s original name.'),
  }),
], { error: 'must be one of always, never, readOnly, or an object with `default` and `tools`' })
  .describe('When to ask before a tool of this server runs: one mode for all tools, or `{ "default": mode, "tools": { "toolName": mode } }`.');

const milliseconds = (what: string) => z.number().positive().describe(`${what} (milliseconds).`);
const toolNames = (what: string) => z.array(z.string()).describe(what);

/** Fields MCP Switchboard adds to a server definition; shared by every format. */
const switchboardFields = {
  disabled: z.boolean().describe('Keep this server defined but do not start it.'),
  autoStart: z.boolean().describe('Start this server when the window opens (default `true`). When `false` it starts on first use or by hand.'),
  timeout: milliseconds('Default timeout of one request to this server; default 60000'),
  startupTimeout: milliseconds('Time allowed to spawn or connect and finish `initialize`; default 30000'),
  maxTotalTimeout: milliseconds('Hard cap on a request whose timeout keeps being reset by progress notifications; default 600000'),
  healthCheckInterval: z.number().nonnegative().describe('Interval between pings while the server is idle (milliseconds); `0` turns health checks off; default 30000.'),
  restart: z.enum(restartPolicies).describe('`on-failure`: reconnect with backoff when the server crashes or the connection drops (default). `never`: stay stopped.'),
  allowedTools: toolNames('Only these tools (original names) are offered to chat; all others are hidden. Omit to allow every tool.'),
  excludedTools: toolNames('Tools (original names) never offered to chat.'),
  approval: approvalSchema,
  oauth: z.object({
    clientId: z.string().min(1).describe('The client ID registered for MCP Switchboard at the server\'s authorization server.'),
    clientSecret: z.string().describe('Its secret, if it has one. Use `${input:…}` so it is kept in SecretStorage, never in the file.'),
    scopes: z.array(z.string()).describe('Scopes to ask for; by default the server\'s 401 challenge decides, else its metadata\'s `scopes_supported`.'),
  }).partial({ clientSecret: true, scopes: true })
    .describe('A client registered ahead of time with the authorization server of this remote server (OAuth 2.1). Without it, MCP Switchboard uses its client ID metadata document when the authorization server supports them, else registers itself (dynamic client registration).'),
  protocolVersion: z.enum(protocolVersionChoices).describe('MCP revision to speak: `auto` (default) asks the server with `server/discover` and falls back to the 2025 `initialize` handshake; `2025-11-25` or `2026-07-28` speak only that revision. Overrides `mcpSwitchboard.protocolVersion`.'),
  logLevel: z.enum(mcpLogLevels).describe('Lowest level of log messages to ask this server for (`logging/setLevel` in the 2025 era, the per-request `_meta` level in 2026). Its messages go to the server\'s output channel. Omit to let the server decide.'),
  roots: z.array(z.string().min(1)).describe('Folders this server may work in (MCP roots), instead of the workspace folders: absolute paths, `file://` URIs, or paths relative to the server\'s `cwd`. `[]` offers none.'),
};

const envValue = z.union([z.string(), z.number(), z.null()], { error: 'must be a string, a number or null' });

/** Fields of a server definition in VS Code's `mcp.json`. */
const vscodeServerFields = {
  type: z.enum(transportTypes).describe('How to reach the server: `stdio` spawns `command`; `http` is streamable HTTP at `url` (falls back to SSE); `sse` is legacy Server-Sent Events at `url`. Inferred from `command` or `url` when omitted.'),
  command: z.string().min(1).describe('Executable to spawn for a `stdio` server, e.g. `npx`, `uvx`, `node` or an absolute path. Supports `${env:NAME}`, `${input:id}`, `${workspaceFolder}` and other variables.'),
  args: z.array(z.string()).describe('Arguments passed to `command`, one string each. Variables are substituted.'),
  cwd: z.string().describe('Working directory of the spawned process. Relative paths are resolved against the workspace folder.'),
  env: z.record(z.string(), envValue).describe('Environment variables for the spawned process, over the inherited environment. `null` removes a variable. Variables such as `${input:token}` are substituted.'),
  envFile: z.string().describe('Path of a `.env` file whose variables are added under `env` (values in `env` win), e.g. `${workspaceFolder}/.env`.'),
  url: z.string().describe('Absolute `http://` or `https://` URL of an `http` or `sse` server.'),
  headers: z.record(z.string(), z.string()).describe('HTTP headers sent with every request, e.g. `{ "Authorization": "Bearer ${input:token}" }`. Authorization-like values are treated as secrets.'),
};

export const serverSchema = z.object({ ...vscodeServerFields, ...switchboardFields }).partial()
  .describe('One MCP server: `command` (+ `args`, `env`) for a local `stdio` server, or `url` (+ `headers`) for a remote one.');

/** Extra fields other clients (Claude Desktop, Cursor, Windsurf, Cline, Roo) use in their `mcpServers` objects. */
const foreignOnlyFields = {
  type: z.enum([...transportTypes, 'streamableHttp', 'streamable-http', 'local']).describe('Transport: `stdio` (`local` in Copilot CLI), `sse`, or streamable HTTP spelled `http`, `streamableHttp` (Cline) or `streamable-http` (Roo). Without it a `url` means streamable HTTP, except in Cline where it means `sse`.'),
  timeout: z.number().positive().describe('Request timeout: seconds in Cline and Roo files, milliseconds elsewhere.'),
  serverUrl: z.string().describe('Windsurf\'s name for `url`.'),
  transportType: z.enum(['stdio', 'sse', 'streamableHttp']).describe('Older Cline name for `type`.'),
  autoApprove: toolNames('Cline: tools that run without asking (read as approval `never` for them).'),
  alwaysAllow: toolNames('Roo: tools that run without asking (read as approval `never` for them).'),
  disabledTools: toolNames('Roo and Windsurf: tools hidden from the model (read as `excludedTools`).'),
  watchPaths: z.array(z.string()).describe('Roo: files whose change restarts the server (ignored by MCP Switchboard).'),
};

export const foreignServerSchema = z.object({ ...vscodeServerFields, ...switchboardFields, ...foreignOnlyFields }).partial()
  .describe('One MCP server as Claude Desktop, Cursor, Windsurf, Cline or Roo define it.');

export const promptStringInputSchema = z.object({
  type: z.literal('promptString').describe('A free-text prompt.'),
  id: z.string().min(1).describe('Referenced as `${input:id}`.'),
  description: z.string().describe('Shown in the prompt that asks for the value.'),
  password: z.boolean().optional().describe('Hide what is typed and keep the value in secret storage; it is redacted from logs and traffic.'),
  default: z.string().optional().describe('Value pre-filled in the prompt.'),
}).describe('Asks for a free-text value the first time a server needs it.');

export const pickStringInputSchema = z.object({
  type: z.literal('pickString').describe('A pick list of `options`.'),
  id: z.string().min(1).describe('Referenced as `${input:id}`.'),
  description: z.string().describe('Shown in the pick list.'),
  options: z.array(z.string()).min(1).describe('The values to choose from.'),
  default: z.string().optional().describe('Pre-selected value.'),
}).describe('Asks the user to pick one of `options` the first time a server needs it.');

export const inputTypes = ['promptString', 'pickString'] as const;
export const inputSchema = z.discriminatedUnion('type', [promptStringInputSchema, pickStringInputSchema]);

export type ServerConfig = z.infer<typeof serverSchema>;
export type ForeignServerConfig = z.infer<typeof foreignServerSchema>;
export type InputDefinition = z.infer<typeof inputSchema>;
export type ApprovalConfig = z.infer<typeof approvalSchema>;

export const serverFieldNames: ReadonlySet<string> = new Set(Object.keys(serverSchema.shape));
export const foreignServerFieldNames: ReadonlySet<string> = new Set(Object.keys(foreignServerSchema.shape));

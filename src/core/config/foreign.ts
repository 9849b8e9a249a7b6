import type { FormatRules } from './formats';
import type { ApprovalConfig, ForeignServerConfig, ServerConfig } from './schema';

export interface MappedServer {
  config: ServerConfig;
  notes: string[];
  renamedFields: Partial<Record<keyof ServerConfig, string>>;
}

const streamableHttpAliases = new Set(['streamableHttp', 'streamable-http']);
const list = (names: string[]) => names.map(n => `\`${n}\``).join(', ');

function withAutoApproved(approval: ApprovalConfig | undefined, tools: string[]): ApprovalConfig {
  const autoApproved = Object.fromEntries(tools.map(tool => [tool, 'never' as const]));
  if (approval === undefined) return { tools: autoApproved };
  if (typeof approval === 'string') return { default: approval, tools: autoApproved };
  return { ...approval, tools: { ...autoApproved, ...approval.tools } };
}

/** Maps one `mcpServers` entry of Claude Desktop, Cursor, Windsurf, Cline or Roo onto the mcp.json shape, noting every assumption. */
export function mapForeignServer(raw: ForeignServerConfig, rules: FormatRules): MappedServer {
  const { type, transportType, serverUrl, timeout, autoApprove, alwaysAllow, disabledTools, watchPaths, ...shared } = raw;
  const config: ServerConfig = { ...shared };
  const notes: string[] = [];
  const renamedFields: MappedServer['renamedFields'] = {};

  if (serverUrl !== undefined) {
    if (config.url === undefined) {
      config.url = serverUrl;
      renamedFields.url = 'serverUrl';
      notes.push(`\`serverUrl\` read as \`url\`, as ${rules.client} names it`);
    } else {
      notes.push('`serverUrl` ignored because `url` is set');
    }
  }

  const declaredType = type ?? transportType;
  if (type === undefined && transportType !== undefined) {
    renamedFields.type = 'transportType';
    notes.push('`transportType` read as `type`');
  }
  if (declaredType !== undefined && streamableHttpAliases.has(declaredType)) {
    config.type = 'http';
    notes.push(`\`type: "${declaredType}"\` read as \`http\` (streamable HTTP)`);
  } else if (declaredType === 'local') {
    config.type = 'stdio';
    notes.push('`type: "local"` read as `stdio`');
  } else if (declaredType !== undefined) {
    config.type = declaredType as ServerConfig['type'];
  }

  if (timeout !== undefined) {
    config.timeout = rules.timeoutUnit === 's' ? timeout * 1000 : timeout;
    if (rules.timeoutUnit === 's') notes.push(`\`timeout: ${timeout}\` read as seconds, as ${rules.client} does (${config.timeout} ms)`);
  }

  const autoApproved = [...(autoApprove ?? []), ...(alwaysAllow ?? [])];
  if (autoApproved.length > 0) {
    config.approval = withAutoApproved(config.approval, autoApproved);
    const field = autoApprove?.length ? 'autoApprove' : 'alwaysAllow';
    notes.push(`\`${field}\` read as approval \`never\` (run without asking) for ${list(autoApproved)}`);
  }

  if (disabledTools && disabledTools.length > 0) {
    config.excludedTools = [...new Set([...(config.excludedTools ?? []), ...disabledTools])];
    notes.push(`\`disabledTools\` read as \`excludedTools\`: ${list(disabledTools)}`);
  }

  if (watchPaths && watchPaths.length > 0) notes.push('`watchPaths` is not supported and was ignored');
  return { config, notes, renamedFields };
}

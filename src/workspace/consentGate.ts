import type { ServerEntry, ServerSpec } from '../core/connection/types';
import { describeCommandLine, isExactly, originOf, remoteInputIds, requireConsent } from '../core/config/consent';
import type { ServerConfig } from '../core/config/schema';
import { isWorkspaceControlled, type ParsedConfig } from '../core/config/types';
import { demoServerConfig } from '../commands/demoServer';
import type { ConsentStore } from './consentStore';
import { inputStorageKey } from './inputKeys';
import type { InputStore } from './inputStore';

export interface GateContext {
  consent: ConsentStore;
  inputs: InputStore;
  extensionPath: string;
  /** `mcpSwitchboard.confirmWorkspaceServers` (application scope). */
  confirmWorkspaceServers: boolean;
  startsByItself(config: ServerConfig | undefined): boolean;
  /** Inputs whose stored value was entered for another origin: storage key → the origin to ask for. */
  staleInputs: Map<string, { source: ParsedConfig['source']; id: string; origin: string }>;
  /** First use of a stored value by a remote server: bound to its origin once the reload is done. */
  pendingBindings: (() => Promise<void>)[];
}

/**
 * Decides whether a resolved entry may start: stored inputs must be tied to the remote origin they were entered
 * for, and workspace-defined servers (stdio command lines, remote origins) need the user's consent.
 */
export function gateEntry(entry: ServerEntry, config: ParsedConfig, ctx: GateContext): ServerEntry {
  if (entry.blocked) {
    if (entry.blocked.reason !== 'needs-input') return entry;
    return { ...entry, blocked: { ...entry.blocked, message: `${entry.blocked.message} (run “MCP Switchboard: Enter Inputs”)` } };
  }
  const spec = entry.spec;
  if (!spec) return entry;
  const server = config.servers.find(s => s.name === entry.name)?.config;
  const stale = checkInputOrigins(entry, spec, server, config, ctx);
  if (stale) return stale;
  if (!isWorkspaceControlled(config.source) || !ctx.confirmWorkspaceServers) return entry;
  if (isBundledDemo(spec, server, ctx.extensionPath)) return entry;
  const [gated] = requireConsent([entry], s => ctx.consent.isApproved(s));
  if (!gated.blocked || !gated.spec) return gated;
  const what = spec.target.type === 'stdio' ? 'running' : 'connecting to';
  const commandLine = describeCommandLine(gated.spec);
  const message = ctx.consent.wasDeclined(gated.spec)
    ? `You did not allow ${what} \`${commandLine}\`; run “MCP Switchboard: Approve Server” to allow it`
    : ctx.startsByItself(server)
      ? `Waiting for you to allow ${what} \`${commandLine}\``
      : `Not allowed yet to ${what === 'running' ? 'run' : 'connect to'} \`${commandLine}\`; run “MCP Switchboard: Approve Server” to allow it`;
  return { ...gated, blocked: { reason: 'needs-consent', message } };
}

/** A stored `${input:}` value goes only to the origin it was entered for: another origin asks for it again. */
function checkInputOrigins(entry: ServerEntry, spec: ServerSpec, server: ServerConfig | undefined, config: ParsedConfig, ctx: GateContext): ServerEntry | undefined {
  if (spec.target.type === 'stdio' || !server) return undefined;
  const origin = originOf(spec.target.url);
  const staleIds: string[] = [];
  for (const id of remoteInputIds(server)) {
    if (!config.inputs.some(i => i.id === id)) continue;
    const bound = ctx.inputs.boundOrigins(config.source, id);
    if (bound === undefined) ctx.pendingBindings.push(() => ctx.inputs.bindOrigin(config.source, id, origin));
    else if (!bound.includes(origin)) {
      staleIds.push(id);
      ctx.staleInputs.set(inputStorageKey(config.source, id), { source: config.source, id, origin });
    }
  }
  if (!staleIds.length) return undefined;
  const names = staleIds.map(id => `\${input:${id}}`).join(', ');
  return { ...entry, blocked: { reason: 'needs-input', message: `The stored value of ${names} was entered for another server address; enter it again to send it to ${origin} (run “MCP Switchboard: Enter Inputs”)` } };
}

/** The demo server this extension writes ("Try the Demo Server"), exactly as generated: nothing to approve. */
function isBundledDemo(spec: ServerSpec, server: ServerConfig | undefined, extensionPath: string): boolean {
  return isExactly(spec.target, server, demoServerConfig(extensionPath));
}

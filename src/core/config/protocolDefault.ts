import type { ProtocolVersionChoice, ServerEntry } from '../connection/types';

/**
 * Gives a server without its own `protocolVersion` the global choice, so the choice is part of what decides how the
 * server runs: changing the global setting restarts exactly the servers whose effective choice changed. `auto` is left
 * implicit, so servers keep their identity while the setting is at its default.
 */
export function withProtocolDefault(entry: ServerEntry, globalChoice: ProtocolVersionChoice): ServerEntry {
  const spec = entry.spec;
  if (!spec || spec.options.protocolVersion !== undefined || globalChoice === 'auto') return entry;
  return { ...entry, spec: { ...spec, options: { ...spec.options, protocolVersion: globalChoice } } };
}

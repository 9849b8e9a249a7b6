import { assertNever } from '../../shared/assertNever';
import type { FailureKind } from './failure';
import type { ServerSpec } from './types';

/** Turns a start/connection failure into the sentence the tree shows, plus a hint for what to do. */
export function classifyFailure(kind: FailureKind, message: string, spec: ServerSpec, phase: 'start' | 'session' = 'start'): { message: string; hint?: string } {
  switch (kind) {
    case 'command-not-found': return { message, hint: 'Fix "command" in the configuration, then restart the server.' };
    case 'startup-timeout': return { message: `No answer to initialize: ${message}`, hint: 'The server may be waiting for input or downloading packages; raise "startupTimeout" or check its log.' };
    case 'process-exited': case 'transport-closed':
      if (spec.target.type !== 'stdio') return { message };
      return phase === 'session'
        ? { message: `The server process ended while running (${message})`, hint: 'Its stderr (in the log) usually says why; it is restarted unless "restart" is "never".' }
        : { message: `The server process exited before it was ready (${message})`, hint: 'Its stderr (in the log) usually says why.' };
    case 'protocol': return { message, hint: 'The server answered initialize with something this client cannot use (for example a protocol version it does not support).' };
    case 'auth-refused': return { message, hint: 'Check the Authorization header or token input, then restart the server.' };
    case 'needs-sign-in': return { message, hint: 'Sign in: Sign In on the server in the Servers view (or "MCP Switchboard: Sign In to Server…").' };
    case 'dns': return { message, hint: 'Check the host name in "url".' };
    case 'version-mismatch': return { message, hint: 'Set "protocolVersion" to "auto" (or a version the server speaks), then restart the server.' };
    case 'url-elicitation-required': return { message, hint: 'Open the URL the server names, then call again.' };
    case 'spawn-failed': case 'connection-refused': case 'timeout': case 'http-status': case 'server-error': case 'cancelled': case 'unknown':
      return { message };
    default: return assertNever(kind);
  }
}

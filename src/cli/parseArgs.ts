import { protocolVersionChoices, type ProtocolVersionChoice, type ServerTarget } from '../core/connection/types';

export interface CliCommand {
  verb: 'tools' | 'call' | 'record';
  target?: ServerTarget;
  configFile?: string;
  serverName?: string;
  tool?: string;
  args: Record<string, unknown>;
  headers: Record<string, string>;
  timeoutMs?: number;
  out?: string;
  protocolVersion?: ProtocolVersionChoice;
  /** `--answers FILE`: answers to the server's questions (elicitations). */
  answersFile?: string;
  /** `--root PATH` (repeatable): the roots offered to the server; default the current directory. */
  roots: string[];
  /** OAuth: a pre-registered client, the scope to ask for, the grant, and whether tokens are cached on disk. */
  clientId?: string;
  clientSecret?: string;
  scope?: string;
  clientCredentials: boolean;
  tokenCache: boolean;
  /** `--redirect-port N`: the loopback redirect's port, for a client registered with an exact-port redirect URI. */
  redirectPort?: number;
}

export const usage = `Usage:
  mcp-switchboard tools   <target>                       list tools as JSON
  mcp-switchboard call    <target> <tool> [--args JSON]  call a tool and print the result as JSON
  mcp-switchboard record  <target> --out traffic.jsonl   connect, list everything, write the recorded traffic

<target> is an http(s):// URL (streamable HTTP, falling back to SSE), "-- command args…" for stdio
(put it last: mcp-switchboard call echo --args '{"text":"hi"}' -- npx -y some-server),
or --config <file> <server> to take a server from an mcp.json-style file.
Options: --header K:V (repeatable)  --timeout ms  --args JSON  --out file
         --protocol-version auto|2025-11-25|2026-07-28 (default auto: probe, then fall back)
         --root PATH (repeatable; the folders offered to the server as MCP roots, default the current directory)
         --answers FILE (answers to the server's questions, in order: JSON, one answer or a list of
           {"action":"accept","content":{...}} | {"action":"decline"} | {"action":"cancel"})
The server's questions are asked on the terminal; without one (and without --answers) they are declined.
OAuth:   a server that answers 401 is signed in to: the URL is printed and opened with $BROWSER (else the
         platform opener), and the browser comes back to a loopback redirect on 127.0.0.1.
         --client-id ID --client-secret S   a client registered with the authorization server (else it registers itself)
         --scope "a b"                      scopes to ask for (default: what the server's 401 names)
         --client-credentials               machine sign-in with --client-id/--client-secret, no browser
         --no-token-cache                   keep tokens in memory only (default: a 0600 file under the user's config dir)
         --redirect-port N                  sign-in redirect on http://127.0.0.1:N/callback (default: any free port)
The negotiated protocol version and the server's progress are printed to stderr.`;

export class UsageError extends Error {}

/** Parses the CLI's argument vector (without node and the script). */
export function parseCliArgs(argv: string[]): CliCommand {
  const dashdash = argv.indexOf('--');
  const head = dashdash === -1 ? argv : argv.slice(0, dashdash);
  const stdio = dashdash === -1 ? undefined : argv.slice(dashdash + 1);
  const [verb, ...rest] = head;
  if (verb !== 'tools' && verb !== 'call' && verb !== 'record') throw new UsageError(verb ? `Unknown command "${verb}".` : 'Missing command.');
  const cmd: CliCommand = { verb, args: {}, headers: {}, roots: [], clientCredentials: false, tokenCache: true };
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = () => { const v = rest[++i]; if (v === undefined) throw new UsageError(`${a} needs a value.`); return v; };
    switch (a) {
      case '--header': {
        const h = value(); const idx = h.indexOf(':');
        if (idx <= 0) throw new UsageError(`--header takes K:V; found "${h}".`);
        cmd.headers[h.slice(0, idx).trim()] = h.slice(idx + 1).trim();
        break;
      }
      case '--timeout': {
        const n = Number(value());
        if (!Number.isFinite(n) || n <= 0) throw new UsageError('--timeout takes a positive number of milliseconds.');
        cmd.timeoutMs = n; break;
      }
      case '--args': {
        const raw = value();
        let parsed: unknown;
        try { parsed = JSON.parse(raw); } catch (e) { throw new UsageError(`--args is not valid JSON: ${(e as Error).message}`); }
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError('--args must be a JSON object, e.g. \'{"text":"hi"}\'.');
        cmd.args = parsed as Record<string, unknown>; break;
      }
      case '--out': cmd.out = value(); break;
      case '--protocol-version': {
        const v = value();
        if (!(protocolVersionChoices as readonly string[]).includes(v)) throw new UsageError(`--protocol-version takes one of ${protocolVersionChoices.join(', ')}; found "${v}".`);
        cmd.protocolVersion = v as ProtocolVersionChoice; break;
      }
      case '--config': cmd.configFile = value(); break;
      case '--answers': cmd.answersFile = value(); break;
      case '--root': cmd.roots.push(value()); break;
      case '--client-id': cmd.clientId = value(); break;
      case '--client-secret': cmd.clientSecret = value(); break;
      case '--scope': cmd.scope = value(); break;
      case '--client-credentials': cmd.clientCredentials = true; break;
      case '--no-token-cache': cmd.tokenCache = false; break;
      case '--redirect-port': {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError('--redirect-port takes a port number from 1 to 65535.');
        cmd.redirectPort = port; break;
      }
      default:
        if (a.startsWith('--')) throw new UsageError(`Unknown option ${a}.`);
        positional.push(a);
    }
  }
  if (stdio) {
    if (!stdio.length) throw new UsageError('Give the command to run after "--".');
    cmd.target = { type: 'stdio', command: stdio[0], args: stdio.slice(1) };
  } else if (cmd.configFile) {
    cmd.serverName = positional.shift();
    if (!cmd.serverName) throw new UsageError('--config needs the server name after the file.');
  } else {
    const url = positional.shift();
    if (!url) throw new UsageError('Missing <target>.');
    if (!/^https?:\/\//.test(url)) throw new UsageError(`<target> must be an http(s):// URL or "-- command args…"; found "${url}".`);
    cmd.target = { type: 'http', url, headers: cmd.headers };
  }
  if (cmd.verb === 'call') {
    cmd.tool = positional.shift();
    if (!cmd.tool) throw new UsageError('call needs a tool name.');
  }
  if (cmd.verb === 'record' && !cmd.out) throw new UsageError('record needs --out <file>.');
  if (cmd.clientCredentials && (!cmd.clientId || !cmd.clientSecret)) throw new UsageError('--client-credentials needs --client-id and --client-secret.');
  if (cmd.clientSecret && !cmd.clientId) throw new UsageError('--client-secret needs --client-id.');
  if (positional.length) throw new UsageError(`Unexpected argument "${positional[0]}".`);
  if (cmd.target && cmd.target.type !== 'stdio') cmd.target.headers = cmd.headers;
  return cmd;
}

import { writeFileSync } from 'node:fs';
import { createEngine } from './mcp/createEngine';
import { defaultServerOptions, type ServerEntry } from './core/connection/types';
import { parseCliArgs, usage, UsageError, type CliCommand } from './cli/parseArgs';
import { loadServerFromConfigFile } from './cli/configTarget';
import type { SessionInfo } from './core/connection/session';
import { targetSecrets } from './core/secrets/targetSecrets';
import { stringifySafely } from './shared/safeJson';
import { decodeRecord } from './shared/traffic';
import { catalogProblems } from './core/connection/catalogProblems';
import { describeCliFailure } from './cli/capabilityRefusals';
import { cliOAuthStore, prepareCliOAuth, signInInteractively } from './cli/cliOAuth';
import { cliClientRequests } from './cli/clientRequests';

async function entryFor(cmd: CliCommand): Promise<ServerEntry> {
  if (cmd.configFile) {
    const entry = await loadServerFromConfigFile(cmd.configFile, cmd.serverName!, cmd.timeoutMs);
    return cmd.protocolVersion && entry.spec ? { ...entry, spec: { ...entry.spec, options: { ...entry.spec.options, protocolVersion: cmd.protocolVersion } } } : entry;
  }
  const name = cmd.target!.type === 'stdio' ? 'stdio' : new URL((cmd.target as { url: string }).url).host;
  const secrets = targetSecrets(cmd.target!);
  return { name, spec: { name, target: cmd.target!, secrets, origin: { kind: 'cli' },
    options: { ...defaultServerOptions, healthCheckIntervalMs: 0, restart: 'never', timeoutMs: cmd.timeoutMs ?? defaultServerOptions.timeoutMs, protocolVersion: cmd.protocolVersion } } };
}

function describeConnection(info: SessionInfo): string {
  const era = info.protocolEra === 'modern' ? '2026 era, stateless' : '2025 era, initialize';
  return `Connected to ${info.serverInfo.name} ${info.serverInfo.version} over ${info.transport}: protocol ${info.protocolVersion} (${era})`;
}

function progressLine(p: { progress: number; total?: number; message?: string }): string {
  return `progress: ${p.total ? `${p.progress}/${p.total}` : p.progress}${p.message ? ` ${p.message}` : ''}`;
}

async function main(argv: string[]): Promise<number> {
  let cmd: CliCommand;
  try { cmd = parseCliArgs(argv); } catch (e) {
    if (e instanceof UsageError) { process.stderr.write(`${e.message}\n\n${usage}\n`); return 2; }
    throw e;
  }
  const oauthStore = cliOAuthStore(cmd);
  let clientRequests;
  try { clientRequests = cliClientRequests(cmd); } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 2;
  }
  const engine = createEngine({ trafficCapacity: 100_000, backoff: { maxAttempts: 1 }, sdk: { clientRequests, oauth: { store: oauthStore } } });
  engine.onDidLog(({ level, message }) => { if (process.env.MCPSB_VERBOSE) process.stderr.write(`[${level}] ${message}\n`); });
  try {
    const write = (line: string) => { process.stderr.write(`${line}\n`); };
    const entry = await prepareCliOAuth(cmd, await entryFor(cmd), oauthStore, write);
    await engine.apply([{ ...entry, spec: entry.spec && { ...entry.spec, options: { ...entry.spec.options, autoStart: false } } }]);
    await engine.start(entry.name).catch(async (e: unknown) => {
      const state = engine.get(entry.name)?.state;
      const target = entry.spec?.target;
      if (state?.kind !== 'error' || state.failure !== 'needs-sign-in' || !target || target.type === 'stdio') throw e;
      await signInInteractively(cmd, target, oauthStore, write);
      await engine.start(entry.name);
    });
    const snap = engine.get(entry.name)!;
    if (snap.info) process.stderr.write(`${describeConnection(snap.info)}\n`);
    switch (cmd.verb) {
      case 'tools': {
        process.stdout.write(stringifySafely(snap.catalog.tools, 2) + '\n');
        const problems = catalogProblems(snap.catalog);
        for (const p of problems) process.stderr.write(`error: ${p}\n`);
        return problems.length ? 1 : 0;
      }
      case 'call': {
        // Asking for progress also lets it extend --timeout: each notification restarts the clock (up to maxTotalTimeout).
        const result = await engine.callTool(entry.name, cmd.tool!, cmd.args, { timeoutMs: cmd.timeoutMs, onProgress: p => process.stderr.write(`${progressLine(p)}\n`) });
        process.stdout.write(stringifySafely(result, 2) + '\n');
        return result.isError || result.outputSchemaErrors ? 1 : 0;
      }
      case 'record': {
        engine.traffic.flush();
        const lines = engine.traffic.records().map(r => stringifySafely(decodeRecord(r)));
        writeFileSync(cmd.out!, lines.join('\n') + '\n');
        process.stderr.write(`Wrote ${lines.length} records to ${cmd.out}\n`);
        return 0;
      }
    }
  } catch (e) {
    process.stderr.write(`error: ${describeCliFailure(e)}\n`);
    return 1;
  } finally {
    await engine.dispose();
  }
}

main(process.argv.slice(2)).then(code => process.exit(code), e => { process.stderr.write(`${(e as Error).stack ?? e}\n`); process.exit(1); });

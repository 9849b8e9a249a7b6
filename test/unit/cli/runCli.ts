import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface CliRun { code: number | null; stdout: string; stderr: string }

/**
 * Runs the real CLI entry point (through tsx) in a child process without blocking the event loop, so servers of
 * this process (HTTP fixtures, the authorization server) can answer it.
 */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise(resolve => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(process.cwd(), 'src/cli.ts'), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => { stdout += d; });
    child.stderr.on('data', d => { stderr += d; });
    child.once('close', code => resolve({ code, stdout, stderr }));
  });
}

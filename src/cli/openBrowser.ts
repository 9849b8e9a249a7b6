import { spawn } from 'node:child_process';

/** The command that opens a URL: `$BROWSER` when set (split on spaces), else the platform's opener. */
export function browserCommand(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  if (env.BROWSER?.trim()) return env.BROWSER.trim().split(/\s+/);
  if (platform === 'darwin') return ['open'];
  if (platform === 'win32') return ['cmd', '/c', 'start', '""'];
  return ['xdg-open'];
}

/** Opens the URL without waiting for the browser; a missing opener is not fatal (the URL is printed too). */
export async function openInBrowser(url: URL, write: (line: string) => void): Promise<void> {
  const [command, ...args] = browserCommand();
  const child = spawn(command, [...args, url.href], { stdio: 'ignore', detached: true });
  child.on('error', e => write(`Could not run ${command} (${e.message}); open the URL above yourself.`));
  child.unref();
}

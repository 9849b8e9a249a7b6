import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** All live descendants of `pid` (Linux /proc; empty elsewhere, where process groups or taskkill do the job). */
export function descendantPids(pid: number): number[] {
  if (process.platform !== 'linux') return [];
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch { /* the process exited while we looked */ }
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) { out.push(child); queue.push(child); }
  }
  return out;
}

export function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** Signals the process group (we spawn servers as group leaders on POSIX) and every known descendant. */
export function signalTree(pid: number, signal: NodeJS.Signals, knownDescendants: number[] = []): void {
  if (process.platform === 'win32') {
    if (signal === 'SIGKILL') execFile('taskkill', ['/pid', String(pid), '/T', '/F'], () => {});
    else try { process.kill(pid, signal); } catch { /* gone */ }
    return;
  }
  try { process.kill(-pid, signal); } catch { try { process.kill(pid, signal); } catch { /* gone */ } }
  for (const d of knownDescendants) { try { process.kill(d, signal); } catch { /* gone */ } }
}

/** Signals every member of the process group `pgid` (POSIX); false when the group has no member left. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try { process.kill(-pgid, signal); return true; } catch { return false; }
}

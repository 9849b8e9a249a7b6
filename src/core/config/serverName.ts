/**
 * A name to propose for a stdio server from its command line: the package or project it runs, not the file name
 * (`node …/server-everything/dist/index.js` is "everything", not "index").
 */
const GENERIC = new Set(['index', 'main', 'server', 'cli', 'app', 'start', 'run', 'dist', 'build', 'lib', 'out', 'src', 'bin', 'node_modules', 'build-es', 'esm', 'cjs', 'mcp', 'stdio', 'serve', '.', '..', '~', '']);
const RUNNERS = new Set(['node', 'npx', 'bunx', 'uvx', 'uv', 'python', 'python3', 'deno', 'bun', 'pnpm', 'yarn', 'npm', 'docker', 'pipx', 'tsx']);

function clean(segment: string): string {
  return segment
    .replace(/@[\d^~<>=*.x-]+[\w.-]*$/i, '') // a version after the package name (@1.2.3, @latest)
    .replace(/\.(m?js|cjs|ts|py|exe|sh)$/i, '')
    .replace(/^(mcp[-_]server[-_]|server[-_]|mcp[-_])|([-_]mcp|[-_]server|[-_]mcp[-_]server)$/gi, '');
}

export function suggestServerName(command: string, args: readonly string[]): string {
  const candidates = [...args.filter(a => !a.startsWith('-') && a !== 'run' && a !== 'exec'), command];
  for (const candidate of candidates) {
    if (RUNNERS.has(candidate.toLowerCase().replace(/\.exe$/, ''))) continue;
    const segments = candidate.replace(/@latest$/, '').split(/[\\/]/).filter(Boolean);
    for (let i = segments.length - 1; i >= 0; i--) {
      const raw = segments[i];
      const bare = raw.replace(/\.(m?js|cjs|ts|py|exe|sh)$/i, '').toLowerCase();
      if (GENERIC.has(bare)) continue;
      const name = clean(raw.startsWith('@') ? raw.slice(1) : raw);
      if (name && !GENERIC.has(name.toLowerCase())) return name;
    }
  }
  return 'server';
}

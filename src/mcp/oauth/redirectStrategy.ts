/**
 * How the authorization server's redirect reaches our loopback listener. In a local window the browser runs on the
 * same machine: `http://127.0.0.1:PORT/callback` works as is. In a remote window (Remote-SSH, Codespaces, code-server)
 * the browser runs elsewhere: the editor maps the loopback URL to one the browser can reach (a forwarded port, or
 * code-server's `/proxy/PORT/` path). The VS Code adapter passes `env.asExternalUri` and `env.remoteName` here.
 */
export interface RedirectStrategy {
  /** The window runs remotely (VS Code's `env.remoteName` is set). */
  remote: boolean;
  /** Maps a loopback URL to the URL the user's browser can reach (VS Code's `env.asExternalUri`). */
  toExternalUrl?: (loopbackUrl: string) => Promise<string>;
}

export type RedirectChoice = { kind: 'loopback'; redirectUrl: string } | { kind: 'external'; redirectUrl: string };

const sameUrl = (a: string, b: string) => new URL(a).href === new URL(b).href;

/**
 * The redirect URI to register and send: the mapped URL when the window is remote or the mapping changed the URL
 * (code-server reports no remote name but proxies ports), else the loopback URL itself.
 */
export async function chooseRedirect(loopbackUrl: string, strategy: RedirectStrategy | undefined): Promise<RedirectChoice> {
  if (!strategy?.toExternalUrl) return { kind: 'loopback', redirectUrl: loopbackUrl };
  const external = withLoopbackPath(await strategy.toExternalUrl(loopbackUrl), loopbackUrl);
  if (strategy.remote || !sameUrl(external, loopbackUrl)) return { kind: 'external', redirectUrl: external };
  return { kind: 'loopback', redirectUrl: loopbackUrl };
}

/**
 * Some mappings keep only the port: code-server 4.105's asExternalUri turns `http://127.0.0.1:PORT/callback` into
 * `…/proxy/PORT/`, dropping the path, and the redirect would miss the listener's `/callback`. Put the path back.
 */
function withLoopbackPath(external: string, loopbackUrl: string): string {
  const mapped = new URL(external);
  const path = new URL(loopbackUrl).pathname;
  if (path !== '/' && !mapped.pathname.endsWith(path)) mapped.pathname = mapped.pathname.replace(/\/?$/, '') + path;
  return mapped.href;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]']);

/** An http redirect on a loopback IP: RFC 8252 §7.3 lets authorization servers accept it on any port. */
export function isLoopbackRedirect(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' && LOOPBACK_HOSTS.has(u.hostname);
  } catch {
    return false;
  }
}

/**
 * Whether a registered redirect URI accepts `used`. Loopback IP redirects match on any port (RFC 8252 §7.3); anything
 * else (a forwarded or proxied URL) must match exactly.
 */
export function redirectUriMatches(registered: string, used: string): boolean {
  try {
    const r = new URL(registered);
    const u = new URL(used);
    if (r.protocol === 'http:' && LOOPBACK_HOSTS.has(r.hostname) && LOOPBACK_HOSTS.has(u.hostname)) {
      return r.hostname === u.hostname && r.pathname === u.pathname && r.search === u.search;
    }
    return r.href === u.href;
  } catch {
    return false;
  }
}

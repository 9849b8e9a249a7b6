// cmd.exe quoting for `.cmd`/`.bat` servers on Windows, after cross-spawn (lib/util/escape.js) and https://qntm.org/cmd.

const cmdMetaChars = /([()\][%!^"`<>&|;, *?])/g;

/** The batch file's own path: every cmd metacharacter caret-escaped. */
export function escapeCmdCommand(command: string): string {
  return command.replace(cmdMetaChars, '^$1');
}

/**
 * One argument: quoted for the C runtime (backslashes before a quote doubled, quotes escaped), then every metacharacter
 * (quotes included) caret-escaped so cmd never sees an unquoted `&` or `|`. A shim that forwards `%*` makes cmd parse
 * the line a second time, so shims get the carets twice; without that, `x"&calc&"y` runs calc (BatBadBut).
 */
export function escapeCmdArgument(arg: string, doubleEscape: boolean): string {
  let quoted = `"${arg.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1')}"`;
  quoted = quoted.replace(cmdMetaChars, '^$1');
  return doubleEscape ? quoted.replace(cmdMetaChars, '^$1') : quoted;
}

/**
 * How to spawn a `.cmd`/`.bat` file with `windowsVerbatimArguments`. Every batch file is treated as a `%*` shim (npx.cmd,
 * node_modules/.bin shims, pnpm, yarn): a non-shim batch file may see stray carets, but no argument can inject commands.
 */
export function cmdShimInvocation(batchFile: string, args: readonly string[], comspec = 'cmd.exe'): { file: string; args: string[] } {
  const line = [escapeCmdCommand(batchFile), ...args.map(a => escapeCmdArgument(a, true))].join(' ');
  return { file: comspec, args: ['/d', '/s', '/c', `"${line}"`] };
}

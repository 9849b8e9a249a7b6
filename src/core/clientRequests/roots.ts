import { basename, isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ClientRoot } from './types';

/**
 * A root from the config or the CLI: a `file://` URI or a path. Relative paths resolve against `base` (the workspace
 * folder, or the CLI's current directory). Throws with an actionable message for anything else.
 */
export function toRoot(value: string, base?: string): ClientRoot {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    if (!value.toLowerCase().startsWith('file://')) throw new Error(`Root "${value}" is not a file:// URI or a path: MCP roots are local folders`);
    const path = fileURLToPath(value);
    return { uri: pathToFileURL(path).href, name: basename(path) || path };
  }
  if (!value.trim()) throw new Error('A root cannot be empty: give a folder path or a file:// URI');
  if (!isAbsolute(value) && !base) throw new Error(`Root "${value}" is relative and there is no folder to resolve it against: give an absolute path`);
  const path = isAbsolute(value) ? value : resolve(base!, value);
  return { uri: pathToFileURL(path).href, name: basename(path) || path };
}

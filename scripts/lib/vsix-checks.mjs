// Checks of a packaged VSIX before it ships: size, and what the marketplace and Open VSX require of its manifest.
// Open VSX (VSCodium, Cursor and other editors install from it) is checked here rather than with `ovsx`, which is
// not a dependency: `ovsx publish` rejects a VSIX without a license file, publisher, name, semver version or
// engines.vscode, and neither registry accepts extensions that enable proposed APIs.
import { listZip, readZipEntry } from './vsix.mjs';

/** The most the VSIX may weigh (1.5 MB). */
export const MAX_VSIX_BYTES = 1_500_000;

/** The most the extension host bundle may weigh, minified (1.3 MiB): it is loaded at every activation. */
export const MAX_EXTENSION_JS_BYTES = 1.3 * 1024 * 1024;

const NAME = /^[a-z0-9][a-z0-9-]*$/;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** Problems of a manifest (package.json as shipped) and the VSIX's file names; [] when it can ship. */
export function manifestProblems(pkg, fileNames) {
  const has = rel => fileNames.includes(`extension/${rel}`);
  const problems = [];
  if (!pkg.publisher || !NAME.test(pkg.publisher)) problems.push(`"publisher" must be a lowercase id, not ${JSON.stringify(pkg.publisher)}`);
  if (!pkg.name || !NAME.test(pkg.name)) problems.push(`"name" must be a lowercase id, not ${JSON.stringify(pkg.name)}`);
  if (!SEMVER.test(pkg.version ?? '')) problems.push(`"version" must be semver (x.y.z), not ${JSON.stringify(pkg.version)}`);
  if (!pkg.engines?.vscode) problems.push('"engines.vscode" is missing');
  if (!pkg.license) problems.push('"license" is missing');
  if (!fileNames.some(n => /^extension\/LICENSE(\.md|\.txt)?$/i.test(n))) problems.push('no LICENSE file in the VSIX (Open VSX rejects it)');
  if (pkg.enabledApiProposals?.length || pkg.enableProposedApi) problems.push('proposed APIs are enabled ("enabledApiProposals"): neither marketplace accepts that');
  if (!pkg.icon) problems.push('"icon" is missing');
  else if (!/\.png$/i.test(pkg.icon)) problems.push(`"icon" must be a PNG, not ${pkg.icon}`);
  else if (!has(pkg.icon.replace(/^\.\//, ''))) problems.push(`the icon ${pkg.icon} is not in the VSIX`);
  if (!fileNames.some(n => /^extension\/readme\.md$/i.test(n))) problems.push('README.md is not in the VSIX');
  if (!fileNames.includes('extension.vsixmanifest')) problems.push('extension.vsixmanifest is missing');
  if (!Array.isArray(pkg.extensionKind)) problems.push('"extensionKind" must be an array');
  if (pkg.activationEvents?.includes('*')) problems.push('"*" activation');
  return problems;
}

/** Every problem of a VSIX file: its size, then its manifest. */
export function vsixProblems(file, size) {
  const entries = listZip(file);
  const manifest = entries.find(e => e.name === 'extension/package.json');
  if (!manifest) return ['extension/package.json is missing'];
  const pkg = JSON.parse(readZipEntry(file, manifest).toString('utf8'));
  const problems = manifestProblems(pkg, entries.map(e => e.name));
  if (size > MAX_VSIX_BYTES) problems.unshift(`the VSIX is ${size} bytes, over the ${MAX_VSIX_BYTES} byte budget`);
  const bundle = entries.find(e => e.name === 'extension/dist/extension.js');
  if (!bundle) problems.unshift('extension/dist/extension.js is missing');
  else if (readZipEntry(file, bundle).length > MAX_EXTENSION_JS_BYTES) {
    problems.unshift(`dist/extension.js is ${readZipEntry(file, bundle).length} bytes, over the ${MAX_EXTENSION_JS_BYTES} byte budget (check what esbuild bundles: a dependency's namespace re-export keeps all of it)`);
  }
  return problems;
}

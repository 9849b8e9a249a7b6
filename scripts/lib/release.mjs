// The file edits of a release (scripts/release.mjs): version bump and dated CHANGELOG section, as pure text functions.

const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
/** `## Unreleased`, or the older `## 0.1.0 — unreleased`. */
const UNRELEASED = /^## +(?:\[?unreleased\]?|\S+ +[—-] +unreleased) *\r?$/im;

export class ReleaseError extends Error {}

export function checkVersion(version) {
  if (!SEMVER.test(version ?? '')) throw new ReleaseError(`"${version ?? ''}" is not a version: use x.y.z, e.g. npm run release -- 0.2.0`);
  return version;
}

/**
 * The CHANGELOG with its first Unreleased heading turned into `## <version> — <date>`. Any further unreleased heading
 * (a version that was never released, such as `## 0.1.0 — unreleased`) is dropped, so its notes become part of
 * this release, and no other text changes.
 */
export function dateChangelog(text, version, date) {
  if (!UNRELEASED.test(text)) throw new ReleaseError('CHANGELOG.md has no "## Unreleased" section: put the release notes under one');
  if (new RegExp(`^## +${version.replace(/\./g, '\\.')} +[—-] +\\d{4}-\\d{2}-\\d{2}`, 'm').test(text)) {
    throw new ReleaseError(`CHANGELOG.md already has a dated section for ${version}`);
  }
  const lines = text.split('\n');
  const headings = lines.flatMap((l, i) => (UNRELEASED.test(l) ? [i] : []));
  lines[headings[0]] = `## ${version} — ${date}`;
  // Drop the later headings, each with the blank line after it.
  for (const i of headings.slice(1).reverse()) lines.splice(i, lines[i + 1]?.trim() === '' ? 2 : 1);
  return lines.join('\n');
}

/** package.json (or package-lock.json) text with its own version set, formatting kept. */
export function bumpVersion(text, version) {
  const pkg = JSON.parse(text);
  const from = pkg.version;
  let out = text.replace(/^(\s{2}"version":\s*")[^"]*(")/m, `$1${version}$2`);
  // package-lock.json repeats the root package's version under packages[""].
  out = out.replace(/("packages":\s*\{\s*"":\s*\{[^{}]*?"version":\s*")[^"]*(")/, `$1${version}$2`);
  if (JSON.parse(out).version !== version) throw new ReleaseError(`could not set the version (was ${from})`);
  return out;
}

/** `YYYY-MM-DD` of a date in UTC. */
export const isoDate = (d = new Date()) => d.toISOString().slice(0, 10);

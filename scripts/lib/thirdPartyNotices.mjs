// Third-party licence notices for what esbuild bundled: every package with code in the bundles (read from the
// metafiles), its version, its licence id and the full text of its licence file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const packageDirOf = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//;
const licenceFile = /^(licen[cs]e|copying)(\.(md|txt))?$/i;

/** The package directories (relative to the project) that contributed inputs to the bundles. */
export function bundledPackageDirs(metafiles) {
  const dirs = new Set();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      const m = packageDirOf.exec(input.replace(/\\/g, '/'));
      if (m) dirs.add(m[1]);
    }
  }
  return [...dirs].sort();
}

/** { name, version, license, licenseText } of one package; throws when it ships no licence file. */
export function packageNotice(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const license = typeof pkg.license === 'string' ? pkg.license : pkg.license?.type ?? 'UNKNOWN';
  const file = readdirSync(dir).find(f => licenceFile.test(f));
  if (!file) throw new Error(`${pkg.name} (${dir}) is bundled but ships no LICENSE file: add its licence text to the notices by hand.`);
  return { name: pkg.name, version: pkg.version, license, licenseText: readFileSync(join(dir, file), 'utf8').trim() };
}

export function noticesText(metafiles, productName) {
  const notices = bundledPackageDirs(metafiles).filter(d => existsSync(join(d, 'package.json'))).map(packageNotice);
  const unique = [...new Map(notices.map(n => [`${n.name}@${n.version}`, n])).values()];
  const header = `${productName} bundles the following third-party packages. Their licences follow.\n\n`
    + unique.map(n => `- ${n.name} ${n.version} (${n.license})`).join('\n');
  return `${header}\n\n${unique.map(n => `${'='.repeat(80)}\n${n.name} ${n.version} (${n.license})\n${'='.repeat(80)}\n\n${n.licenseText}\n`).join('\n')}`;
}

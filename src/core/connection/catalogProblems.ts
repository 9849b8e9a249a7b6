import type { Catalog } from './catalog';

/** One sentence per failed list and per refused tool, for the tree, the tooltip and the CLI. */
export function catalogProblems(catalog: Catalog): string[] {
  const out = Object.values(catalog.listErrors ?? {}).filter((m): m is string => !!m);
  for (const t of catalog.invalidTools ?? []) out.push(`tool "${t.name}" is invalid and not offered: ${t.reason}`);
  return out;
}

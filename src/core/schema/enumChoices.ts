import type { JsonSchema } from './jsonSchema';

export interface Choice {
  value: unknown;
  /** The title the schema gives the value (`oneOf`/`anyOf` `const` + `title`, or legacy `enumNames`), else the value. */
  label: string;
}

const labelOf = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** The values a single-select property allows, with their titles; undefined when it is not an enum. */
export function enumChoices(prop: JsonSchema): Choice[] | undefined {
  if (prop.enum?.length) {
    const names = Array.isArray(prop.enumNames) ? prop.enumNames as unknown[] : [];
    return prop.enum.map((value, i) => ({ value, label: typeof names[i] === 'string' ? names[i] as string : labelOf(value) }));
  }
  const branches = prop.oneOf ?? prop.anyOf;
  if (branches?.length && branches.every(b => b && 'const' in b)) {
    return branches.map(b => ({ value: b.const, label: typeof b.title === 'string' ? b.title : labelOf(b.const) }));
  }
  return undefined;
}

/** The values a multi-select property (`type: array` of an enum) allows; undefined for any other property. */
export function multiSelectChoices(prop: JsonSchema): Choice[] | undefined {
  if (prop.type !== 'array' || !prop.items || Array.isArray(prop.items)) return undefined;
  return enumChoices(prop.items);
}

/** For exhaustive switches: `default: return assertNever(x)` fails to compile when a case is missing. */
export function assertNever(x: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(x)}`);
}

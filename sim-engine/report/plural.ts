/** Counts in words, one helper for the CLI and the app: `1 policy`, `3 policies`, `0 policies`. */

/** `n` and the noun that fits it; `many` defaults to `one` + "s". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** Just the noun for `n` (for "Run the 3 policies", where the count is written separately). */
export function pluralNoun(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

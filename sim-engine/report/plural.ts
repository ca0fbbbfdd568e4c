/** Counts in words, one helper for the CLI and the app: `1 policy`, `3 policies`, `0 policies`. */

/** `n` and the noun that fits it; `many` defaults to `one` + "s". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${groupDigits(n)} ${n === 1 ? one : many}`;
}

/**
 * `n.toLocaleString('en-US')` — `1,234,567` — written out for whole numbers: the first
 * toLocaleString of a process costs ~11 ms (ICU's number format loads), more than the CLI's
 * whole results table. Other values go to toLocaleString.
 */
export function groupDigits(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
  const digits = String(n < 0 ? -n : n);
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}

/** Just the noun for `n` (for "Run the 3 policies", where the count is written separately). */
export function pluralNoun(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

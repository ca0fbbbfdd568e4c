/** "Did you mean" hints for names (keys, kinds, pools), shared by the loader and the app's quick checks. */

/** The closest candidate within a small edit distance, or null. */
export function didYouMean(input: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  const a = input.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(a, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  const limit = Math.max(2, Math.floor(input.length / 3));
  return best !== null && bestD <= limit ? best : null;
}

function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

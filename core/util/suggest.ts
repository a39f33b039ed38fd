/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = above;
    }
  }
  return prev[b.length];
}

/** Up to three known names close to `wanted`, closest first. */
export function suggest(wanted: string, known: readonly string[]): string[] {
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  return known
    .map((name) => ({ name, d: editDistance(wanted, name) }))
    .filter((x) => x.d <= limit || x.name.endsWith(`.${wanted}`))
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, 3)
    .map((x) => x.name);
}

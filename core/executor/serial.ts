/** Splits hosts into serial batches: numbers, percentages, or a list of them (the last repeats). */
export function serialBatches(hosts: readonly string[], serial: unknown): string[][] {
  if (serial === undefined || serial === null || serial === 0 || serial === '0') return [hosts.slice()];
  const specs = Array.isArray(serial) ? serial : [serial];
  const sizes = specs.map((s) => {
    const text = String(s).trim();
    const n = text.endsWith('%') ? Math.floor((Number(text.slice(0, -1)) / 100) * hosts.length) : Number(text);
    return Math.max(1, Number.isFinite(n) && n > 0 ? n : hosts.length);
  });
  const batches: string[][] = [];
  let i = 0;
  let k = 0;
  while (i < hosts.length) {
    const size = sizes[Math.min(k, sizes.length - 1)];
    batches.push(hosts.slice(i, i + size));
    i += size;
    k++;
  }
  return batches.length ? batches : [[]];
}

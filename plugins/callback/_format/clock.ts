/** Timestamps and durations as Ansible's callbacks print them. */

/** `2026-11-26T07:25:41.650030Z`: Python's utcnow().isoformat() + 'Z' (microseconds, omitted when zero). */
export function isoUtc(ms: number): string {
  const d = new Date(Math.floor(ms));
  const micros = Math.round((ms - Math.floor(ms / 1000) * 1000) * 1000);
  const base = d.toISOString().slice(0, 19);
  return micros === 0 ? `${base}Z` : `${base}.${String(micros).padStart(6, '0')}Z`;
}

/** `0:00:01.234`: hours, minutes, seconds and milliseconds. */
export function hms(seconds: number): string {
  const totalMs = Math.floor(seconds * 1000);
  const ms = totalMs % 1000;
  const s = Math.floor(totalMs / 1000) % 60;
  const m = Math.floor(totalMs / 60000) % 60;
  const h = Math.floor(totalMs / 3600000);
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(ms).padStart(3, '0')}`;
}

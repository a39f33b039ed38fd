/**
 * Normalising ansible-playbook / tsible-playbook output so the two can be compared: times,
 * durations, temporary paths and the order of hosts that ran in parallel are made neutral.
 * Used by the callback tests and by the end-to-end golden test (test/fixtures/callback/golden).
 */

export interface NormaliseOptions {
  /** Literal strings to replace (e.g. the absolute fixture directory → '<fixtures>'). */
  replace?: Record<string, string>;
  /** Sort host result lines inside each TASK block (parallel hosts finish in any order). Default true. */
  sortHosts?: boolean;
  /** Drop what the CLI prints before the first banner at -v and more (version, config file). Default true. */
  dropPreamble?: boolean;
}

const RECORD_START = /^(ok|changed|skipping|fatal|failed): \[|^included: |^FAILED - RETRYING: /;

function neutralise(text: string): string {
  return text
    .replace(/\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}\.\d+Z?/g, '<time>')
    .replace(/\b\d+:\d{2}:\d{2}\.\d{3,6}\b/g, '<duration>')
    .replace(/[A-Z][a-z]+day \d{2} [A-Z][a-z]+ \d{4} {2}\d{2}:\d{2}:\d{2} [+-]\d{4}/g, '<date>')
    .replace(/ \d+\.\d{2}s$/gm, ' <secs>')
    .replace(/-+ <secs>$/gm, ' <secs>')
    .replace(/took \d+ days, \d+ hours, \d+ minutes, \d+ seconds/g, 'took <elapsed>')
    .replace(/\/[^\s"']*ansible-local-[^\s"'/]+\/tmp[\w]+/g, '<tmpfile>')
    .replace(/\/[^\s"']*tsible-[\w-]+\/tmp[\w.-]*/g, '<tmpfile>');
}

function dropPreamble(lines: string[]): string[] {
  const first = lines.findIndex((l) => l === '' || /^(PLAYBOOK: |PLAY \[|PLAY \*)/.test(l));
  return first > 0 ? lines.slice(first) : lines;
}

/** Within each block between banners, sorts the per-host records (a result line and what follows it). */
function sortHostRecords(lines: string[]): string[] {
  const out: string[] = [];
  let records: string[][] = [];
  let current: string[] | undefined;
  const flush = () => {
    out.push(...records.sort((a, b) => (a.join('\n') < b.join('\n') ? -1 : a.join('\n') > b.join('\n') ? 1 : 0)).flat());
    records = [];
    current = undefined;
  };
  for (const line of lines) {
    if (/ \*{3,}$/.test(line) || line === '') {
      flush();
      out.push(line);
    } else if (RECORD_START.test(line)) {
      current = [line];
      records.push(current);
    } else if (current) {
      current.push(line);
    } else {
      flush();
      out.push(line);
    }
  }
  flush();
  return out;
}

export function normaliseOutput(text: string, options: NormaliseOptions = {}): string {
  let t = text.replace(/\u001b\[[0-9;]*m/g, '');
  for (const [from, to] of Object.entries(options.replace ?? {})) t = t.split(from).join(to);
  let lines = neutralise(t).split('\n');
  if (options.dropPreamble ?? true) lines = dropPreamble(lines);
  if (options.sortHosts ?? true) lines = sortHostRecords(lines);
  return lines.join('\n');
}

import type { Vars } from 'tsible';

/** INI as Python's configparser reads a .fact file: sections of lower-cased keys. */
function parseIni(text: string): Vars | undefined {
  const out: Vars = {};
  let cur: Vars | undefined;
  for (const raw of text.split('\n')) {
    const l = raw.trim();
    if (!l || l.startsWith('#') || l.startsWith(';')) continue;
    const sec = /^\[(.+)\]$/.exec(l);
    if (sec) { cur = out[sec[1]] = {}; continue; }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(l);
    if (!kv || !cur) return undefined;
    cur[kv[1].toLowerCase()] = kv[2];
  }
  return out;
}

/** ansible_local from facts.d sections (`local:<name>`): JSON, else INI, else Ansible's error string. */
export function localFacts(sections: Record<string, string>, factPath: string): Vars {
  const local: Vars = {};
  for (const [key, body] of Object.entries(sections)) {
    if (!key.startsWith('local:')) continue;
    const name = key.slice(6);
    try {
      local[name] = JSON.parse(body);
      continue;
    } catch { /* not JSON: try INI */ }
    const ini = parseIni(body);
    local[name] = ini ?? `error loading facts as JSON or ini - please check content: ${factPath}/${name}.fact`;
  }
  return local;
}

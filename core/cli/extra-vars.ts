import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { parseKeyValue } from '../playbook/kv.js';
import type { Vars } from '../vars.js';
import { loadYaml } from '../yaml/load.js';

/** `-e` values as Ansible reads them: `@file` (YAML/JSON), inline YAML/JSON, or `k=v` pairs. */
export function parseExtraVars(values: readonly string[], cwd: string): Vars {
  const out: Vars = {};
  for (const value of values) {
    if (value.startsWith('@')) {
      const file = resolve(cwd, value.slice(1));
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new UsageError(`Unable to retrieve file contents\nCould not find or access '${value.slice(1)}'`);
      }
      Object.assign(out, loadYaml(text, { file }) as Vars ?? {});
    } else if (/^\s*[[{]/.test(value)) {
      const parsed = loadYaml(value, { file: '<extra vars>' });
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new UsageError(`Invalid extra vars data supplied. '${value}' could not be made into a dictionary`);
      }
      Object.assign(out, parsed);
    } else if (value.trim()) {
      Object.assign(out, parseKeyValue(value));
      if ('_raw_params' in out) throw new UsageError(`Invalid extra vars data supplied. '${value}' could not be made into a dictionary`);
    }
  }
  return out;
}

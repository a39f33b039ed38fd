import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../errors.js';

export type IniSections = Map<string, Map<string, string>>;

/**
 * Parses ansible.cfg the way Python's configparser reads it: `[section]`, `key = value` or
 * `key: value`, `#`/`;` comment lines, indented continuation lines, and `;` inline comments
 * (Ansible enables those).
 */
export function parseAnsibleCfg(text: string, file: string): IniSections {
  const sections: IniSections = new Map();
  let current: Map<string, string> | undefined;
  let lastKey: string | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    if (/^\s*([#;].*)?$/.test(raw)) return;
    if (/^\s/.test(raw) && current && lastKey) {
      current.set(lastKey, `${current.get(lastKey)}\n${raw.trim()}`);
      return;
    }
    const section = /^\[([^\]]+)\]\s*$/.exec(raw.trim());
    if (section) {
      current = sections.get(section[1]) ?? new Map();
      sections.set(section[1], current);
      lastKey = undefined;
      return;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw.trim());
    if (!kv || !current) {
      throw new ConfigError(`${file}:${i + 1}: expected '[section]' or 'key = value', found '${raw.trim()}'`,
        { loc: { file, line: i + 1, column: 1 } });
    }
    lastKey = kv[1].toLowerCase();
    current.set(lastKey, kv[2].replace(/\s+;.*$/, '').trim());
  });
  return sections;
}

/** Ansible's search order: $ANSIBLE_CONFIG, ./ansible.cfg, ~/.ansible.cfg, /etc/ansible/ansible.cfg. */
export function findAnsibleCfg(cwd: string, env: NodeJS.ProcessEnv, home: string | undefined,
  systemDir = '/etc/ansible'): string | undefined {
  const candidates = [
    env.ANSIBLE_CONFIG ? resolve(cwd, env.ANSIBLE_CONFIG) : undefined,
    join(cwd, 'ansible.cfg'),
    home ? join(home, '.ansible.cfg') : undefined,
    join(systemDir, 'ansible.cfg'),
  ];
  return candidates.find((c): c is string => !!c && existsSync(c));
}

export function readAnsibleCfg(file: string): IniSections {
  return parseAnsibleCfg(readFileSync(file, 'utf8'), file);
}

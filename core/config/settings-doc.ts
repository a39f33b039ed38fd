import { SETTINGS, tsibleEnvName, type SettingDef } from './settings.js';

function cell(value: unknown): string {
  const text = value === null ? '—' : Array.isArray(value) ? value.map((v) => `\`${String(v)}\``).join(', ') || '[]'
    : typeof value === 'object' ? `\`${JSON.stringify(value)}\`` : `\`${String(value)}\``;
  return text.replace(/\|/g, '\\|');
}

/** The settings table of docs/configuration.md, generated from the SETTINGS catalogue. */
export function renderSettingsTable(): string {
  const rows = ['| setting | type | default | environment | ansible.cfg | description |', '|---|---|---|---|---|---|'];
  for (const [name, raw] of Object.entries(SETTINGS)) {
    const def = raw as SettingDef;
    const env = [tsibleEnvName(name as keyof typeof SETTINGS), ...(def.ansibleEnv ?? [])].map((e) => `\`${e}\``).join(' ');
    const ini = def.ini ? `\`[${def.ini[0]}] ${def.ini[1]}\`` : '—';
    const desc = `${def.description}${def.ignored ? ' *(accepted, ignored)*' : ''}`;
    rows.push(`| \`${name}\` | ${def.type} | ${cell(def.default)} | ${env} | ${ini} | ${desc} |`);
  }
  return rows.join('\n');
}

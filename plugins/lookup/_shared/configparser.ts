/**
 * The part of Python's configparser.ConfigParser the ini lookup relies on: `[section]` headers,
 * `key = value` / `key: value`, full-line `#`/`;` comments, indented continuation lines, a
 * `[DEFAULT]` section, valueless keys when allowed, duplicate detection (strict mode) and
 * `%(name)s` interpolation on read.
 */
export class ConfigParseError extends Error {}

export interface ConfigParserOptions {
  allowNoValue?: boolean;
  caseSensitive?: boolean;
}

type Section = Map<string, string[] | null>;

const DEFAULT = 'DEFAULT';
const OPTION = /^(.*?)\s*(=|:)\s*(.*)$/;
const OPTION_NV = /^(.*?)\s*(?:(=|:)\s*(.*))?$/;

export class ConfigParser {
  private readonly sections = new Map<string, Section>();
  private readonly defaults: Section = new Map();

  constructor(private readonly options: ConfigParserOptions = {}) {}

  optionxform(name: string): string {
    return this.options.caseSensitive ? name : name.toLowerCase();
  }

  read(text: string, source = '<???>'): void {
    const added = new Set<string>();
    let section: Section | undefined;
    let sectionName = '';
    let option: string | undefined;
    let indent = Number.MAX_SAFE_INTEGER;
    text.split(/\r\n|\r|\n/).forEach((line, index) => {
      const lineno = index + 1;
      const isComment = /^\s*[#;]/.test(line);
      const value = isComment ? '' : line.trim();
      if (!value) {
        const current = option !== undefined ? section?.get(option) : undefined;
        if (!isComment && current) current.push('');
        return;
      }
      const level = line.length - line.trimStart().length;
      const current = option !== undefined ? section?.get(option) : undefined;
      if (section && option !== undefined && level > indent) {
        if (current) current.push(value);
        return;
      }
      indent = level;
      const header = /^\[(.+)\]/.exec(value);
      if (header) {
        sectionName = header[1]!;
        section = this.enterSection(sectionName, added, source, lineno);
        option = undefined;
        return;
      }
      if (!section) throw new ConfigParseError(`File contains no section headers.\nfile: '${source}', line: ${lineno}\n'${line}'`);
      const m = (this.options.allowNoValue ? OPTION_NV : OPTION).exec(value);
      if (!m || !m[1]) throw new ConfigParseError(`Source contains parsing errors: '${source}'\n\t[line ${String(lineno).padStart(2)}]: '${line}'`);
      option = this.optionxform(m[1].trimEnd());
      const key = `${sectionName}\u0000${option}`;
      if (added.has(key)) {
        throw new ConfigParseError(`While reading from '${source}' [line ${String(lineno).padStart(2)}]: option '${option}' in section '${sectionName}' already exists`);
      }
      added.add(key);
      section.set(option, m[3] === undefined ? null : [m[3].trim()]);
    });
  }

  private enterSection(name: string, added: Set<string>, source: string, lineno: number): Section {
    if (name === DEFAULT) return this.defaults;
    const existing = this.sections.get(name);
    if (existing) {
      if (added.has(name)) throw new ConfigParseError(`While reading from '${source}' [line ${String(lineno).padStart(2)}]: section '${name}' already exists`);
      added.add(name);
      return existing;
    }
    const created: Section = new Map();
    this.sections.set(name, created);
    added.add(name);
    return created;
  }

  hasSection(name: string): boolean {
    return name === DEFAULT || this.sections.has(name);
  }

  /** The raw (joined) values of a section, defaults first, as Python's items() orders them. */
  private merged(section: string): Map<string, string | null> {
    const own = section === DEFAULT ? new Map() : this.sections.get(section);
    if (!own) throw new ConfigParseError(`No section: '${section}'`);
    const out = new Map<string, string | null>();
    for (const [k, v] of [...this.defaults, ...own]) out.set(k, v === null ? null : v.join('\n').trimEnd());
    return out;
  }

  /** The value of an option (interpolated), or undefined when the section lacks it. */
  get(section: string, option: string): string | null | undefined {
    const values = this.merged(section);
    const key = this.optionxform(option);
    if (!values.has(key)) return undefined;
    return interpolate(values, key, values.get(key)!, 1);
  }

  items(section: string): Array<[string, string | null]> {
    const values = this.merged(section);
    return [...values].map(([k, v]) => [k, interpolate(values, k, v, 1)]);
  }
}

const MAX_DEPTH = 10;

/** BasicInterpolation: `%%` is a percent sign, `%(name)s` the (interpolated) value of another option. */
function interpolate(values: Map<string, string | null>, option: string, value: string | null, depth: number): string | null {
  if (value === null) return null;
  if (depth > MAX_DEPTH) throw new ConfigParseError(`Recursion limit exceeded in value substitution: option '${option}'`);
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const next = value[i + 1];
    if (next === '%') {
      out += '%';
      i++;
    } else if (next === '(') {
      const m = /^%\(([^)]+)\)s/.exec(value.slice(i));
      if (!m) throw new ConfigParseError(`bad interpolation variable reference '${value.slice(i)}'`);
      const ref = m[1]!.toLowerCase();
      if (!values.has(ref)) throw new ConfigParseError(`Bad value substitution: option '${option}' references '${ref}', which is not set`);
      out += interpolate(values, ref, values.get(ref)!, depth + 1) ?? '';
      i += m[0].length - 1;
    } else {
      throw new ConfigParseError(`'%' must be followed by '%' or '(', found: '${value.slice(i)}'`);
    }
  }
  return out;
}

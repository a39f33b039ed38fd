import type { Edit } from './text-edit.js';
import { splitLines } from './text-edit.js';

export interface IniArgs {
  section?: string;
  option?: string;
  values: string[];
  state: 'present' | 'absent';
  exclusive: boolean;
  no_extra_spaces: boolean;
  allow_no_value: boolean;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

/** `option = value` lines, commented (`#`/`;`) ones included when `commented`; group 6 is the value. */
function matchOpt(option: string | undefined, line: string, commented = true): RegExpExecArray | null {
  if (option === undefined) return null;
  const re = new RegExp(`^${commented ? '[#;]?' : ''}( |\\t)*(${escapeRe(option)})( |\\t)*(=|$)( |\\t)*(.*)`);
  return re.exec(line.replace(/\n$/, ''));
}

// A stand-in section name for options outside any section, as community.general's ini_file uses.
const FAKE_SECTION = 'ad01e11446efb704fcdbdb21f2c43757423d91c5';

interface Section { lines: string[]; touched: boolean[]; found: boolean; before: string[]; after: string[] }

function splitSection(lines: string[], section: string): Section {
  let within = false;
  let start = 0;
  let end = 0;
  for (const [i, l] of lines.entries()) {
    if (l.startsWith(`[${section}]`)) {
      within = true;
      start = i;
    } else if (l.startsWith('[') && within) {
      end = i;
      break;
    }
  }
  const body = lines.slice(start, end);
  return { lines: body, touched: body.map(() => false), found: within, before: lines.slice(0, start), after: lines.slice(end) };
}

/** ini_file's edit for state=present (values already de-duplicated). */
function present(s: Section, a: IniArgs, values: string[], fmt: (o: string, v: string) => string, st: { changed: boolean; msg: string }): void {
  const set = (i: number, line: string) => {
    if (s.lines[i] !== line) Object.assign(st, { changed: true, msg: 'option changed' });
    s.lines[i] = line;
    s.touched[i] = true;
  };
  let noValuePresent = false;
  if (a.option !== undefined) {
    for (const [i, l] of s.lines.entries()) {
      const m = matchOpt(a.option, l);
      if (!m) continue;
      if (values.length && values.includes(m[6])) {
        if (!m[6] && a.allow_no_value) {
          set(i, `${a.option}\n`);
          noValuePresent = true;
        } else set(i, fmt(a.option, m[6]));
        values.splice(values.indexOf(m[6]), 1);
      } else if (!values.length && a.allow_no_value) {
        set(i, `${a.option}\n`);
        noValuePresent = true;
        break;
      }
    }
  }
  if (a.exclusive && !a.allow_no_value) {
    for (const [i, l] of s.lines.entries()) {
      if (!values.length) break;
      if (!s.touched[i] && matchOpt(a.option, l)) set(i, fmt(a.option as string, values.shift() as string));
    }
    for (let i = s.lines.length - 1; i > 0; i--) {
      if (!s.touched[i] && matchOpt(a.option, s.lines[i])) {
        s.lines.splice(i, 1);
        s.touched.splice(i, 1);
        Object.assign(st, { changed: true, msg: 'option changed' });
      }
    }
  }
  for (let i = s.lines.length; i > 0; i--) {
    if (/^[ \t]*([#;].*)?$/.test(s.lines[i - 1].replace(/\n$/, ''))) continue;
    if (a.option !== undefined && values.length) {
      s.lines.splice(i, 0, ...values.map((v) => fmt(a.option as string, v)));
      Object.assign(st, { changed: true, msg: 'option added' });
    } else if (a.option !== undefined && !values.length && a.allow_no_value && !noValuePresent) {
      s.lines.splice(i, 0, `${a.option}\n`);
      Object.assign(st, { changed: true, msg: 'option added' });
    }
    break;
  }
}

function absent(s: Section, a: IniArgs, values: string[], st: { changed: boolean; msg: string }): void {
  if (a.option === undefined) {
    if (s.lines.length) Object.assign(st, { changed: true, msg: 'section removed' });
    s.lines = [];
    return;
  }
  const keep = s.lines.filter((l) => {
    const m = matchOpt(a.option, l, false);
    return !(m && (a.exclusive || values.includes(m[6])));
  });
  if ((a.exclusive || values.length) && keep.length !== s.lines.length) {
    Object.assign(st, { changed: true, msg: 'option changed' });
    s.lines = keep;
  }
}

/** The ini_file edit of `original` (undefined: the file does not exist yet). */
export function iniEdit(original: string | undefined, a: IniArgs): Edit {
  const lines = splitLines(original ?? '');
  const st = { changed: false, msg: 'OK' };
  if (!lines.length) lines.push('\n');
  if (!lines[lines.length - 1].endsWith('\n')) {
    lines[lines.length - 1] += '\n';
    st.changed = true;
  }
  const section = a.section || FAKE_SECTION;
  const s = splitSection([`[${FAKE_SECTION}]`, ...lines, '['], section);
  const values = [...new Set(a.values)];
  const fmt = (o: string, v: string) => (a.no_extra_spaces ? `${o}=${v}\n` : `${o} = ${v}\n`);
  if (a.state === 'present') present(s, a, values, fmt, st);
  else absent(s, a, values, st);
  const out = [...s.before, ...s.lines, ...s.after].slice(1, -1);
  if (!s.found && a.state === 'present') {
    out.push(`[${section}]\n`);
    st.msg = 'section and option added';
    if (a.option !== undefined && values.length) out.push(...values.map((v) => fmt(a.option as string, v)));
    else if (a.option !== undefined && a.allow_no_value) out.push(`${a.option}\n`);
    else st.msg = 'only section added';
    st.changed = true;
  }
  return { after: out.join(''), changed: st.changed, msg: st.msg };
}

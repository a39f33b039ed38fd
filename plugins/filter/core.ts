/** Ansible's core filters: types, data structures, serialisation, regex, encoding, hashing. */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import {
  PyDateTime, TsibleError, bindArgs, defineFilters, dumpYaml, isDict, isLazyMapping, materialize, loadYaml, loadYamlAll, plain,
  pyGetitem, pyRegex, pyReplacement, pyStr, pyTypeName, splitKwargs, strftime, truthy, tuple, type FilterFunction,
} from 'tsible';
import { pyJsonDumps } from './_lib/pyjson.js';
import { shaCrypt } from './_lib/shacrypt.js';
import { toList } from './_lib/seq.js';
import { combine } from './_lib/combine.js';
import { PyRandom } from 'tsible';

function seedOf(seed: unknown): string | number {
  const s = plain(seed);
  return typeof s === 'number' && Number.isInteger(s) ? s : pyStr(s);
}

/** A dict, or a lazy mapping (hostvars) made concrete; undefined for anything else. */
function asMapping(value: unknown): Record<string, unknown> | undefined {
  const v = plain(value);
  if (isDict(v)) return v;
  return isLazyMapping(v) ? materialize(v) : undefined;
}

const UUID_NAMESPACE_ANSIBLE = '361e6d51-faec-444a-9079-341386da8e2e';

function uuid5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(Buffer.from(name, 'utf8')).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function regexFlags(args: unknown[], names: string[]): { rest: Record<string, unknown>; ignorecase: boolean; multiline: boolean } {
  const bound = bindArgs(args, names);
  return { rest: bound, ignorecase: Boolean(bound.ignorecase), multiline: Boolean(bound.multiline) };
}

function regexSearch(value: unknown, regex: unknown, ...args: unknown[]): unknown {
  const { args: pos, kwargs } = splitKwargs(args);
  const re = pyRegex(String(regex), { ignorecase: Boolean(kwargs.ignorecase), multiline: Boolean(kwargs.multiline) });
  const m = re.exec(pyStr(value));
  if (!m) return null;
  if (!pos.length) return m[0];
  return pos.map((g) => {
    const s = String(g);
    const named = /^\\g<(\w+)>$/.exec(s);
    if (named) return /^\d+$/.test(named[1]) ? m[Number(named[1])] : m.groups?.[named[1]];
    const num = /^\\(\d+)$/.exec(s);
    if (num) return m[Number(num[1])];
    throw new TsibleError('TSIBLE_TEMPLATE', `Unknown argument: ${s}`);
  });
}

function toBool(value: unknown): boolean | null {
  const v = plain(value);
  if (typeof v === 'boolean') return v;
  if (v === null || v === undefined) return null;
  const s = typeof v === 'string' ? v.toLowerCase() : v;
  return s === 'yes' || s === 'on' || s === '1' || s === 'true' || s === 1;
}

const COMMENT_STYLES: Record<string, Record<string, string>> = {
  plain: { decoration: '# ' },
  erlang: { decoration: '% ' },
  c: { decoration: '// ' },
  cblock: { beginning: '/*', decoration: ' * ', end: ' */' },
  xml: { beginning: '<!--', decoration: ' - ', end: '-->' },
};

function comment(text: unknown, ...args: unknown[]): string {
  const { args: pos, kwargs } = splitKwargs(args);
  const style = String(pos[0] ?? 'plain');
  const decoration = String(kwargs.decoration ?? COMMENT_STYLES[style]?.decoration ?? '# ');
  const p: Record<string, unknown> = {
    newline: '\n', beginning: '', prefix: decoration.trimEnd(), prefix_count: 1, decoration,
    postfix: decoration.trimEnd(), postfix_count: 1, end: '', ...COMMENT_STYLES[style], ...kwargs,
  };
  const nl = String(p.newline);
  const deco = String(p.decoration);
  const beginning = p.beginning ? `${p.beginning}${nl}` : '';
  const prefix = p.prefix ? (p.prefix !== nl ? `${p.prefix}${nl}` : nl).repeat(Number(p.prefix_count)) : '';
  const body = (deco + pyStr(text).split(nl).join(nl + deco)).split(deco + nl).join(deco.trimEnd() + nl);
  const postfix = ['', ...Array(Number(p.postfix_count)).fill(p.postfix)].join(nl);
  const end = p.end ? `${nl}${p.end}` : '';
  return beginning + prefix + body + postfix + end;
}

function flatten(list: unknown, ...args: unknown[]): unknown[] {
  const { levels, skip_nulls: skipNulls } = bindArgs(args, ['levels', 'skip_nulls'], { skip_nulls: true });
  const walk = (items: unknown[], depth: number): unknown[] => items.flatMap((x) => {
    const v = plain(x);
    if (skipNulls && (v === null || v === undefined || v === 'None')) return [];
    if (Array.isArray(v) && (levels === undefined || levels === null || depth < Number(levels))) return walk(v, depth + 1);
    return [v];
  });
  return walk(toList(list), 0);
}

function toDatetime(value: unknown, format: unknown = '%Y-%m-%d %H:%M:%S'): PyDateTime {
  const s = pyStr(value);
  const fields: Record<string, number> = { Y: 1900, m: 1, d: 1, H: 0, M: 0, S: 0, f: 0 };
  let re = '';
  const order: string[] = [];
  for (const part of String(format).split(/(%[a-zA-Z%])/)) {
    if (/^%[YmdHMSfyjbB]$/.test(part)) {
      order.push(part[1]);
      re += part[1] === 'b' || part[1] === 'B' ? '([A-Za-z]+)' : part[1] === 'Y' ? '(\\d{4})' : part[1] === 'f' ? '(\\d{1,6})' : '(\\d{1,2})';
    } else re += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  const m = new RegExp(`^${re}$`).exec(s);
  if (!m) throw new TsibleError('TSIBLE_TEMPLATE', `time data '${s}' does not match format '${String(format)}'`);
  order.forEach((k, i) => {
    if (k === 'b' || k === 'B') fields.m = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(m[i + 1].slice(0, 3).toLowerCase()) + 1;
    else if (k === 'y') fields.Y = 2000 + Number(m[i + 1]) - (Number(m[i + 1]) >= 69 ? 100 : 0);
    else if (k === 'f') fields.f = Number(m[i + 1].padEnd(6, '0'));
    else fields[k] = Number(m[i + 1]);
  });
  return new PyDateTime(new Date(Date.UTC(fields.Y, fields.m - 1, fields.d, fields.H, fields.M, fields.S)), fields.f);
}

function passwordHash(password: unknown, ...args: unknown[]): string {
  const { hashtype, salt, rounds } = bindArgs(args, ['hashtype', 'salt', 'salt_size', 'rounds'], { hashtype: 'sha512' });
  const algo = String(hashtype);
  if (algo !== 'sha512' && algo !== 'sha256') {
    throw new TsibleError('TSIBLE_TEMPLATE', `password_hash: hash type '${algo}' is not supported (use sha512 or sha256)`);
  }
  const saltText = salt === undefined || salt === null
    ? [...randomBytes(16)].map((b) => './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'[b & 63]).join('')
    : String(salt);
  const r = rounds === undefined || rounds === null ? (algo === 'sha512' ? 656000 : 535000) : Number(rounds);
  return shaCrypt(pyStr(password), saltText, r, algo);
}

const filters: Record<string, FilterFunction> = {
  bool: toBool,
  ternary: (value, trueVal, falseVal, noneVal) => {
    if ((value === null || value === undefined) && noneVal !== undefined && noneVal !== null) return noneVal;
    return truthy(value) ? trueVal : falseVal;
  },
  type_debug: (value) => pyTypeName(value),
  to_json: (value, ...args) => {
    const { indent, sort_keys: sortKeys, ensure_ascii: ascii } = bindArgs(args, ['indent', 'sort_keys', 'ensure_ascii'], { ensure_ascii: true });
    return pyJsonDumps(value, { indent: indent === undefined || indent === null ? null : Number(indent), sortKeys: Boolean(sortKeys), ensureAscii: Boolean(ascii) });
  },
  to_nice_json: (value, ...args) => {
    const { indent, sort_keys: sortKeys } = bindArgs(args, ['indent', 'sort_keys'], { indent: 4, sort_keys: true });
    return pyJsonDumps(value, { indent: Number(indent), sortKeys: Boolean(sortKeys), separators: [',', ': '] });
  },
  from_json: (value) => JSON.parse(pyStr(value)),
  to_yaml: (value, ...args) => {
    const { indent } = bindArgs(args, ['indent'], { indent: 2 });
    return dumpYaml(value, { indent: Number(indent) });
  },
  to_nice_yaml: (value, ...args) => {
    const { indent } = bindArgs(args, ['indent'], { indent: 4 });
    return dumpYaml(value, { pretty: true, indent: Number(indent) });
  },
  from_yaml: (value) => (typeof plain(value) === 'string' ? loadYaml(plain(value) as string, { file: '<from_yaml>' }) : value),
  from_yaml_all: (value) => (typeof plain(value) === 'string' ? loadYamlAll(plain(value) as string, { file: '<from_yaml_all>' }) : value),
  regex_search: regexSearch,
  regex_findall: (value, regex, ...args) => {
    const { ignorecase, multiline } = regexFlags(args, ['multiline', 'ignorecase']);
    const re = pyRegex(String(regex), { ignorecase, multiline, global: true });
    return [...pyStr(value).matchAll(re)].map((m) => (m.length === 1 ? m[0] : m.length === 2 ? m[1] ?? '' : tuple(m.slice(1).map((g) => g ?? ''))));
  },
  regex_replace: (value, pattern = '', replacement = '', ...args) => {
    const { ignorecase, multiline, rest } = regexFlags(args, ['ignorecase', 'multiline', 'count', 'mandatory_count']);
    const re = pyRegex(String(pattern), { ignorecase, multiline, global: true });
    const rep = pyReplacement(String(replacement));
    let n = 0;
    const max = Number(rest.count ?? 0);
    const out = pyStr(value).replace(re, (...m: unknown[]) => {
      const last = m[m.length - 1];
      const groups = typeof last === 'object' && last !== null ? (last as Record<string, string>) : undefined;
      const match = m.slice(0, groups ? -3 : -2) as string[];
      if (max && n >= max) return match[0];
      n++;
      return rep(match, groups);
    });
    if (rest.mandatory_count && n !== Number(rest.mandatory_count)) {
      throw new TsibleError('TSIBLE_TEMPLATE', `'${pattern}' should match ${rest.mandatory_count} times, but matches ${n} times in '${pyStr(value)}'`);
    }
    return out;
  },
  regex_escape: (value) => pyStr(value).replace(/[^A-Za-z0-9_]/g, (c) => (c.charCodeAt(0) > 127 ? c : `\\${c}`)),
  quote: (value) => {
    const s = pyStr(value ?? '');
    if (s === '') return "''";
    if (!/[^\w@%+=:,./-]/.test(s)) return s;
    return `'${s.replace(/'/g, `'"'"'`)}'`;
  },
  b64encode: (value, encoding = 'utf-8') => Buffer.from(pyStr(value), encoding === 'utf-16-le' ? 'utf16le' : 'utf8').toString('base64'),
  b64decode: (value, encoding = 'utf-8') => Buffer.from(pyStr(value), 'base64').toString(encoding === 'utf-16-le' ? 'utf16le' : 'utf8'),
  to_uuid: (value, ...args) => {
    const { namespace } = bindArgs(args, ['namespace'], { namespace: UUID_NAMESPACE_ANSIBLE });
    return uuid5(pyStr(value), String(namespace));
  },
  hash: (value, hashtype = 'sha1') => createHash(String(hashtype)).update(pyStr(value), 'utf8').digest('hex'),
  md5: (value) => createHash('md5').update(pyStr(value), 'utf8').digest('hex'),
  sha1: (value) => createHash('sha1').update(pyStr(value), 'utf8').digest('hex'),
  checksum: (value) => createHash('sha1').update(pyStr(value), 'utf8').digest('hex'),
  password_hash: passwordHash,
  random: (value, ...args) => {
    const { start, step, seed } = bindArgs(args, ['start', 'step', 'seed']);
    const rng = seed === undefined || seed === null ? null : new PyRandom(seedOf(seed));
    const below = (n: number) => (rng ? rng.below(n) : randomInt(n));
    const v = plain(value);
    if (typeof v === 'number') {
      const from = Number(start ?? 0) || 0;
      const by = Number(step ?? 1) || 1;
      if (rng) return rng.randrange(from, v, by);
      const count = Math.ceil((v - from) / by);
      if (count <= 0) throw new TsibleError('TSIBLE_TEMPLATE', `empty range for randrange() (${from}, ${v})`);
      return from + below(count) * by;
    }
    const items = toList(v);
    if (!items.length) throw new TsibleError('TSIBLE_TEMPLATE', 'Cannot choose from an empty sequence');
    return items[below(items.length)];
  },
  shuffle: (value, ...args) => {
    const { seed } = bindArgs(args, ['seed']);
    const items = [...toList(value)];
    if (seed !== undefined && seed !== null) return new PyRandom(seedOf(seed)).shuffle(items);
    for (let i = items.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  },
  comment,
  combine: (value, ...args) => combine(value, args),
  extract: (item, container, morekeys) => {
    // Jinja item access, so a hostvars view (a LazyMapping) works: groups.web | map('extract', hostvars, 'ansible_host')
    let v = pyGetitem(container, item);
    const keys = morekeys === undefined || morekeys === null ? [] : Array.isArray(morekeys) ? morekeys : [morekeys];
    for (const k of keys) v = pyGetitem(v, k);
    return v;
  },
  flatten,
  dict2items: (value, ...args) => {
    const { key_name: k, value_name: v } = bindArgs(args, ['key_name', 'value_name'], { key_name: 'key', value_name: 'value' });
    const dict = asMapping(value);
    if (!dict) throw new TsibleError('TSIBLE_TEMPLATE', `dict2items requires a dictionary, got ${pyTypeName(value)} instead.`);
    return Object.entries(dict).map(([key, val]) => ({ [String(k)]: key, [String(v)]: val }));
  },
  items2dict: (value, ...args) => {
    const { key_name: k, value_name: v } = bindArgs(args, ['key_name', 'value_name'], { key_name: 'key', value_name: 'value' });
    return Object.fromEntries(toList(value).map((item) => [pyStr((item as Record<string, unknown>)[String(k)]), (item as Record<string, unknown>)[String(v)]]));
  },
  subelements: (value, subelements, ...args) => {
    const { skip_missing: skip } = bindArgs(args, ['skip_missing']);
    const path = String(subelements).split('.');
    const items = isDict(plain(value)) ? Object.values(plain(value) as object) : toList(value);
    return items.flatMap((item) => {
      let sub: unknown = item;
      for (const p of path) {
        sub = (plain(sub) as Record<string, unknown>)?.[p];
        if (sub === undefined) {
          if (skip) return [];
          throw new TsibleError('TSIBLE_TEMPLATE', `could not find '${p}' key in iterated item '${pyStr(item)}'`);
        }
      }
      return toList(sub).map((s) => tuple([item, s]));
    });
  },
  split: (value, sep, maxsplit) => {
    const s = pyStr(value);
    if (sep === undefined || sep === null) return s.trim() === '' ? [] : s.trim().split(/\s+/);
    const parts = s.split(String(sep));
    const max = maxsplit === undefined ? -1 : Number(maxsplit);
    return max < 0 || parts.length <= max + 1 ? parts : [...parts.slice(0, max), parts.slice(max).join(String(sep))];
  },
  mandatory: (value) => value,
  to_datetime: toDatetime,
  strftime: (format, ...args) => {
    const { second, utc } = bindArgs(args, ['second', 'utc']);
    const ms = second === undefined || second === null ? Date.now() : Number(second) * 1000;
    const date = new Date(ms);
    const local = utc ? date : new Date(ms - date.getTimezoneOffset() * 60000);
    return strftime(pyStr(format), local);
  },
};

export default defineFilters({ name: 'core', filters });

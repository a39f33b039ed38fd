/**
 * The part of Jinja2 that is language rather than library: the filters and tests that see undefined
 * values (default, mandatory, defined, undefined), the higher-order filters that call other filters
 * and tests by name (map, select, reject, selectattr, rejectattr), and the template globals.
 * Everything else lives in filter and test plugins.
 */
import { TsibleError } from '../errors.js';
import type { FilterFunction } from '../../plugins/filter/types.js';
import type { TestFunction } from '../../plugins/test/types.js';
import type { RenderContext } from './context.js';
import { bindArgs, isKwargs, splitKwargs } from './kwargs.js';
import { lookupGlobals } from './lookups.js';
import { Namespace } from './namespace.js';
import { isLazyMapping } from './mapping.js';
import { PyDateTime } from './datetime.js';
import { isDict, plain, truthy, PyTypeError } from './python.js';
import { toList } from './iterate.js';
import { getitem, type TemplateRuntime } from './runtime.js';
import { JinjaUndefined, isUndefined } from './undefined.js';

/** The value `omit` renders to; a module argument equal to it is dropped (see isOmitted). */
export const OMIT_TOKEN = '__omit_place_holder__9f2c7ad4e3b1c0d5a6f8e7b2c4d1a0e9f3b5c7d8';

export function isOmitted(value: unknown): boolean {
  return value === OMIT_TOKEN;
}

function attrGetter(attribute: unknown): (item: unknown) => unknown {
  const parts = String(attribute).split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return (item) => parts.reduce((obj, part) => getitem(obj, part), item);
}


export function builtinFilters(runtime: TemplateRuntime): Record<string, FilterFunction> {
  function selectBy(ctx: RenderContext, items: unknown, args: unknown[], getter: ((x: unknown) => unknown) | null, keep: boolean): unknown[] {
    const { args: pos, kwargs } = splitKwargs(args);
    const [testName, ...testArgs] = pos;
    const kw = Object.keys(kwargs).length ? [kwargs] : [];
    const check = testName === undefined
      ? (x: unknown) => truthy(x)
      : (x: unknown) => runtime.test(ctx, String(testName), x, [...testArgs, ...kw]) as boolean;
    return toList(items).filter((item) => check(getter ? getter(item) : item) === keep);
  }
  return {
    default(value: unknown, ...args: unknown[]) {
      const { default_value: dflt, boolean } = bindArgs(args, ['default_value', 'boolean'], { default_value: '', boolean: false });
      if (isUndefined(value) || (boolean && !truthy(value))) return dflt;
      return value;
    },
    mandatory(value: unknown, ...args: unknown[]) {
      if (!isUndefined(value)) return value;
      const { msg } = bindArgs(args, ['msg']);
      throw new TsibleError('TSIBLE_UNDEFINED', typeof msg === 'string' ? msg : `Mandatory variable '${value.name}' not defined.`);
    },
    map(this: RenderContext, value: unknown, ...args: unknown[]) {
      const { args: pos, kwargs } = splitKwargs(args);
      if (pos.length === 0 && 'attribute' in kwargs) {
        const get = attrGetter(kwargs.attribute);
        return toList(value).map((item) => {
          const v = get(item);
          return isUndefined(v) && 'default' in kwargs ? kwargs.default : v;
        });
      }
      const [name, ...rest] = pos;
      if (typeof name !== 'string') throw new TsibleError('TSIBLE_TEMPLATE', 'map requires a filter name or attribute=');
      const kw = Object.keys(kwargs).length ? [kwargs] : [];
      return toList(value).map((item) => runtime.filter(this, name, [item, ...rest, ...kw]));
    },
    select(this: RenderContext, value: unknown, ...args: unknown[]) { return selectBy(this, value, args, null, true); },
    reject(this: RenderContext, value: unknown, ...args: unknown[]) { return selectBy(this, value, args, null, false); },
    selectattr(this: RenderContext, value: unknown, attr: unknown, ...args: unknown[]) {
      return selectBy(this, value, args, attrGetter(attr), true);
    },
    rejectattr(this: RenderContext, value: unknown, attr: unknown, ...args: unknown[]) {
      return selectBy(this, value, args, attrGetter(attr), false);
    },
  };
}

export const builtinTests: Record<string, TestFunction> = {
  defined: (value: unknown) => !isUndefined(value),
  undefined: (value: unknown) => isUndefined(value),
};

function range(...args: unknown[]): number[] {
  const nums = args.filter((a) => !isKwargs(a)).map(Number);
  const [start, stop, step] = nums.length === 1 ? [0, nums[0], 1] : [nums[0], nums[1], nums[2] ?? 1];
  if (step === 0) throw new PyTypeError('range() arg 3 must not be zero');
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) {
    out.push(i);
    if (out.length > 100000) throw new TsibleError('TSIBLE_TEMPLATE', 'range() is too large (more than 100000 items)');
  }
  return out;
}

export function builtinGlobals(): Record<string, unknown> {
  return {
    range,
    namespace: (...args: unknown[]) => {
      const { args: pos, kwargs } = splitKwargs(args);
      return new Namespace(Object.assign({}, ...pos.filter(isDict), kwargs));
    },
    dict: (...args: unknown[]) => {
      const { args: pos, kwargs } = splitKwargs(args);
      const base = pos[0] === undefined ? {} : isDict(pos[0]) ? pos[0] : Object.fromEntries(pos[0] as [string, unknown][]);
      return { ...base, ...kwargs };
    },
    now: (...args: unknown[]) => {
      const { utc, fmt } = bindArgs(args, ['utc', 'fmt']);
      const ms = Date.now();
      const date = utc ? new Date(ms) : new Date(ms - new Date(ms).getTimezoneOffset() * 60000);
      const dt = new PyDateTime(date, (ms % 1000) * 1000);
      return typeof fmt === 'string' ? dt.strftime(fmt) : dt;
    },
    undef: (hint?: unknown) => new JinjaUndefined('undef', undefined, typeof hint === 'string' ? hint : 'undef() was called'),
    omit: OMIT_TOKEN,
    ...lookupGlobals(),
  };
}

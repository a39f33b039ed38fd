/**
 * Jinja2's StrictUndefined as Ansible extends it: looking something up on an undefined value gives the
 * same undefined value back (so the first failure is the one reported), and *using* it — output,
 * truthiness, arithmetic, iteration, passing it to most filters — fails with a message naming it.
 */
import { TsibleError } from '../errors.js';

const MISSING = Symbol('missing');

export class JinjaUndefined {
  constructor(
    readonly name: string | number,
    readonly owner: unknown = MISSING,
    readonly hint?: string,
  ) {}

  get message(): string {
    if (this.hint) return this.hint;
    if (this.owner === MISSING) return `'${this.name}' is undefined`;
    const where = objectTypeRepr(this.owner);
    if (typeof this.name === 'number') return `${where} has no element ${this.name}`;
    return `'${where}' has no attribute '${this.name}'`;
  }

  fail(): never {
    throw new TsibleError('TSIBLE_UNDEFINED', this.message);
  }

  toString(): string {
    return this.fail();
  }

  toJSON(): never {
    return this.fail();
  }
}

export function isUndefined(value: unknown): value is JinjaUndefined {
  return value instanceof JinjaUndefined;
}

function objectTypeRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return 'str object';
  if (typeof value === 'boolean') return 'bool object';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int object' : 'float object';
  if (Array.isArray(value)) return 'list object';
  return 'dict object';
}

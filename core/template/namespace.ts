/** Jinja2's `namespace()`: a mutable object whose attributes `{% set ns.x = … %}` may assign. */
import { pyRepr } from './python.js';

export class Namespace {
  readonly attrs: Record<string, unknown>;
  constructor(initial: Record<string, unknown> = {}) {
    this.attrs = { ...initial };
  }
  get(name: string): unknown {
    return this.attrs[name];
  }
  has(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.attrs, name);
  }
  set(name: string, value: unknown): void {
    this.attrs[name] = value;
  }
  toString(): string {
    return `<Namespace {${Object.entries(this.attrs).map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}}>`;
  }
}

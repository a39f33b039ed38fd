/**
 * Python's datetime and timedelta as `to_datetime` returns them and templates use them
 * (`.year`, `a - b`, `.days`, `.total_seconds()`, `.strftime()`); naive, wall-clock values kept in UTC.
 */
import { PyTypeError } from './python.js';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const p2 = (n: number): string => String(n).padStart(2, '0');

/** Python strftime over a Date read in UTC fields. */
export function strftime(format: string, d: Date, micro = 0): string {
  const weekday = (d.getUTCDay() + 6) % 7;
  const startOfYear = Date.UTC(d.getUTCFullYear(), 0, 1);
  const yday = Math.floor((d.getTime() - startOfYear) / 86400000) + 1;
  return format.replace(/%([a-zA-Z%])/g, (m, c: string) => {
    switch (c) {
      case 'Y': return String(d.getUTCFullYear());
      case 'y': return p2(d.getUTCFullYear() % 100);
      case 'm': return p2(d.getUTCMonth() + 1);
      case 'd': return p2(d.getUTCDate());
      case 'H': return p2(d.getUTCHours());
      case 'I': return p2(d.getUTCHours() % 12 || 12);
      case 'p': return d.getUTCHours() < 12 ? 'AM' : 'PM';
      case 'M': return p2(d.getUTCMinutes());
      case 'S': return p2(d.getUTCSeconds());
      case 'f': return String(micro).padStart(6, '0');
      case 'a': return DAYS[weekday].slice(0, 3);
      case 'A': return DAYS[weekday];
      case 'b': case 'h': return MONTHS[d.getUTCMonth()].slice(0, 3);
      case 'B': return MONTHS[d.getUTCMonth()];
      case 'j': return String(yday).padStart(3, '0');
      case 'w': return String(d.getUTCDay());
      case 'u': return String(weekday + 1);
      case 'Z': return '';
      case 'z': return '';
      case 's': return String(Math.floor(d.getTime() / 1000));
      case 'e': return String(d.getUTCDate()).padStart(2, ' ');
      case 'D': return `${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}/${p2(d.getUTCFullYear() % 100)}`;
      case 'F': return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
      case 'T': return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
      case 'c': return strftime('%a %b %e %H:%M:%S %Y', d);
      case 'x': return strftime('%m/%d/%y', d);
      case 'X': return strftime('%H:%M:%S', d);
      case '%': return '%';
      default: return m;
    }
  });
}

export class PyTimeDelta {
  constructor(readonly ms: number) {}
  get days(): number { return Math.floor(this.ms / 86400000); }
  get seconds(): number { return Math.floor((this.ms - this.days * 86400000) / 1000); }
  get microseconds(): number { return Math.round((this.ms % 1000) * 1000); }
  total_seconds(): number { return this.ms / 1000; }
  toString(): string {
    const d = this.days;
    const s = this.seconds;
    const hms = `${Math.floor(s / 3600)}:${p2(Math.floor((s % 3600) / 60))}:${p2(s % 60)}`;
    return d ? `${d} day${Math.abs(d) === 1 ? '' : 's'}, ${hms}` : hms;
  }
  toJSON(): string { return this.toString(); }
}

export class PyDateTime {
  constructor(readonly date: Date, readonly microsecond = 0) {}
  get year(): number { return this.date.getUTCFullYear(); }
  get month(): number { return this.date.getUTCMonth() + 1; }
  get day(): number { return this.date.getUTCDate(); }
  get hour(): number { return this.date.getUTCHours(); }
  get minute(): number { return this.date.getUTCMinutes(); }
  get second(): number { return this.date.getUTCSeconds(); }
  strftime(format: string): string { return strftime(format, this.date, this.microsecond); }
  isoformat(sep = 'T'): string {
    return strftime(`%Y-%m-%d${sep}%H:%M:%S`, this.date) + (this.microsecond ? `.${String(this.microsecond).padStart(6, '0')}` : '');
  }
  timestamp(): number { return this.date.getTime() / 1000; }
  weekday(): number { return (this.date.getUTCDay() + 6) % 7; }
  __sub__(other: unknown): PyTimeDelta | PyDateTime {
    if (other instanceof PyDateTime) return new PyTimeDelta(this.date.getTime() - other.date.getTime());
    if (other instanceof PyTimeDelta) return new PyDateTime(new Date(this.date.getTime() - other.ms));
    throw new PyTypeError(`unsupported operand type(s) for -: 'datetime.datetime' and '${typeof other}'`);
  }
  toString(): string { return this.isoformat(' '); }
  toJSON(): string { return this.isoformat(); }
}

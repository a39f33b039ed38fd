import { ParseError, type SourceLocation } from '../errors.js';
import { UnsafeText, VaultValue } from '../values.js';
import { keyLocation, setKeyLocations, setLocation } from './locations.js';
import { VALUE_TAG_MARKER } from './schema.js';

/** The part of js-yaml's loader state its `listener` option exposes (not in its typings). */
export interface LoaderState {
  input: string;
  position: number;
  line: number;
  lineStart: number;
  kind: string | null;
  tag: string | null;
  result: unknown;
}

interface NodeRecord {
  result: unknown;
  tag: string | null;
  start: SourceLocation;
  followedByColon: boolean;
}

interface Frame {
  position: number;
  line: number;
  lineStart: number;
  children: NodeRecord[];
}

const MERGE_TAG = 'tag:yaml.org,2002:merge';

function isPlainCollection(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !(value instanceof UnsafeText) && !(value instanceof VaultValue);
}

/**
 * Follows js-yaml's node open/close events to give every mapping, sequence and mapping key its
 * file:line:column, and to do what PyYAML's constructor does that js-yaml does not: warn about
 * duplicate keys, reject unhashable keys, and order merged (`<<`) keys first.
 */
export class PositionTracker {
  private readonly stack: Frame[] = [];
  /**
   * PyYAML parses a whole document before constructing it, so a syntax error anywhere wins over a
   * construction error (an unhashable key, the `=` tag): those wait here until parsing succeeded.
   */
  error?: ParseError;

  constructor(
    private readonly file: string,
    private readonly onWarning?: (message: string, loc?: SourceLocation) => void,
  ) {}

  readonly listener = (event: 'open' | 'close', state: LoaderState): void => {
    if (event === 'open') {
      this.stack.push({ position: state.position, line: state.line, lineStart: state.lineStart, children: [] });
      return;
    }
    const frame = this.stack.pop();
    if (!frame) return;
    const start = this.contentStart(state.input, frame);
    this.located(state, frame, start);
    const parent = this.stack[this.stack.length - 1];
    parent?.children.push({ result: state.result, tag: state.tag, start, followedByColon: nextIsColon(state.input, state.position) });
  };

  private located(state: LoaderState, frame: Frame, start: SourceLocation): void {
    const result = state.result;
    // js-yaml reads a node by first trying it as a block mapping key; when that fails the inner
    // node's result is kept, and this outer frame is only a wrapper around it.
    if (frame.children.length === 1 && frame.children[0]!.result === result && result !== null) return;
    if (result === VALUE_TAG_MARKER) {
      this.error ??= new ParseError("could not determine a constructor for the tag 'tag:yaml.org,2002:value'", start);
      return;
    }
    if (result instanceof UnsafeText || result instanceof VaultValue) setLocation(result, start);
    if (state.kind === 'sequence' && Array.isArray(result)) setLocation(result, start);
    if (state.kind === 'mapping' && isPlainCollection(result)) {
      setLocation(result, start);
      this.finishMapping(result as Record<string, unknown>, frame.children, start);
    }
  }

  /** Skips the whitespace and comments js-yaml has not consumed yet when it opens a node. */
  private contentStart(input: string, frame: Frame): SourceLocation {
    let { position, line, lineStart } = frame;
    for (;;) {
      const ch = input.charCodeAt(position);
      if (ch === 0x20 || ch === 0x09) position++;
      else if (ch === 0x0a || ch === 0x0d) {
        position += ch === 0x0d && input.charCodeAt(position + 1) === 0x0a ? 2 : 1;
        line++;
        lineStart = position;
      } else if (ch === 0x23 /* # */) {
        while (position < input.length && input.charCodeAt(position) !== 0x0a && input.charCodeAt(position) !== 0x0d) position++;
      } else break;
    }
    return { file: this.file, line: line + 1, column: position - lineStart + 1 };
  }

  private finishMapping(map: Record<string, unknown>, children: NodeRecord[], start: SourceLocation): void {
    const merged: Array<{ key: string; loc?: SourceLocation }> = [];
    const explicit: Array<{ key: string; loc: SourceLocation }> = [];
    for (const { key, value } of pairUp(children)) {
      if (key.tag === MERGE_TAG) {
        merged.push(...mergedKeys(value?.result));
        continue;
      }
      if (isPlainCollection(key.result)) {
        const kind = Array.isArray(key.result) ? 'list' : 'dict';
        this.error ??= new ParseError(`Syntax Error while loading YAML.\n  found unacceptable key (unhashable type: '${kind}')`, key.start);
        continue;
      }
      explicit.push({ key: String(key.result), loc: key.start });
    }
    const keyLocs: Record<string, SourceLocation> = Object.create(null) as Record<string, SourceLocation>;
    for (const entry of [...merged, ...explicit]) {
      // Ansible warns for every repeated key after flattening merges, merged ones included.
      if (entry.key in keyLocs) this.warnDuplicate(entry.key, start, entry.loc);
      keyLocs[entry.key] = entry.loc ?? start;
    }
    if (merged.length) reorder(map, [...merged, ...explicit].map((e) => e.key));
    setKeyLocations(map, keyLocs);
  }

  private warnDuplicate(key: string, mapStart: SourceLocation, keyLoc?: SourceLocation): void {
    const msg = `While constructing a mapping from ${mapStart.file}, line ${mapStart.line}, column ${mapStart.column}, found a duplicate dict key (${key}). Using last defined value only.`;
    this.onWarning?.(msg, keyLoc ?? mapStart);
  }
}

/** A key is followed by its value unless no `:` follows it (`? key` or `{a, b}` leave it null). */
function pairUp(children: NodeRecord[]): Array<{ key: NodeRecord; value?: NodeRecord }> {
  const pairs: Array<{ key: NodeRecord; value?: NodeRecord }> = [];
  for (let i = 0; i < children.length; i++) {
    const key = children[i]!;
    if (key.followedByColon && i + 1 < children.length) pairs.push({ key, value: children[++i] });
    else pairs.push({ key });
  }
  return pairs;
}

/** PyYAML flattens `<<: [a, b]` as b's pairs then a's, so the first map listed wins. */
function mergedKeys(source: unknown): Array<{ key: string; loc?: SourceLocation }> {
  const sources = Array.isArray(source) ? [...source].reverse() : [source];
  return sources.filter(isPlainCollection).flatMap((m) => Object.keys(m).map((key) => ({ key, loc: keyLocation(m, key) })));
}

function reorder(map: Record<string, unknown>, keys: string[]): void {
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key) || !Object.prototype.hasOwnProperty.call(map, key)) continue;
    seen.add(key);
    const value = map[key];
    delete map[key];
    map[key] = value;
  }
}

function nextIsColon(input: string, position: number): boolean {
  let pos = position;
  for (;;) {
    const ch = input.charCodeAt(pos);
    if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d) pos++;
    else if (ch === 0x23) {
      while (pos < input.length && input.charCodeAt(pos) !== 0x0a) pos++;
    } else return ch === 0x3a;
  }
}

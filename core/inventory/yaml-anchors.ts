import { dumpYaml } from '../yaml/dump.js';
import { VaultValue } from '../values.js';

/**
 * YAML as ansible-inventory prints it (PyYAML, block style, indent 2), including PyYAML's anchors:
 * a list or mapping reached twice through the same object (group variables shared by several hosts)
 * is written once as `&id001` and then as `*id001`. Ids are numbered at the second encounter, in
 * output order, as PyYAML's serializer does. The anchors ride through dumpYaml as sentinels.
 */
const SENTINEL = '\u0000tsible_anchor_';

type Collection = object;

function isCollection(v: unknown): v is Collection {
  return typeof v === 'object' && v !== null && (Array.isArray(v) || v.constructor === Object);
}

/** PyYAML anchors any shared object except str, bytes, bool, int, float and None: here collections and vaulted values. */
function isAnchorable(v: unknown): v is Collection {
  return isCollection(v) || v instanceof VaultValue;
}

function sortedEntries(map: Record<string, unknown>): [string, unknown][] {
  return Object.keys(map).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((k) => [k, map[k]]);
}

function assignAnchors(root: unknown): Map<Collection, string> {
  const seen = new Set<Collection>();
  const anchors = new Map<Collection, string>();
  const visit = (v: unknown): void => {
    if (!isAnchorable(v)) return;
    if (seen.has(v)) {
      if (!anchors.has(v)) anchors.set(v, `id${String(anchors.size + 1).padStart(3, '0')}`);
      return;
    }
    seen.add(v);
    if (v instanceof VaultValue) return;
    if (Array.isArray(v)) v.forEach(visit);
    else for (const [, child] of sortedEntries(v as Record<string, unknown>)) visit(child);
  };
  visit(root);
  return anchors;
}

function mark(v: unknown, anchors: Map<Collection, string>, written: Set<Collection>): unknown {
  if (!isAnchorable(v)) return v;
  const id = anchors.get(v);
  if (id && written.has(v)) return `${SENTINEL}alias_${id}`;
  if (id) written.add(v);
  if (v instanceof VaultValue) {
    // The anchor rides as a first ciphertext line, moved in front of the tag afterwards.
    const vault = v;
    return id ? new VaultValue(`${SENTINEL}${id}\n${vault.ciphertext}`, () => vault.reveal()) : v;
  }
  const empty = Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0;
  if (id && empty) return `${SENTINEL}empty${Array.isArray(v) ? 'list' : 'map'}_${id}`;
  if (Array.isArray(v)) {
    const items = v.map((item) => mark(item, anchors, written));
    return id ? [`${SENTINEL}${id}`, ...items] : items;
  }
  const out: Record<string, unknown> = id ? { [`${SENTINEL}${id}`]: null } : {};
  for (const [k, child] of sortedEntries(v as Record<string, unknown>)) out[k] = mark(child, anchors, written);
  return out;
}

export function dumpInventoryYaml(data: unknown): string {
  const anchors = assignAnchors(data);
  const text = dumpYaml(anchors.size ? mark(data, anchors, new Set()) : data, { pretty: true, indent: 2 });
  if (!anchors.size) return text;
  const s = '"\\\\0tsible_anchor_'; // the dumped text holds backslash-zero; escaped for RegExp
  return text
    .replace(/!vault \|([-+]?)\n *\u0000tsible_anchor_(id\d+)/g, '&$2 !vault |$1')
    .replace(new RegExp(`${s}alias_(id\\d+)"`, 'g'), '*$1')
    .replace(new RegExp(`${s}emptylist_(id\\d+)"`, 'g'), '&$1 []')
    .replace(new RegExp(`${s}emptymap_(id\\d+)"`, 'g'), '&$1 {}')
    .replace(new RegExp(`:\\n *(?:- )?${s}(id\\d+)"(?:: null)?`, 'g'), ': &$1')
    .replace(new RegExp(`- ${s}(id\\d+)"(?:: null)?`, 'g'), '- &$1');
}

import { readFile } from 'node:fs/promises';
import { defineInventory, expandHostPattern, ParseError, type InventoryBuilder } from 'tsible';
import { shlexSplit } from './_shlex.js';
import { iniValue } from './_python-literal.js';
import { isReadableFile } from './_files.js';

const SECTION = /^\[([^:\]\s]+)(?::(\w+))?\]\s*(?:#.*)?$/;
const GROUP_NAME = /^([^:\]\s]+)\s*(?:#.*)?$/;

interface Pending {
  line: number;
  state: 'vars' | 'children';
  parents: string[];
}

/** State of one INI parse; errors name the file and line as Ansible's `path:line:` prefix does. */
class IniParser {
  private lineNo = 0;
  private group = 'ungrouped';
  private state = 'hosts';
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly file: string, private readonly builder: InventoryBuilder) {}

  fail(message: string, column = 1): never {
    throw new ParseError(`${this.file}:${this.lineNo}: ${message}`, { file: this.file, line: this.lineNo, column });
  }

  parse(text: string): void {
    for (const raw of text.split(/\r?\n/)) {
      this.lineNo++;
      const line = raw.trim();
      if (!line || line[0] === '#' || line[0] === ';') continue;
      const section = SECTION.exec(line);
      if (section) this.section(section[1], section[2]);
      else if (line.startsWith('[') && line.endsWith(']')) {
        this.fail(`Invalid section entry: '${line}'. Please make sure that there are no spaces in the section entry, and that there are no other invalid characters`);
      } else if (this.state === 'hosts') this.hostLine(line);
      else if (this.state === 'vars') this.varLine(line);
      else this.childLine(line);
    }
    for (const [name, p] of this.pending) {
      this.lineNo = p.line;
      if (p.state === 'vars') this.fail(`Section [${name}:vars] not valid for undefined group: ${name}`);
      this.fail(`Section [${p.parents[p.parents.length - 1]}:children] includes undefined group: ${name}`);
    }
  }

  private section(name: string, kind = 'hosts'): void {
    if (!['hosts', 'children', 'vars'].includes(kind)) this.fail(`Section [${name}:${kind}] has unknown type: ${kind}`);
    this.group = name;
    this.state = kind;
    if (!this.builder.hasGroup(name)) {
      if (kind === 'vars' && !this.pending.has(name)) this.pending.set(name, { line: this.lineNo, state: 'vars', parents: [] });
      this.builder.addGroup(name);
    }
    const p = this.pending.get(name);
    if (p && kind !== 'vars') {
      if (p.state === 'children') this.resolvePending(name);
      else this.pending.delete(name);
    }
  }

  private resolvePending(group: string): void {
    const p = this.pending.get(group);
    if (!p) return;
    this.pending.delete(group);
    for (const parent of p.parents) {
      this.builder.addChild(parent, group);
      if (this.pending.get(parent)?.state === 'children') this.resolvePending(parent);
    }
  }

  private hostLine(line: string): void {
    let tokens: string[];
    try {
      tokens = shlexSplit(line);
    } catch (err) {
      this.fail(`Error parsing host definition '${line}': ${(err as Error).message}`);
    }
    if (!tokens.length) return;
    const entry = tokens[0];
    if (entry.trim() === '---') this.fail(`Invalid host pattern '${entry}' supplied, '---' is normally a sign this is a YAML file.`);
    let expanded: { hosts: string[]; port?: number };
    try {
      expanded = expandHostPattern(entry);
    } catch (err) {
      this.fail((err as Error).message);
    }
    if (entry.trim().endsWith(':') && expanded.port === undefined) {
      this.fail(`Invalid host pattern '${entry}' supplied, ending in ':' is not allowed, this character is reserved to provide a port.`);
    }
    const vars: [string, unknown][] = [];
    for (const t of tokens.slice(1)) {
      const eq = t.indexOf('=');
      if (eq < 0) this.fail(`Expected key=value host variable assignment, got: ${t}`, line.indexOf(t) + 1);
      vars.push([t.slice(0, eq), iniValue(t.slice(eq + 1))]);
    }
    for (const host of expanded.hosts) {
      this.builder.addHost(host, this.group);
      if (expanded.port !== undefined) this.builder.setVariable('host', host, 'ansible_port', expanded.port);
      for (const [k, v] of vars) this.builder.setVariable('host', host, k, v);
    }
  }

  private varLine(line: string): void {
    const eq = line.indexOf('=');
    if (eq < 0) this.fail(`Expected key=value, got: ${line}`);
    this.builder.setVariable('group', this.group, line.slice(0, eq).trim(), iniValue(line.slice(eq + 1).trim()));
  }

  private childLine(line: string): void {
    const m = GROUP_NAME.exec(line);
    if (!m) this.fail(`Expected group name, got: ${line}`);
    const child = m[1];
    if (this.builder.hasGroup(child)) {
      this.builder.addChild(this.group, child);
      return;
    }
    const p = this.pending.get(child);
    if (p) p.parents.push(this.group);
    else this.pending.set(child, { line: this.lineNo, state: 'children', parents: [this.group] });
  }
}

export default defineInventory({
  name: 'ini',
  shortDescription: 'Uses an Ansible INI file as inventory source.',
  description: 'Hosts, [group], [group:vars] and [group:children] sections; values are typed as Python literals, as Ansible does.',
  examples: '[web]\nweb[01:03].example.com ansible_port=2222\n\n[web:vars]\nhttp_port=8080\n',
  verify: (source) => isReadableFile(source),
  async parse(source, builder) {
    const text = await readFile(source, 'utf8');
    new IniParser(source, builder).parse(text);
  },
});

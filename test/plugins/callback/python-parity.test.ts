/**
 * The formatting helpers against the Python code Ansible runs, executed for real: json.dumps,
 * difflib.unified_diff, Ansible's own CallbackBase._get_diff and _dump_results, textwrap.wrap and
 * PyYAML with community.general's yaml dumper. One python3 process answers every case.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pyJson } from '../../../plugins/callback/_format/pyjson';
import { unifiedDiff, renderDiff, splitLinesKeepEnds } from '../../../plugins/callback/_format/diff';
import { wrapText as wrap } from '../../../core/callbacks/textwrap';
import { pyYaml } from '../../../plugins/callback/_format/pyyaml';
import { dumpResult } from '../../../plugins/callback/_format/results';
import { Painter } from '../../../plugins/callback/_format/colour';

const PYTHON = String.raw`
import json, sys, difflib, textwrap, yaml
from ansible.plugins.callback import CallbackBase
from ansible_collections.community.general.plugins.callback.yaml import MyDumper
cb = CallbackBase()
out = []
for case in json.load(sys.stdin):
    k, a = case['kind'], case['args']
    if k == 'json':
        out.append(json.dumps(a['value'], indent=a['indent'], sort_keys=True, ensure_ascii=False))
    elif k == 'difflib':
        out.append(''.join(difflib.unified_diff(a['a'], a['b'], fromfile='before', tofile='after', fromfiledate='', tofiledate='', n=3)))
    elif k == 'get_diff':
        out.append(cb._get_diff(a))
    elif k == 'wrap':
        out.append('\n'.join(textwrap.wrap(a['text'], a['width'], drop_whitespace=a['drop'])))
    elif k == 'ansible_yaml':
        from ansible.plugins.callback import _AnsibleCallbackDumper
        out.append(yaml.dump(a['value'], allow_unicode=True, Dumper=_AnsibleCallbackDumper(lossy=True), default_flow_style=False, indent=a['indent']))
    elif k == 'yaml':
        out.append(yaml.dump(a, allow_unicode=True, width=1000, Dumper=MyDumper, default_flow_style=False))
    elif k == 'recap':
        from ansible.utils.color import colorize, hostcolor
        from ansible import constants as C
        t = a['stats']
        out.append('%s : %s %s %s %s %s %s %s' % (hostcolor(a['host'], t), colorize('ok', t['ok'], C.COLOR_OK),
            colorize('changed', t['changed'], C.COLOR_CHANGED), colorize('unreachable', t['unreachable'], C.COLOR_UNREACHABLE),
            colorize('failed', t['failures'], C.COLOR_ERROR), colorize('skipped', t['skipped'], C.COLOR_SKIP),
            colorize('rescued', t['rescued'], C.COLOR_OK), colorize('ignored', t['ignored'], C.COLOR_WARN)))
    elif k == 'dump':
        cb._display.verbosity = a['verbosity']
        out.append(cb._dump_results(a['result']))
json.dump(out, sys.stdout)
`;

interface Case { kind: string; args: any; ours: () => string }

/** The interpreter ansible-playbook runs with (its shebang), not whichever python3 is first on PATH. */
function ansiblePython(): string {
  const which = spawnSync('sh', ['-c', 'command -v ansible-playbook'], { encoding: 'utf8' }).stdout.trim();
  const shebang = readFileSync(which, 'utf8').split('\n')[0];
  return shebang.replace(/^#!\s*/, '').split(/\s+/)[0];
}

function python(cases: Case[], colour = false): string[] {
  const env = { ...process.env, ...(colour ? { ANSIBLE_FORCE_COLOR: '1' } : { ANSIBLE_NOCOLOR: '1' }) };
  const r = spawnSync(ansiblePython(), ['-c', PYTHON], {
    input: JSON.stringify(cases.map(({ kind, args }) => ({ kind, args }))), encoding: 'utf8', env,
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as string[];
}

/** Deterministic pseudo-random lines so diffs exercise many shapes. */
function lines(seed: number, count: number, alphabet: number): string[] {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648);
  return Array.from({ length: count }, () => `line ${next() % alphabet}\n`);
}

const VALUES: unknown[] = [
  { b: 1, a: [1, 2, { z: null, y: true }], c: {}, d: [] },
  { msg: 'tab\there "quoted" back\\slash \u0001 é ✓ 😀', n: -3, f: 0.1, big: 1.5e20, small: 1e-7, mid: 123456789.123 },
  { Zeta: 1, alpha: 2, _under: 3, 'é': 4, '10': 5, '9': 6 },
  [], {}, 'just a string', null, 3.14,
];

const YAML_VALUES: unknown[] = [
  { s: ['yes', 'no', 'null', '~', '0:00:01.5', '2026-01-01', '2026-01-01 10:00:00.1', '123', '0x1f', '1e3', '1.5', '.inf', '<omitted>'] },
  { q: [': x', '- a', '#c', 'a #b', ' lead', 'trail ', "it's", 'é', '', 'a: b', '@at', '`tick', '*star', '!bang', '%pc', 'plain text'] },
  { multi: 'line one\nline two\n', tabs: 'a\tb\nc', nested: { list: [{ a: 1, b: [1, 2] }, []], empty: {} }, t: true, n: null, i: 7, f: 2.5 },
  { cmd: ['false'], delta: '0:00:00.006431', rc: 1, stderr: '', stdout_lines: [] },
];

const WORDS = 'word '.repeat(30).trim();
const LONG_YAML: unknown[] = [
  { msg: WORDS, n: { deep: WORDS, q: `yes ${WORDS}: x`, l: [WORDS, `' ${WORDS} '`] }, ss: 'a  b '.repeat(20) },
  { stdout: 'line one\nline two  \n\tindented\n', list: ['l1\nl2', { k: 'v\nw' }], lead: ' x\ny', cmd: ['false'], e: [], d: {} },
  { results: [{ item: { name: 'alpha' }, changed: true, cmd: ['echo', 'alpha'] }, [1, [2, 3]], []], unicode: 'é ✓ 😀', weird: 'tab\there' },
];

const DIFFS = [
  { before: 'a\nb\nc\n', after: 'a\nB\nc\nd' },
  { before: { k: 1, l: [1, 2] }, after: { k: 2, l: [1, 2, 3] }, before_header: '/etc/x', after_header: '/tmp/y' },
  { before: '', after: 'new\n', prepared: 'PREPARED TEXT\n' },
  { dst_binary: 1 }, { src_larger: 1000 },
  { before: lines(1, 60, 9).join(''), after: lines(2, 60, 9).join('') },
];

const RESULTS = [
  { changed: true, msg: 'done', invocation: { module_args: { a: 1 } }, diff: { before: 'x' }, _ansible_no_log: false, exception: 'Traceback' },
  { _ansible_verbose_always: true, msg: 'shown', nested: { _ansible_x: 1, keep: 2 } },
];

const TEXTS = [
  'Could not match supplied host pattern, ignoring: nosuchgroup-with-a-long-name and-more-words-here to wrap at the edge',
  'A-very-long-hyphenated-word-that-keeps-going-and-going-beyond-the-limit-of-the-line-width-for-sure yes',
  'short',
  'x'.repeat(200),
  '[WARNING]: tabs\tand  double  spaces   are   normalised   the way textwrap does it, with some more words to wrap around',
];

const cases: Case[] = [
  ...VALUES.flatMap((value) => [null, 4, 0, 1].map((indent) => ({ kind: 'json', args: { value, indent }, ours: () => pyJson(value, { indent }) }))),
  ...[[1, 2], [3, 4], [5, 5], [7, 8]].flatMap(([s1, s2]) => [[8, 4], [40, 6], [250, 3]].map(([count, alphabet]) => {
    const [a, b] = [lines(s1, count, alphabet), lines(s2, count + 3, alphabet)];
    return { kind: 'difflib', args: { a, b }, ours: () => unifiedDiff(a, b, 'before', 'after').join('') };
  })),
  ...DIFFS.map((d) => ({ kind: 'get_diff', args: d, ours: () => renderDiff(structuredClone(d) as never, new Painter(false)) })),
  ...TEXTS.flatMap((text) => [79, 20].flatMap((width) => [true, false].map((drop) => (
    { kind: 'wrap', args: { text, width, drop }, ours: () => wrap(text, width, { dropWhitespace: drop }).join('\n') })))),
  ...YAML_VALUES.map((v) => ({ kind: 'yaml', args: v, ours: () => pyYaml(v) })),
  ...LONG_YAML.map((v) => ({ kind: 'yaml', args: v, ours: () => pyYaml(v) })),
  ...[...YAML_VALUES, ...LONG_YAML].flatMap((value) => [4, 2].map((indent) => ({
    kind: 'ansible_yaml', args: { value, indent }, ours: () => pyYaml(value, { indent, width: 80, blocks: 'ansible' }),
  }))),
  ...RESULTS.flatMap((result) => [0, 3].map((verbosity) => (
    { kind: 'dump', args: { result, verbosity }, ours: () => dumpResult(result as never, { verbosity }) }))),
];

describe('formatting helpers match the Python Ansible uses', () => {
  const expected = python(cases);
  test.each(cases.map((c, i) => [`${c.kind} #${i}`, c, i] as const))('%s', (_name, c, i) => {
    expect(c.ours()).toBe(expected[i]);
  });

  const painter = new Painter(true);
  const STATS = [
    { host: 'web1', stats: { ok: 3, changed: 1, unreachable: 0, failures: 0, skipped: 2, rescued: 0, ignored: 1 } },
    { host: 'db.example.com', stats: { ok: 0, changed: 0, unreachable: 1, failures: 0, skipped: 0, rescued: 0, ignored: 0 } },
    { host: 'cache', stats: { ok: 12345, changed: 0, unreachable: 0, failures: 2, skipped: 0, rescued: 1, ignored: 0 } },
    { host: 'quiet', stats: { ok: 1, changed: 0, unreachable: 0, failures: 0, skipped: 0, rescued: 0, ignored: 0 } },
  ];
  const coloured: Case[] = [
    ...DIFFS.slice(0, 3).map((d) => ({ kind: 'get_diff', args: d, ours: () => renderDiff(structuredClone(d) as never, painter) })),
    ...STATS.map(({ host, stats: t }) => ({
      kind: 'recap', args: { host, stats: t },
      ours: () => `${painter.host(host, { ...t, failed: t.failures })} : ${painter.counter('ok', t.ok, 'ok')} ${painter.counter('changed', t.changed, 'changed')} `
        + `${painter.counter('unreachable', t.unreachable, 'unreachable')} ${painter.counter('failed', t.failures, 'error')} `
        + `${painter.counter('skipped', t.skipped, 'skip')} ${painter.counter('rescued', t.rescued, 'ok')} ${painter.counter('ignored', t.ignored, 'warn')}`,
    })),
  ];
  const colouredExpected = python(coloured, true);
  test.each(coloured.map((c, i) => [`coloured ${c.kind} #${i}`, c, i] as const))('%s', (_name, c, i) => {
    expect(c.ours()).toBe(colouredExpected[i]);
  });

  test('splitlines keeps Python\'s line boundaries', () => {
    expect(splitLinesKeepEnds('a\r\nb\rc\u2028d\n')).toEqual(['a\r\n', 'b\r', 'c\u2028', 'd\n']);
  });
});

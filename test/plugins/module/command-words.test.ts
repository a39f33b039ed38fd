import { execFileSync } from 'node:child_process';
import { renderCommandWords } from '../../../plugins/module/_command-words';

/**
 * The command module's words, expanded by the target's sh, against what Ansible's module does to
 * them in Python (os.path.expandvars, then os.path.expanduser) with the same environment.
 */
const ENV = { PATH: '/usr/bin:/bin', HOME: '/home/someone', TS_A: 'alpha', TS_E: '', TS_SP: 'two  words *', TS_Q: "it's \"q\" $TS_A `x`" };

const WORDS = [
  'plain', '$TS_A', '${TS_A}', 'a${TS_A}b', '$TS_A$TS_A', '[$TS_E]', '$TS_SP', '$TS_Q', '$TS_NOPE', '${TS_NOPE}', '$', '$$', '${',
  '${}', '${TS A}', '$1', '$TS_A-x', '$TS_A.x', 'x$', "'$TS_A'", '"$TS_A"', '*', '?', '[a]', 'a b', "it's", '`id`', '$(id)', '\\$TS_A',
  '~', '~/x', '~root', '~root/x/$TS_A', '~nouser-zz/y', 'a~', '~$TS_A', '$HOME/x', 'ünïcode $TS_A', '$PPID', '$IFS', '$__tsible_ref_w0',
];

function python(words: string[]): string[] {
  const code = 'import os,sys,json; print(json.dumps([os.path.expanduser(os.path.expandvars(w)) for w in json.loads(sys.argv[1])]))';
  return JSON.parse(execFileSync('python3', ['-c', code, JSON.stringify(words)], { env: ENV, encoding: 'utf8' }));
}

function shell(words: string[], expand: boolean): string[] {
  const { setup, line } = renderCommandWords(words, expand);
  const script = `${setup.join('\n')}\nexec /usr/bin/printf '%s\\0' ${line}`;
  const out = execFileSync('/bin/sh', ['-c', script], { env: ENV, encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('command module words (expand_argument_vars)', () => {
  test('the target shell expands them as Ansible does, one word each', () => {
    const expected = python(WORDS);
    // Python reads the real environment; sh's own PPID and IFS are not in it, so they stay as written.
    expect(expected[WORDS.indexOf('$PPID')]).toBe('$PPID');
    expect(shell(WORDS, true)).toEqual(expected);
  });

  test('without expansion every word is passed as written', () => {
    expect(shell(WORDS, false)).toEqual(WORDS);
  });
});

import { runPlay } from './harness';

describe('controller-side system modules', () => {
  test('add_host, group_by and set_stats change the inventory and stats as Ansible does', async () => {
    const out = await runPlay(`
- hosts: localhost
  gather_facts: false
  tasks:
    - name: add
      add_host: { name: "newbox:2222", groups: "web,db", color: blue }
    - name: group
      group_by: { key: "os Linux", parents: [linux] }
    - name: stats
      set_stats: { data: { deployed: 3 } }
    - name: bad stats
      set_stats: { data: { "1bad": 3 } }
      ignore_errors: true
- hosts: web
  gather_facts: false
  tasks:
    - name: show
      debug: { msg: "{{ inventory_hostname }} {{ color }} {{ ansible_ssh_port }} {{ groups['os-Linux'] }}" }
      delegate_to: localhost
`);
    expect(out.r('add')).toMatchObject({ changed: true, add_host: { host_name: 'newbox', groups: ['web', 'db'], host_vars: { color: 'blue', ansible_ssh_port: 2222 } } });
    expect(out.r('group')).toMatchObject({ changed: true, add_group: 'os-Linux', parent_groups: ['linux'] });
    expect(out.r('stats')).toMatchObject({ changed: false, ansible_stats: { data: { deployed: 3 }, per_host: false, aggregate: true } });
    expect(out.r('bad stats')).toMatchObject({ _status: 'failed' });
    expect(out.r('show').msg).toBe("newbox blue 2222 ['localhost']");
  });

  test('include_vars: file, name, dir with depth/files_matching/ignore_files, merge and errors', async () => {
    const out = await runPlay(`
- hosts: localhost
  gather_facts: false
  vars: { nested: { keep: 1, over: 1 } }
  tasks:
    - name: file
      include_vars: extra.yml
    - name: named
      include_vars: { file: extra.yml, name: bundle }
    - name: dir
      include_vars: { dir: conf, ignore_files: [skip.yml], extensions: [yml], ignore_unknown_extensions: true }
    - name: shallow
      include_vars: { dir: conf, depth: 1, files_matching: "^a", name: shallow, ignore_files: [skip.yml] }
    - name: merge
      include_vars: { file: nested.yml, hash_behaviour: merge }
    - name: notdict
      include_vars: list.yml
      ignore_errors: true
    - name: badext
      include_vars: { dir: conf }
      ignore_errors: true
    - name: show
      debug: { msg: "{{ from_extra }} {{ bundle.from_extra }} {{ a }} {{ b }} {{ deep }} {{ shallow }} {{ nested }}" }
`, { files: {
      'vars/extra.yml': 'from_extra: 42\n', 'conf/a.yml': 'a: 1\nb: 1\n', 'conf/b.yml': 'b: 2\n', 'conf/skip.yml': 'a: 99\n',
      'conf/sub/deep.yml': 'deep: yes\n', 'conf/notes.txt': 'x', 'nested.yml': 'nested: { over: 2 }\n', 'list.yml': '- 1\n- 2\n',
    } });
    expect(out.r('file').ansible_facts).toEqual({ from_extra: 42 });
    expect(String((out.r('file').ansible_included_var_files as string[])[0])).toMatch(/vars\/extra\.yml$/);
    expect(out.r('named').ansible_facts).toEqual({ bundle: { from_extra: 42 } });
    expect((out.r('dir').ansible_included_var_files as string[]).map((f) => f.replace(/.*\/conf\//, ''))).toEqual(['a.yml', 'b.yml', 'sub/deep.yml']);
    expect(out.r('shallow').ansible_facts).toEqual({ shallow: { a: 1, b: 1 } });
    expect(out.r('merge').ansible_facts).toEqual({ nested: { keep: 1, over: 2 } });
    expect(String(out.r('notdict').message)).toMatch(/list\.yml must be stored as a dictionary\/hash$/);
    expect(String(out.r('badext').message)).toMatch(/notes\.txt does not have a valid extension: json, yaml, yml$/);
    expect(out.r('show').msg).toBe("42 42 1 2 True {'a': 1, 'b': 1} {'keep': 1, 'over': 2}");
  });

  test('pause waits the given seconds and reports like Ansible; a prompt without a terminal does not wait', async () => {
    const started = Date.now();
    const out = await runPlay(`
- hosts: localhost
  gather_facts: false
  tasks:
    - name: wait
      pause: { seconds: 1 }
    - name: prompt
      pause: { prompt: "Continue?" }
`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(out.r('wait')).toMatchObject({ changed: false, rc: 0, delta: 1, echo: true, user_input: '' });
    expect(String(out.r('wait').stdout)).toMatch(/^Paused for 1\.0\d? seconds$/);
    expect(out.r('prompt').warnings).toEqual(['Not waiting for response to prompt as stdin is not interactive']);
  });
});

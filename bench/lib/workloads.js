'use strict';
/**
 * Writes the benchmark's playbooks, inventories and files into a temp directory at run time, so no
 * large generated tree is committed. The same YAML runs under tsible-playbook and ansible-playbook.
 */
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

/** Every remote path lives under this directory in the target user's home. */
const REMOTE_ROOT_NAME = 'bench';

function hostName(i) {
  return `h${String(i + 1).padStart(3, '0')}`;
}

/** One INI inventory per host count; connection settings are identical for both tools. */
function writeInventory(dir, fx, n) {
  const lines = ['[bench]'];
  for (let i = 0; i < n; i++) lines.push(`${hostName(i)} ansible_host=${fx.hosts[i]}`);
  lines.push('', '[bench:vars]',
    `ansible_port=${fx.port}`,
    `ansible_user=${fx.user}`,
    `ansible_ssh_private_key_file=${fx.keys.ed25519}`,
    `ansible_ssh_common_args="-o UserKnownHostsFile=${fx.knownHosts}"`,
    'ansible_python_interpreter=/usr/bin/python3', '');
  const file = join(dir, `inventory-${n}.ini`);
  writeFileSync(file, lines.join('\n'));
  return file;
}

const TEN_TASKS = `
    - name: directory
      file: { path: "{{ base }}", state: directory, mode: "0755" }
    - name: copy a small file
      copy: { src: files/small.txt, dest: "{{ base }}/small.txt", mode: "0644" }
    - name: template a config
      template: { src: templates/app.conf.j2, dest: "{{ base }}/app.conf", mode: "0644" }
    - name: ensure a line
      lineinfile: { path: "{{ base }}/lines.conf", line: "option=on", create: true, mode: "0644" }
    - name: stat the copy
      stat: { path: "{{ base }}/small.txt" }
      register: st
    - name: command
      command: uname -r
      changed_when: false
    - name: shell
      shell: wc -c < {{ base }}/small.txt
      changed_when: false
    - name: assert
      assert: { that: ["st.stat.exists", "st.stat.size > 0"] }
    - name: set_fact
      set_fact: { small_size: "{{ st.stat.size }}" }
    - name: debug
      debug: { msg: "small.txt has {{ small_size }} bytes" }
`;

function play(home, { facts = false, hosts = 'bench' } = {}) {
  return `- hosts: ${hosts}\n  gather_facts: ${facts}\n  vars:\n    base: "${home}/${REMOTE_ROOT_NAME}/{{ inventory_hostname }}"\n  tasks:`;
}

/** (c): 200 tasks cycling through command, file, stat and set_fact. */
function twoHundredTasks() {
  const out = [];
  for (let i = 0; i < 200; i++) {
    const kind = i % 4;
    if (kind === 0) out.push(`    - name: command ${i}\n      command: echo ${i}\n      changed_when: false`);
    if (kind === 1) out.push(`    - name: file ${i}\n      file: { path: "{{ base }}/d${i % 10}", state: directory }`);
    if (kind === 2) out.push(`    - name: stat ${i}\n      stat: { path: "{{ base }}/d${(i - 1) % 10}" }`);
    if (kind === 3) out.push(`    - name: set_fact ${i}\n      set_fact: { value_${i}: "${i}" }`);
  }
  return out.join('\n');
}

function templateText() {
  const lines = ['# generated for {{ inventory_hostname }}', '[main]', 'host = {{ inventory_hostname }}',
    'address = {{ ansible_host }}', 'workers = {{ 4 * 2 }}'];
  for (let i = 0; i < 25; i++) lines.push(`key_${i} = {{ "value-%02d" | format(${i}) }}`);
  lines.push('{% for port in [80, 443, 8080] %}listen = {{ port }}', '{% endfor %}');
  return `${lines.join('\n')}\n`;
}

function writeTree(dir) {
  for (let d = 0; d < 10; d++) {
    mkdirSync(join(dir, 'files', 'tree', `dir${d}`), { recursive: true });
    for (let f = 0; f < 10; f++) {
      writeFileSync(join(dir, 'files', 'tree', `dir${d}`, `file${f}.txt`), `${d}/${f} `.repeat(128));
    }
  }
}

/** Writes everything; returns the playbook paths by workload id. */
function writeWorkloads(dir, home) {
  mkdirSync(join(dir, 'files'), { recursive: true });
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'files', 'small.txt'), 'tsible bench line\n'.repeat(230)); // about 4 KiB
  writeFileSync(join(dir, 'templates', 'app.conf.j2'), templateText());
  writeTree(dir);
  const books = {
    a: `${play(home)}${TEN_TASKS}`,
    b: `${play(home, { facts: true })}\n    - debug: { msg: "{{ ansible_facts.distribution }}" }\n`,
    c: `${play(home)}\n    - file: { path: "{{ base }}", state: directory }\n${twoHundredTasks()}\n`,
    d: `${play(home)}\n    - command: echo {{ item }}\n      loop: "{{ range(500) | list }}"\n      changed_when: false\n`,
    e: `${play(home)}\n    - file: { path: "{{ base }}", state: directory }\n    - copy: { src: files/tree/, dest: "{{ base }}/tree/" }\n`,
    g: '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - debug: { msg: hello }\n',
  };
  const paths = {};
  for (const [id, text] of Object.entries(books)) {
    paths[id] = join(dir, `workload-${id}.yml`);
    writeFileSync(paths[id], text);
  }
  writeFileSync(join(dir, 'inventory-local.ini'), 'localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n');
  return paths;
}

module.exports = { writeInventory, writeWorkloads, hostName, REMOTE_ROOT_NAME };

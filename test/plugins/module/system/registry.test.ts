import { createKernel } from 'tsible';
import { cleanEnv, tempProject } from '../../../helpers/tmp';

const MODULES = ['raw', 'script', 'user', 'group', 'service', 'systemd', 'sysvinit', 'package', 'apt', 'dnf', 'yum', 'pip', 'git', 'cron',
  'hostname', 'known_hosts', 'authorized_key', 'sysctl', 'mount', 'get_url', 'uri', 'wait_for', 'wait_for_connection', 'pause', 'reboot',
  'include_vars', 'add_host', 'group_by', 'set_stats', 'async_status', 'setup', 'gather_facts'];

describe('system modules are discovered as built-ins', () => {
  test('each resolves by its short and ansible.builtin names with a description', async () => {
    const p = tempProject();
    try {
      const kernel = await createKernel({ cwd: p.dir, env: cleanEnv(), configFile: false });
      for (const name of MODULES) {
        const def = await kernel.resolve('module', name);
        expect({ name, kind: def.kind, described: Boolean(def.shortDescription) }).toEqual({ name, kind: 'module', described: true });
        expect(def.name).toBe(name);
      }
      expect((await kernel.resolve('module', 'ansible.builtin.user')).name).toBe('user');
      await kernel.dispose();
    } finally {
      p.cleanup();
    }
  });
});

import { cosmiconfig } from 'cosmiconfig';
import { loadConfig } from 'tsible';
import { CONFIG_SEARCH_PLACES } from '../../../core/config/load-config';
import { mayFindTsibleConfig } from '../../../core/config/config-probe';
import { cleanEnv, tempProject } from '../../helpers/tmp';

const noSystem = { ansibleSystemDir: '/nonexistent', home: '/nonexistent' };

describe('the cheap check before cosmiconfig', () => {
  test('says no only when cosmiconfig would find nothing', async () => {
    const p = tempProject({
      'proj/package.json': '{"name":"p","version":"1.0.0"}',
      'proj/sub/dir/.keep': '',
      'tagged/package.json': '{"name":"t","tsible":{"forks":3}}',
      'tagged/sub/.keep': '',
      'broken/package.json': '{ not json',
      'empty/package.json': '  \n',
      'rc/.tsiblerc': 'forks: 2\n',
      'rc/proj/package.json': '{"name":"inner"}',
      'rcparent/.tsiblerc.json': '{"forks": 2}',
      'rcparent/child/.keep': '',
    });
    const probe = (rel: string, processCwd = p.dir) => mayFindTsibleConfig(`${p.dir}/${rel}`, CONFIG_SEARCH_PLACES, processCwd);
    try {
      // Where the probe says no, cosmiconfig itself finds nothing (and where it finds something, the probe says yes).
      const explorer = cosmiconfig('tsible', { searchPlaces: CONFIG_SEARCH_PLACES, searchStrategy: 'project', cache: false,
        loaders: { '.ts': () => ({}), '.js': () => ({}), '.mjs': () => ({}), '.cjs': () => ({}) } });
      for (const rel of ['proj/sub/dir', 'tagged/sub', 'empty', 'rc/proj', 'rcparent/child']) {
        const found = await explorer.search(`${p.dir}/${rel}`);
        expect([rel, mayFindTsibleConfig(`${p.dir}/${rel}`, CONFIG_SEARCH_PLACES)]).toEqual([rel, found !== null]);
      }
      expect(probe('proj/sub/dir')).toBe(false); // stops at the project's package.json
      expect(probe('tagged/sub')).toBe(true); // a "tsible" key
      expect(probe('broken')).toBe(true); // cosmiconfig reports the parse error
      expect(probe('empty')).toBe(false);
      expect(probe('rc/proj')).toBe(false); // the search stops at proj/ before reaching rc/.tsiblerc
      expect(probe('rcparent/child')).toBe(true); // no package.json: the search goes on upward
      // cosmiconfig's meta-configuration in the process's working directory changes where it looks
      p.write('meta/.config/config.yml', 'cosmiconfig:\n  searchPlaces: [other.yml]\n');
      expect(probe('proj/sub/dir', `${p.dir}/meta`)).toBe(true);
      p.write('meta2/package.json', '{"cosmiconfig":{"searchPlaces":["x.json"]}}');
      expect(probe('proj/sub/dir', `${p.dir}/meta2`)).toBe(true);
    } finally {
      p.cleanup();
    }
  });

  test('a project without a tsible config never loads cosmiconfig', async () => {
    const p = tempProject({ 'package.json': '{"name":"p","version":"1.0.0"}', 'sub/.keep': '' });
    try {
      jest.resetModules();
      jest.doMock('cosmiconfig', () => {
        throw new Error('cosmiconfig must not be loaded');
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fresh = require('../../../core/config/load-config') as typeof import('../../../core/config/load-config');
      const c = await fresh.loadConfig({ cwd: `${p.dir}/sub`, env: cleanEnv(), ...noSystem });
      expect(c.configFile).toBeUndefined();
      expect(c.origin('forks')).toMatchObject({ source: 'default' });
      p.write('sub/.tsiblerc.yml', 'forks: 9\n');
      await expect(fresh.loadConfig({ cwd: `${p.dir}/sub`, env: cleanEnv(), ...noSystem })).rejects.toThrow(/cosmiconfig must not be loaded/);
    } finally {
      jest.dontMock('cosmiconfig');
      p.cleanup();
    }
  });

  test('a config that exists is still found and read by cosmiconfig', async () => {
    const p = tempProject({ 'package.json': '{"name":"p","version":"1.0.0"}', '.tsiblerc.yml': 'forks: 9\n', 'sub/.keep': '' });
    try {
      const c = await loadConfig({ cwd: `${p.dir}/sub`, env: cleanEnv(), ...noSystem });
      expect(c.origin('forks')).toMatchObject({ value: 9, source: 'config', detail: `${p.dir}/.tsiblerc.yml` });
    } finally {
      p.cleanup();
    }
  });
});

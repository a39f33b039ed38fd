import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTasks, targetDir } from './_harness';

// `environment: PATH` with only some tools makes a target that lacks sha1sum/shasum/openssl,
// base64 and zip.
const TOOLS = ['stat', 'cut', 'tr', 'readlink', 'mkdir', 'mv', 'chmod', 'cat', 'dirname', 'date', 'cp', 'rm', 'od', 'tar', 'gzip'];

describe('a target without the tools a module needs', () => {
  test('fails with a message naming them', async () => {
    const t = targetDir('local');
    const bin = mkdtempSync(join(tmpdir(), 'tsible-bin-'));
    try {
      for (const tool of TOOLS) symlinkSync(`/usr/bin/${tool}`, join(bin, tool));
      writeFileSync(join(t.dir, 'f'), 'x\n');
      const run = await runTasks('local', `
    - name: restricted PATH
      environment: { PATH: "{{ bin }}" }
      block:
        - name: copy
          copy: { content: "x", dest: "{{ work }}/f" }
          ignore_errors: true
        - name: slurp
          slurp: { src: "{{ work }}/f" }
          ignore_errors: true
        - name: zip
          archive: { path: "{{ work }}/f", dest: "{{ work }}/f.zip", format: zip }
          ignore_errors: true
`, { extraVars: { work: t.dir, bin } });
      expect(run.task('copy').result.msg).toBe('the target has no checksum tool (sha1sum/sha256sum/md5sum, shasum or openssl)');
      expect(run.task('slurp').result.msg).toBe('the target has no base64 or openssl to read files');
      expect(run.task('zip').result.msg).toBe('the target has no zip, unzip (needed for format=zip)');
    } finally {
      rmSync(bin, { recursive: true, force: true });
      t.cleanup();
    }
  });
});

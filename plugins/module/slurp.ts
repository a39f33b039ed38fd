import { defineModule } from 'tsible';
import { expandPathArgs } from './_files/path-args.js';
import { statOf } from './_files/probe.js';
import { runScript } from './_files/remote.js';
import { probeCall } from './_files/shell-lib.js';

/** Returns a remote file's content base64-encoded (read with `base64` on the target, one round trip). */
export default defineModule<{ src: string }>({
  name: 'slurp',
  shortDescription: 'Slurps a file from remote nodes',
  options: {
    src: { type: 'path', required: true, aliases: ['path'], description: 'The file on the remote system to fetch. This must be a file, not a directory.' },
  },
  returns: { content: 'Encoded file content.', encoding: 'Type of encoding used for file (base64).', source: 'Actual path of file slurped.' },
  checkMode: 'full',
  async run(ctx) {
    await expandPathArgs(ctx, ['src']);
    const { src } = ctx.args;
    const run = await runScript(ctx, probeCall('s', src, ctx.quote, { follow: true, content: true }));
    const st = statOf(run, 's');
    if (!st.exists) return { failed: true, changed: false, msg: `file not found: ${src}` };
    if (st.type === 'directory') return { failed: true, changed: false, msg: `source is a directory and must be a file: ${src}` };
    if (!st.readable || !st.content) return { failed: true, changed: false, msg: `file is not readable: ${src}` };
    return { changed: false, content: st.content.toString('base64'), encoding: 'base64', source: src };
  },
});

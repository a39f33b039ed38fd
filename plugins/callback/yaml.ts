import { defineCallback, type CallbackContext, type ModuleResult } from 'tsible';
import { DefaultOutput } from './_format/default-output.js';
import { abridgeResult } from './_format/results.js';
import { pyYaml } from './_format/pyyaml.js';
import { pyJson } from './_format/pyjson.js';

/** The default layout with results as readable YAML (community.general.yaml). */
class YamlOutput extends DefaultOutput {
  constructor(ctx: CallbackContext) {
    super(ctx);
  }

  protected override dump(result: ModuleResult): string {
    if (result._ansible_no_log === true) {
      return pyJson({ censored: "The output has been hidden due to the fact that 'no_log: true' was specified for this result" });
    }
    const r = abridgeResult(result, this.ctx.verbosity);
    let dumped = '';
    for (const key of ['changed', 'skipped']) {
      if (!(key in r)) continue;
      dumped += `${key}=${String(Boolean(r[key])).toLowerCase()} `;
      delete r[key];
    }
    if ('stdout' in r && 'stdout_lines' in r) r.stdout_lines = '<omitted>';
    if ('stderr' in r && 'stderr_lines' in r) r.stderr_lines = '<omitted>';
    if (Object.keys(r).length) dumped += `\n${pyYaml(r)}`;
    return dumped.split('\n').join('\n  ').trimEnd();
  }
}

export default defineCallback({
  name: 'yaml',
  callbackType: 'stdout',
  shortDescription: 'The default layout with results as YAML (community.general.yaml)',
  create: (ctx) => new YamlOutput(ctx),
});

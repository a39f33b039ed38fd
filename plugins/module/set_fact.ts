import { defineModule } from 'tsible';

/** Sets host variables; the engine stores them above play vars (and as facts when cacheable). */
export default defineModule<Record<string, unknown>>({
  name: 'set_fact',
  shortDescription: 'Set host variable(s) and fact(s)',
  checkMode: 'full',
  controllerOnly: true,
  async run(ctx) {
    const { cacheable: _cacheable, _raw_params: raw, ...facts } = ctx.args;
    if (raw !== undefined) return { failed: true, msg: `set_fact takes key=value arguments, got: ${String(raw)}` };
    if (!Object.keys(facts).length) return { failed: true, msg: 'No key/value pairs provided, at least one is required for this action to succeed' };
    for (const key of Object.keys(facts)) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return { failed: true, msg: `The variable name '${key}' is not valid. Variables must start with a letter or underscore character, and contain only letters, numbers and underscores.` };
    }
    return { changed: false, ansible_facts: facts };
  },
});

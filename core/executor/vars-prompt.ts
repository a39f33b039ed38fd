import { TsibleError } from '../errors.js';
import type { PlayNode } from '../playbook/model.js';
import type { Vars } from '../vars.js';
import { UnsafeText } from '../values.js';
import { locationOf } from '../yaml/load.js';
import type { RunOptions } from './run.js';
import type { VarsPromptEvent } from '../events.js';

/**
 * vars_prompt: a variable given with -e is not asked for (as in Ansible); otherwise the run's
 * prompt function asks, and without one (no terminal) the run stops with a clear error.
 */
export async function answerVarsPrompt(play: PlayNode, extraVars: Vars, run: RunOptions,
  emit?: (event: VarsPromptEvent) => Promise<void>): Promise<Vars> {
  const answers: Vars = {};
  for (const q of play.varsPrompt) {
    const name = String(q.name ?? '');
    if (!name) throw new TsibleError('TSIBLE_PARSE', "each vars_prompt entry needs a 'name'", { loc: locationOf(q), exitCode: 4 });
    if (name in extraVars) continue;
    await emit?.({ name, prompt: String(q.prompt ?? name), private: q.private !== false, confirm: q.confirm === true,
      default: q.default === undefined || q.default === null ? undefined : String(q.default), unsafe: q.unsafe === true });
    if (!run.prompt) {
      throw new TsibleError('TSIBLE_USAGE', `vars_prompt '${name}' needs an answer, but there is no terminal to ask on; pass it with -e ${name}=VALUE`,
        { loc: locationOf(q), exitCode: 1 });
    }
    const question = { name, prompt: String(q.prompt ?? name), private: q.private !== false,
      default: q.default === undefined || q.default === null ? undefined : String(q.default) };
    let value = await run.prompt(question);
    if (value === '' && question.default !== undefined) value = question.default;
    if (q.confirm === true) {
      const again = await run.prompt({ ...question, prompt: `confirm ${question.prompt}` });
      if (again !== value) throw new TsibleError('TSIBLE_USAGE', `the values entered for '${name}' did not match`, { exitCode: 1 });
    }
    answers[name] = q.unsafe === true ? new UnsafeText(value) : value;
  }
  return answers;
}

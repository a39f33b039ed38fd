import type { Kernel } from '../../../core/kernel.js';
import type { Vars } from '../../../core/vars.js';

type Fns = { evaluate: (e: string, v: Vars) => Promise<unknown>; template: (s: string, v: Vars) => Promise<unknown> };

/** Templating for inventory tests through the project's Templar. */
export async function buildTemplateFns(kernel: Kernel): Promise<Fns> {
  const path = '../../../core/template/templar.js';
  try {
    const mod = (await import(path)) as { buildTemplar(k: Kernel): unknown };
    const templar = (await mod.buildTemplar(kernel)) as { evaluate(e: string, v: Vars): unknown; template(s: string, v: Vars): unknown };
    return {
      evaluate: async (e, v) => templar.evaluate(e, v),
      template: async (s, v) => templar.template(s, v),
    };
  } catch {
    const missing = async (): Promise<never> => {
      throw new Error('the templar (core/template/templar.ts) is not available yet');
    };
    return { evaluate: missing, template: missing };
  }
}

import type { Kernel } from '../kernel.js';
import type { OptionsSchema } from '../options.js';
import type { InheritedKeywords, PlayNode, TaskNode } from '../playbook/model.js';
import type { ModuleDefinition } from '../../plugins/module/types.js';
import { conditionsOf, effectiveKeywords } from './task-keywords.js';
import { compileArgSpec, type ArgSpec } from './validate-args.js';

/** The task's module as every call of it needs it. */
export interface PlannedModule {
  def: ModuleDefinition;
  spec: ArgSpec;
  /** Action groups of the task's action (for `module_defaults: { group/<name>: … }`). */
  groups: string[];
}

/** Argument specs by schema, kept by the executor for its run (schemas are fixed once loaded). */
export type ArgSpecCache = WeakMap<OptionsSchema, ArgSpec>;

/**
 * What stays the same for every host, loop item and retry of one task, worked out once when the
 * task is dispatched: the inherited keywords (before templating), the `when` conditions and the
 * resolved module with its indexed argument spec. A new plan per dispatch, so a plugin registered
 * later in the run (a role's library/) is seen by the tasks that run after it.
 */
export class TaskPlan {
  readonly keywords: InheritedKeywords;
  /** Every `when` that applies (enclosing blocks' first). */
  readonly conditions: unknown[];
  private resolved?: Promise<PlannedModule>;

  constructor(private readonly kernel: Kernel, private readonly specs: ArgSpecCache,
    readonly play: PlayNode | undefined, readonly task: TaskNode) {
    this.keywords = effectiveKeywords(play, task);
    this.conditions = conditionsOf(task);
  }

  module(): Promise<PlannedModule> {
    if (!this.resolved) {
      const pending = this.resolveModule();
      // A failed lookup is retried on the next call, as it was when every item resolved its module.
      pending.catch(() => {
        if (this.resolved === pending) this.resolved = undefined;
      });
      this.resolved = pending;
    }
    return this.resolved;
  }

  private async resolveModule(): Promise<PlannedModule> {
    const { action } = this.task;
    const def: ModuleDefinition = await this.kernel.resolve('module', action);
    return { def, spec: this.specOf(def), groups: this.kernel.actionGroupsOf(action) };
  }

  private specOf(def: ModuleDefinition): ArgSpec {
    if (!def.options) return compileArgSpec(def.name, undefined, def.freeForm);
    let spec = this.specs.get(def.options);
    // The same schema object may serve two names (an alias module); the spec names the module.
    if (!spec || spec.module !== def.name || spec.freeForm !== def.freeForm) {
      spec = compileArgSpec(def.name, def.options, def.freeForm);
      this.specs.set(def.options, spec);
    }
    return spec;
  }
}

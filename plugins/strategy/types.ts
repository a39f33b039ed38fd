import type { Logger, OptionsSchema, PlayView, PluginMeta } from 'tsible';

/**
 * What a strategy drives. The engine owns blocks, rescue/always, handlers and includes; a strategy
 * only decides in which order hosts walk through them and how many run at once.
 */
export interface StrategyContext {
  play: PlayView;
  /** Hosts of the current serial batch, in inventory order. */
  hosts: readonly string[];
  forks: number;
  /**
   * Walks the play's task tree for the given hosts together (lock-step: every host finishes a
   * task before any starts the next). Resolves when all of them are done with the play.
   */
  runLockstep(hosts: readonly string[]): Promise<void>;
  /** Walks the task tree for one host on its own, as fast as it can go. */
  runHost(host: string): Promise<void>;
  log: Logger;
}

export interface StrategyDefinition extends PluginMeta {
  kind: 'strategy';
  name: string;
  options?: OptionsSchema;
  run(ctx: StrategyContext): Promise<void>;
}

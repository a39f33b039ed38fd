import type { SourceLocation } from '../errors.js';
import type { Vars } from '../vars.js';

/** Keywords that a play, block or task may set and that children inherit. */
export interface InheritedKeywords {
  become?: unknown;
  become_user?: unknown;
  become_method?: unknown;
  become_flags?: unknown;
  become_exe?: unknown;
  connection?: unknown;
  remote_user?: unknown;
  port?: unknown;
  environment?: unknown;
  ignore_errors?: unknown;
  ignore_unreachable?: unknown;
  check_mode?: unknown;
  diff?: unknown;
  no_log?: unknown;
  any_errors_fatal?: unknown;
  run_once?: unknown;
  throttle?: unknown;
  timeout?: unknown;
  module_defaults?: unknown;
  collections?: unknown;
  delegate_to?: unknown;
  delegate_facts?: unknown;
  debugger?: unknown;
}

export interface RoleRef {
  name: string;
  path: string;
  /** Role defaults (lowest precedence) and vars (high precedence). */
  defaults: Vars;
  vars: Vars;
  params: Vars;
}

interface NodeBase {
  uuid: string;
  loc?: SourceLocation;
  keywords: InheritedKeywords;
  /** Conditions of this node only; the engine ANDs the chain from the play down. */
  when: unknown[];
  tags: string[];
  vars: Vars;
  role?: RoleRef;
  parent?: BlockNode;
}

export interface TaskNode extends NodeBase {
  kind: 'task';
  name?: string;
  /** Module (or action plugin) name as written: `copy`, `ansible.builtin.copy`. */
  action: string;
  args: Vars;
  register?: string;
  loop?: unknown;
  /** `with_<lookup>` name when the loop came from with_*. */
  loopLookup?: string;
  loopControl?: Vars;
  until?: unknown;
  retries?: unknown;
  delay?: unknown;
  failedWhen?: unknown;
  changedWhen?: unknown;
  notify: string[];
  /** Handler topics this handler listens to (handlers only). */
  listen: string[];
  isHandler: boolean;
  async?: unknown;
  poll?: unknown;
  /** Set on tasks the engine adds itself (fact gathering). */
  implicit?: boolean;
  /** Raw data, kept for keywords not modelled yet and for error messages. */
  raw: Vars;
}

export interface BlockNode extends NodeBase {
  kind: 'block';
  name?: string;
  block: Array<TaskNode | BlockNode>;
  rescue: Array<TaskNode | BlockNode>;
  always: Array<TaskNode | BlockNode>;
}

export type PlayItem = TaskNode | BlockNode;

export interface PlayNode {
  uuid: string;
  name: string;
  hosts: string;
  loc?: SourceLocation;
  file: string;
  dir: string;
  keywords: InheritedKeywords;
  vars: Vars;
  varsFiles: unknown[];
  varsPrompt: Vars[];
  gatherFacts?: unknown;
  gatherSubset?: unknown;
  serial?: unknown;
  maxFailPercentage?: unknown;
  strategy?: string;
  order?: string;
  forceHandlers?: boolean;
  tags: string[];
  when: unknown[];
  preTasks: PlayItem[];
  roles: RoleRef[];
  /** Role tasks compiled into blocks, run between pre_tasks and tasks. */
  roleTasks: PlayItem[];
  tasks: PlayItem[];
  postTasks: PlayItem[];
  handlers: TaskNode[];
  raw: Vars;
}

export interface PlaybookNode {
  file: string;
  /** The path as the user gave it (for messages such as "1 plays in site.yml"). */
  name?: string;
  plays: PlayNode[];
}

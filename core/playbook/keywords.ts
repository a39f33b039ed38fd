/** Task keywords (everything else in a task mapping is the module and its arguments). */
export const TASK_KEYWORDS = new Set([
  'name', 'action', 'local_action', 'args', 'async', 'poll', 'become', 'become_user', 'become_method',
  'become_flags', 'become_exe', 'changed_when', 'check_mode', 'collections', 'connection', 'debugger', 'delay',
  'delegate_facts', 'delegate_to', 'diff', 'environment', 'failed_when', 'ignore_errors', 'ignore_unreachable',
  'loop', 'loop_control', 'module_defaults', 'no_log', 'notify', 'port', 'register', 'remote_user', 'retries',
  'run_once', 'tags', 'throttle', 'timeout', 'until', 'vars', 'when', 'listen', 'any_errors_fatal',
]);

export const BLOCK_KEYWORDS = new Set([
  'name', 'block', 'rescue', 'always', 'become', 'become_user', 'become_method', 'become_flags', 'become_exe',
  'check_mode', 'collections', 'connection', 'debugger', 'delegate_facts', 'delegate_to', 'diff', 'environment',
  'ignore_errors', 'ignore_unreachable', 'module_defaults', 'no_log', 'port', 'remote_user', 'run_once', 'tags',
  'throttle', 'timeout', 'vars', 'when', 'any_errors_fatal', 'notify',
]);

export const PLAY_KEYWORDS = new Set([
  'name', 'hosts', 'vars', 'vars_files', 'vars_prompt', 'pre_tasks', 'roles', 'tasks', 'post_tasks', 'handlers',
  'gather_facts', 'gather_subset', 'gather_timeout', 'fact_path', 'serial', 'max_fail_percentage', 'any_errors_fatal',
  'ignore_unreachable', 'ignore_errors', 'order', 'strategy', 'throttle', 'run_once', 'force_handlers',
  'environment', 'become', 'become_user', 'become_method', 'become_flags', 'become_exe', 'connection', 'remote_user',
  'port', 'check_mode', 'diff', 'tags', 'module_defaults', 'collections', 'no_log', 'debugger', 'timeout',
  'when',
]);

/** Keywords that pass from play to block to task (the child's own value wins). */
export const INHERITED = [
  'become', 'become_user', 'become_method', 'become_flags', 'become_exe', 'connection', 'remote_user', 'port',
  'environment', 'ignore_errors', 'ignore_unreachable', 'check_mode', 'diff', 'no_log', 'any_errors_fatal',
  'run_once', 'throttle', 'timeout', 'module_defaults', 'collections', 'delegate_to', 'delegate_facts', 'debugger',
] as const;

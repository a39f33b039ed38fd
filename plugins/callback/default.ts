import { defineCallback } from 'tsible';
import { DefaultOutput } from './_format/default-output.js';

/** Ansible's default screen output, line for line (see docs/output.md). */
export default defineCallback({
  name: 'default',
  callbackType: 'stdout',
  shortDescription: 'Ansible\'s default screen output',
  description: 'PLAY and TASK banners, one line per host result, `=> {json}` on failures and with -v, and the PLAY RECAP.',
  options: {
    display_skipped_hosts: { type: 'bool', description: 'Show `skipping:` lines (default: the display_skipped_hosts setting, true).' },
    display_ok_hosts: { type: 'bool', description: 'Show `ok:` lines (default: the display_ok_hosts setting, true).' },
    display_failed_stderr: { type: 'bool', default: false, description: 'Write failures and unreachable hosts to stderr.' },
    show_custom_stats: { type: 'bool', description: 'Print set_stats data after the recap (default: the show_custom_stats setting).' },
    show_per_host_start: { type: 'bool', default: false, description: 'Print a line when a task starts on a host.' },
    check_mode_markers: { type: 'bool', default: false, description: 'Mark banners with [CHECK MODE] and print DRY RUN in check mode.' },
    show_task_path_on_failure: { type: 'bool', default: false, description: 'Print the task\'s file:line before a failure.' },
    pretty_results: { type: 'bool', description: 'Indent every result dump (true) or never (false).' },
    result_format: { type: 'str', default: 'json', choices: ['json', 'yaml'], description: 'How results after `=>` are written.' },
    error_format: { type: 'str', default: 'json', choices: ['json', 'human', 'auto'],
      description: 'json: failures as Ansible prints them; human: msg, rc, stderr and stdout as text; auto: human on a terminal.' },
  },
  optionEnv: {
    display_failed_stderr: ['ANSIBLE_DISPLAY_FAILED_STDERR'],
    show_per_host_start: ['ANSIBLE_SHOW_PER_HOST_START'],
    check_mode_markers: ['ANSIBLE_CHECK_MODE_MARKERS'],
    show_task_path_on_failure: ['ANSIBLE_SHOW_TASK_PATH_ON_FAILURE'],
    pretty_results: ['ANSIBLE_CALLBACK_FORMAT_PRETTY'],
    result_format: ['ANSIBLE_CALLBACK_RESULT_FORMAT'],
    error_format: ['TSIBLE_ERROR_FORMAT'],
  },
  create: (ctx) => new DefaultOutput(ctx),
});

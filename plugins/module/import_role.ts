import includeRole from './include_role.js';

/**
 * import_role is expanded when the playbook is parsed (static, as in Ansible), so this definition
 * only documents its arguments (`tsible doc import_role`); it never runs.
 */
export default {
  ...includeRole,
  name: 'import_role',
  shortDescription: 'Import a role into a play',
  async run() {
    return { failed: true, msg: 'import_role is expanded when the playbook is parsed; it cannot run as a task here' };
  },
};

import { defineStrategy } from 'tsible';

/** Ansible's default: every host finishes a task before any host starts the next one. */
export default defineStrategy({
  name: 'linear',
  shortDescription: 'Executes tasks in a linear fashion (lock-step over hosts)',
  run: (ctx) => ctx.runLockstep(ctx.hosts),
});

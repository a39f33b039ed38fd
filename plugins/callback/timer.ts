import { defineCallback, type CallbackContext, type CallbackHandlers } from 'tsible';
import { createDisplay } from './_format/default-output.js';

/** `Playbook run took D days, H hours, M minutes, S seconds` after the recap (ansible.posix.timer). */
function createTimer(ctx: CallbackContext): CallbackHandlers {
  const now = ctx.now ?? Date.now;
  const start = now();
  const display = createDisplay(ctx);
  return {
    stats() {
      const total = Math.floor((now() - start) / 1000);
      const days = Math.floor(total / 86400);
      const rest = total % 86400;
      display.display(`Playbook run took ${days} days, ${Math.floor(rest / 3600)} hours, ${Math.floor(rest / 60) % 60} minutes, ${rest % 60} seconds`);
    },
  };
}

export default defineCallback({
  name: 'timer',
  callbackType: 'aggregate',
  needsEnabled: true,
  shortDescription: 'How long the playbook run took',
  create: createTimer,
});

import { defineModule } from 'tsible';

/** Tells the engine which file to include for this host; the engine loads and runs it. */
export default defineModule<{ file: string; apply?: unknown }>({
  name: 'include_tasks',
  shortDescription: 'Dynamically include a task list',
  freeForm: 'file',
  options: {
    file: { type: 'str', required: true, description: 'The tasks file to include.' },
    apply: { type: 'dict', description: 'Keywords applied to every included task.' },
  },
  checkMode: 'full',
  controllerOnly: true,
  async run(ctx) {
    return { changed: false, include: ctx.args.file, include_args: { apply: ctx.args.apply } };
  },
});

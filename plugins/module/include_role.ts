import { defineModule } from 'tsible';

/** Tells the engine which role to include for this host; the engine loads and runs it. */
export default defineModule<{ name: string; apply?: unknown }>({
  name: 'include_role',
  shortDescription: 'Load and execute a role',
  options: {
    name: { type: 'str', required: true, description: 'The role to include.' },
    tasks_from: { type: 'str', description: 'Tasks file of the role (default main).' },
    vars_from: { type: 'str', description: 'Vars file of the role.' },
    defaults_from: { type: 'str', description: 'Defaults file of the role.' },
    handlers_from: { type: 'str', description: 'Handlers file of the role.' },
    public: { type: 'bool', default: false, description: 'Expose role vars to the play.' },
    apply: { type: 'dict', description: 'Keywords applied to every task of the role.' },
    allow_duplicates: { type: 'bool', default: true, description: 'Allow the role to run twice.' },
  },
  checkMode: 'full',
  controllerOnly: true,
  async run(ctx) {
    return { changed: false, include: ctx.args.name, include_args: { apply: ctx.args.apply } };
  },
});

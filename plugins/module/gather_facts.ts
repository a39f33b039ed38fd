import setup from './setup.js';

/** The action behind the implicit "Gathering Facts" task; same arguments as setup. */
export default { ...setup, name: 'gather_facts', shortDescription: 'Gathers facts about remote hosts' };

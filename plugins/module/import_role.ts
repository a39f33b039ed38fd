import includeRole from './include_role.js';

/** Same arguments as include_role; the engine treats both the same way for now (see docs/compatibility.md). */
export default { ...includeRole, name: 'import_role', shortDescription: 'Import a role into a play' };

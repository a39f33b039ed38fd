import dnf from './dnf.js';
import { runDnf, type DnfArgs } from './_system/rpm.js';
import type { ModuleDefinition } from 'tsible';

/** Manages RPM packages through the target's `yum` command line: dnf's options, the yum tool. */
const yum: ModuleDefinition<DnfArgs> = {
  ...dnf,
  name: 'yum',
  shortDescription: 'Manages packages with the yum package manager',
  run: (ctx) => runDnf(ctx, 'yum'),
};
export default yum;

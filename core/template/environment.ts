import type { FilterFunction } from '../../plugins/filter/types.js';
import type { TestFunction } from '../../plugins/test/types.js';

/**
 * What `templateEnvironment` taps receive: a way to add Jinja filters, tests and globals to one
 * templating environment (per kernel; never process-global).
 */
export interface TemplateEnvironment {
  addFilter(name: string, fn: FilterFunction): void;
  addTest(name: string, fn: TestFunction): void;
  addGlobal(name: string, value: unknown): void;
}

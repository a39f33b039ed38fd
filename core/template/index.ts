/** The templating surface: the Templar for the engine, Python-value helpers for filter/test plugins. */
export { Templar, buildTemplar, refreshTemplar, isTemplateString, type TemplarOptions, type TemplateOptions } from './templar.js';
export { OMIT_TOKEN, isOmitted } from './builtins.js';
export { JinjaUndefined, isUndefined } from './undefined.js';
export { KWARGS, isKwargs, markKwargs, splitKwargs, bindArgs, type Kwargs } from './kwargs.js';
export {
  PyFloat, pyFloat, isFloat, PyTypeError, PyValueError, asStr, isDict, isInt, isStr, markKind, plain, pyAdd, pyCompare, pyContains, pyEquals,
  pyRepr, pyStr, pyTypeName, reprBytes, reprString, formatFloat, truthy, tuple, type PyDict,
} from './python.js';
export { percentFormat, strFormat } from './py-format.js';
export { PyDateTime, PyTimeDelta } from './datetime.js';
export type { LookupRunner } from './lookups.js';
export { pyRegex, pyReplacement, type PyRegexFlags } from './py-regex.js';
export { strftime } from './datetime.js';
export { templateVars, type TemplateVarsOptions } from './template-vars.js';
export { isLazyMapping, materialize, type LazyMapping } from './mapping.js';
export { HostVars, HostVarsVars, type HostVarsSource } from './hostvars.js';
export type { JinjaOverrides, CompilerMode } from './template-cache.js';
export { getitem as pyGetitem, getattr as pyGetattr } from './runtime.js';
export { toList } from './iterate.js';

export { attachCallbacks, runEventNames, type AttachOptions, type AttachedCallbacks } from './dispatcher.js';
export { fromAnsibleCallback } from './ansible-adapter.js';
export { cleanResult } from './clean-result.js';
export { wrapText, expandTabs, type WrapOptions } from './textwrap.js';
export {
  formatLogEntry, formatWarning, formatDeprecation, formatError, deprecationMessage, type DeprecationInfo, type LogFormatOptions,
} from './log-format.js';

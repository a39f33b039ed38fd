export { attachCallbacks, runEventNames, type AttachOptions, type AttachedCallbacks } from './dispatcher.js';
export { fromAnsibleCallback } from './ansible-adapter.js';
export { cleanResult } from './clean-result.js';

import type { PluginMeta } from 'tsible';

/** A filter receives the piped value, then the positional arguments; keyword args come last as an object. */
export type FilterFunction = (value: any, ...args: any[]) => unknown;

/** One filter plugin provides several filters, as an Ansible FilterModule does. */
export interface FilterDefinition extends PluginMeta {
  kind: 'filter';
  name: string;
  filters: Record<string, FilterFunction>;
}

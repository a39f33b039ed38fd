import type { PluginMeta } from 'tsible';

export type TestFunction = (value: any, ...args: any[]) => boolean;

/** One test plugin provides several Jinja tests, as an Ansible TestModule does. */
export interface TestDefinition extends PluginMeta {
  kind: 'test';
  name: string;
  tests: Record<string, TestFunction>;
}

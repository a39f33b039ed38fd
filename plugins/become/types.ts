import type { BecomeRequest, OptionsSchema, PluginMeta } from 'tsible';

export interface BecomeOptions {
  /** The user to become (become_user, default root). */
  user: string;
  /** Extra flags (become_flags). */
  flags?: string;
  /** The executable (become_exe), defaulting to the method's own name. */
  exe?: string;
  password?: string;
  /** A random id the plugin embeds in its prompt and success marker. */
  id: string;
}

export interface BecomeDefinition extends PluginMeta {
  kind: 'become';
  name: string;
  options?: OptionsSchema;
  /** Wraps a shell command line so that it runs as `options.user`. */
  wrap(command: string, options: BecomeOptions): BecomeRequest;
}

/**
 * Option schemas in the shape of Ansible's argument_spec. Modules, lookups, connections and
 * callbacks declare them; the kernel validates arguments against them and `tsible doc` renders them.
 */
export type OptionType =
  | 'str' | 'bool' | 'int' | 'float' | 'path' | 'list' | 'dict' | 'raw' | 'jsonarg' | 'json' | 'bytes';

export interface OptionSpec {
  type?: OptionType;
  required?: boolean;
  default?: unknown;
  choices?: readonly unknown[];
  aliases?: readonly string[];
  /** Element type of a list option. */
  elements?: OptionType;
  /** Sub-options of a dict option (or of each element of a list of dicts). */
  options?: OptionsSchema;
  noLog?: boolean;
  description?: string;
}

export type OptionsSchema = Record<string, OptionSpec>;

/** Documentation shared by every plugin definition, rendered by `tsible doc`. */
export interface PluginMeta {
  /** One line, shown in `tsible plugins list`. */
  shortDescription?: string;
  description?: string;
  /** Example YAML shown by `tsible doc`. */
  examples?: string;
  /** Return values (name → description). */
  returns?: Record<string, string>;
}

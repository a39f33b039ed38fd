/**
 * A templar's filters or tests by name, with the built-in plugins' names filled in on demand. Each
 * deferred source (one built-in plugin file) is loaded when a name is looked up that the table
 * lacks, in precedence order until one provides it, so a run whose templates use no plugin filter
 * or test loads none of those files. Built-in plugins have the lowest precedence: a name already
 * in the table (a plugin of the project or from npm, the engine's own, one a hook added) is never
 * replaced by one loaded later, which is the order loading them all up front gave.
 */
export class PluginTable<T> extends Map<string, T> {
  private readonly pending: Array<() => Record<string, T>> = [];

  /** Queues sources of names, highest precedence first; each is loaded at most once. */
  defer(sources: Array<() => Record<string, T>>): void {
    this.pending.push(...sources);
  }

  override get(name: string): T | undefined {
    let found = super.get(name);
    while (found === undefined && this.pending.length > 0) {
      // A source that throws stays queued: every lookup that needs it reports the same failure.
      const names = this.pending[0]!();
      this.pending.shift();
      for (const [key, value] of Object.entries(names)) if (!super.has(key)) super.set(key, value);
      found = super.get(name);
    }
    return found;
  }

  override has(name: string): boolean {
    return this.get(name) !== undefined;
  }
}

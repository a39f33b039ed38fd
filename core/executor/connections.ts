import type { Kernel } from '../kernel.js';
import { createLogger } from '../logger.js';
import type { Vars } from '../vars.js';
import type { CloseOptions, Connection } from '../../plugins/connection/types.js';
import type { RunOptions } from './run.js';

const LOCAL_NAMES = new Set(['localhost', '127.0.0.1', '::1']);
const ALIASES: Record<string, string> = { smart: 'ssh', paramiko: 'ssh', paramiko_ssh: 'ssh' };

/**
 * Which connection plugin a host uses: ansible_connection > the `connection` keyword or -c >
 * implicit local > transport setting.
 */
export function connectionName(host: string, vars: Vars, requested: string | undefined, kernel: Kernel, implicitLocal: boolean): string {
  const chosen = (vars.ansible_connection as string | undefined) ?? requested
    ?? (implicitLocal && LOCAL_NAMES.has(host) ? 'local' : undefined)
    ?? kernel.config.string('transport') ?? 'ssh';
  return ALIASES[chosen] ?? chosen;
}

/**
 * One connection per host per run, opened on first use and reused by every task. Closed at the
 * end of the run (or on reset_connection).
 */
export class ConnectionPool {
  private readonly open = new Map<string, Promise<Connection>>();
  /** Shared by this run's connections (decrypted keys, parsed known_hosts), dropped with the run. */
  private readonly runCache = new Map<string, unknown>();
  /** Per connection: what modules learned about that target (see ModuleContext.targetCache). */
  private readonly targetCaches = new WeakMap<Connection, Map<string, unknown>>();

  constructor(private readonly kernel: Kernel, private readonly run: RunOptions) {}

  get(host: string, vars: Vars, transport: string): Promise<Connection> {
    const key = `${transport}\u0000${host}`;
    let conn = this.open.get(key);
    if (!conn) {
      conn = this.create(host, vars, transport);
      this.open.set(key, conn);
      conn.catch(() => this.open.delete(key));
    }
    return conn;
  }

  private async create(host: string, vars: Vars, transport: string): Promise<Connection> {
    const def = await this.kernel.resolve('connection', transport);
    const settings = { ...this.kernel.settings } as Record<string, unknown>;
    if (this.run.remoteUser) settings.remote_user = this.run.remoteUser;
    if (this.run.privateKeyFile) settings.private_key_file = this.run.privateKeyFile;
    if (this.run.timeout) settings.timeout = this.run.timeout;
    return def.create({
      host, vars, settings, runCache: this.runCache,
      passwords: { connPass: this.run.passwords?.connPass, becomePass: this.run.passwords?.becomePass },
      log: createLogger((e) => this.kernel.emitLog(e), `connection:${transport}`, host),
    });
  }

  /** The target cache of one open connection; a reset connection is a new object, so it starts empty. */
  targetCache(conn: Connection): Map<string, unknown> {
    let cache = this.targetCaches.get(conn);
    if (!cache) this.targetCaches.set(conn, (cache = new Map()));
    return cache;
  }

  async reset(host: string): Promise<void> {
    for (const [key, conn] of this.open) {
      if (key.endsWith(`\u0000${host}`)) {
        this.open.delete(key);
        await (await conn.catch(() => undefined))?.close();
      }
    }
  }

  async closeAll(options: CloseOptions = {}): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    await Promise.all(all.map(async (c) => (await c.catch(() => undefined))?.close(options).catch(() => undefined)));
  }
}

import { spawn, type ChildProcess } from 'node:child_process';
import { connect as tcpConnect } from 'node:net';
import { Duplex } from 'node:stream';
import type { Client } from 'ssh2';
import { TsibleError, UnreachableError, type Logger } from 'tsible';
import { label, openClient } from './open-client.js';
import type { SshRoute, SshTarget } from './target.js';
import { Semaphore } from './semaphore.js';

/** A ready client plus everything opened to reach it (jump hosts, a ProxyCommand process). */
export interface OpenRoute {
  client: Client;
  /** Closes the client, then every hop in reverse order. */
  close(): void;
  /** For a process about to exit: stops the ProxyCommand process; the sockets close with the process. */
  leave(): void;
}

/** Connects to the target directly, through a chain of jump hosts, or through a ProxyCommand. */
/**
 * OpenSSH drops new connections when more than MaxStartups (10 by default) are still
 * authenticating, so at most `maxStartups` handshakes run at once per server (per run; the
 * semaphores live in the run cache). A jump host shared by many targets is the usual case.
 */
function startupSlot(hop: SshTarget, maxStartups: number, cache?: Map<string, unknown>): Promise<() => void> {
  if (!cache) return Promise.resolve(() => undefined);
  const key = `ssh:startups:${hop.host}:${hop.port}`;
  let sem = cache.get(key) as Semaphore | undefined;
  if (!sem) cache.set(key, (sem = new Semaphore(maxStartups)));
  return sem.acquire();
}

export async function openRoute(route: SshRoute, log: Logger, cache?: Map<string, unknown>, maxStartups = 10): Promise<OpenRoute> {
  const opened: Client[] = [];
  let proxy: ChildProcess | undefined;
  const closeAll = (): void => {
    for (const c of [...opened].reverse()) c.end();
    proxy?.kill('SIGTERM');
  };
  const hops = [...route.jumps, route.target];
  try {
    for (const [index, hop] of hops.entries()) {
      // The server counts a connection against MaxStartups from accept until authenticated.
      const release = await startupSlot(hop, maxStartups, cache);
      try {
        const deadline = Date.now() + hop.connectTimeoutMs;
        let sock: Duplex;
        if (index > 0) sock = await forward(opened[index - 1]!, hops[index - 1]!, hop);
        else if (route.proxyCommand) ({ sock, proxy } = startProxyCommand(route.proxyCommand, hop));
        else sock = await tcpSocket(hop, deadline);
        log.verbose(4, `ssh: handshake with ${label(hop)}${index > 0 ? ` through ${label(hops[index - 1]!)}` : ''}`);
        opened.push(await openClient(hop, sock, deadline, log, cache).catch((error: unknown) => {
          throw index < hops.length - 1 ? viaJump(hop, error) : error;
        }));
      } finally {
        release();
      }
    }
  } catch (error) {
    closeAll();
    throw error;
  }
  return { client: opened[opened.length - 1]!, close: closeAll, leave: () => proxy?.kill('SIGTERM') };
}

/** TCP with Nagle off from the first byte: without it every exec waits ~40 ms for a delayed ACK. */
function tcpSocket(target: SshTarget, deadline: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const sock = tcpConnect({ host: target.host, port: target.port, noDelay: true });
    sock.setNoDelay(true);
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new UnreachableError(`timed out after ${target.connectTimeoutMs / 1000}s connecting to ${target.host} port ${target.port}`));
    }, Math.max(0, deadline - Date.now()));
    sock.once('connect', () => {
      clearTimeout(timer);
      sock.removeAllListeners('error');
      resolve(sock);
    });
    sock.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new UnreachableError(`cannot connect to ${target.host} port ${target.port}: ${socketReason(error)}`, { cause: error }));
    });
  });
}

function socketReason(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED': return 'connection refused';
    case 'ENOTFOUND': case 'EAI_AGAIN': return `could not resolve hostname (${error.code})`;
    case 'EHOSTUNREACH': return 'no route to host';
    case 'ENETUNREACH': return 'network is unreachable';
    case 'ETIMEDOUT': return 'connection timed out';
    default: return error.message;
  }
}

function forward(through: Client, jump: SshTarget, hop: SshTarget): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    through.forwardOut('127.0.0.1', 0, hop.host, hop.port, (err, stream) => {
      if (err) reject(new UnreachableError(`jump host ${label(jump)} could not open a connection to ${hop.host} port ${hop.port}: ${err.message}`, { cause: err }));
      else resolve(stream);
    });
  });
}

function startProxyCommand(command: string, target: SshTarget): { sock: Duplex; proxy: ChildProcess } {
  const proxy = spawn('/bin/sh', ['-c', command], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proxy.stderr!.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-2000); });
  const sock = Duplex.from({ readable: proxy.stdout!, writable: proxy.stdin! });
  proxy.on('exit', (code) => {
    if (code) sock.destroy(new UnreachableError(`ProxyCommand for ${label(target)} exited with ${code}: ${stderr.trim()}`));
  });
  proxy.on('error', (error) => sock.destroy(new UnreachableError(`ProxyCommand for ${label(target)} failed: ${error.message}`)));
  return { sock, proxy };
}

function viaJump(hop: SshTarget, error: unknown): TsibleError {
  const message = error instanceof Error ? error.message : String(error);
  return new UnreachableError(`jump host ${label(hop)}: ${message}`, { cause: error, hints: (error as TsibleError).hints });
}

import type { Vars } from 'tsible';
import { fstabUnescape } from './fstab.js';

function cpuBlocks(text: string): Array<Record<string, string>> {
  return text.split(/\n\s*\n/).map((block) => {
    const out: Record<string, string> = {};
    for (const l of block.split('\n')) {
      const i = l.indexOf(':');
      if (i > 0) out[l.slice(0, i).trim()] = l.slice(i + 1).trim();
    }
    return out;
  }).filter((b) => 'processor' in b);
}

/** processor list and counts as Ansible's LinuxHardware computes them from /proc/cpuinfo. */
export function cpuFacts(cpuinfo: string | undefined, nproc: string | undefined): Vars {
  const blocks = cpuBlocks(cpuinfo ?? '');
  const processor: string[] = [];
  const sockets = new Set<string>();
  let cores = 0;
  let siblings = 0;
  for (const b of blocks) {
    processor.push(b.processor);
    if (b.vendor_id ?? b['CPU implementer']) processor.push(b.vendor_id ?? b['CPU implementer']);
    if (b['model name'] ?? b.Processor ?? b.cpu) processor.push(b['model name'] ?? b.Processor ?? b.cpu);
    if (b['physical id'] !== undefined) sockets.add(b['physical id']);
    if (b['cpu cores']) cores = Number(b['cpu cores']);
    if (b.siblings) siblings = Number(b.siblings);
  }
  const count = sockets.size || 1;
  const coresPer = cores || (sockets.size ? 1 : blocks.length) || 1;
  const threads = cores && siblings ? Math.max(1, siblings / cores) : 1;
  return {
    processor, processor_count: count, processor_cores: coresPer, processor_threads_per_core: threads,
    processor_vcpus: sockets.size ? threads * coresPer * count : blocks.length, processor_nproc: Number((nproc ?? '').trim()) || blocks.length,
  };
}

export function memoryFacts(meminfo: string | undefined): Vars {
  const kb: Record<string, number> = {};
  for (const l of (meminfo ?? '').split('\n')) {
    const m = /^(\w+):\s+(\d+)/.exec(l);
    if (m) kb[m[1]] = Number(m[2]);
  }
  if (kb.MemTotal === undefined) return {};
  const mb = (k: string) => Math.floor((kb[k] ?? 0) / 1024);
  const total = mb('MemTotal');
  const free = mb('MemFree');
  const nocacheFree = free + mb('Buffers') + mb('Cached');
  return {
    memtotal_mb: total, memfree_mb: free, swaptotal_mb: mb('SwapTotal'), swapfree_mb: mb('SwapFree'),
    memory_mb: {
      real: { total, used: total - free, free },
      nocache: { free: nocacheFree, used: total - nocacheFree },
      swap: { total: mb('SwapTotal'), free: mb('SwapFree'), used: mb('SwapTotal') - mb('SwapFree'), cached: mb('SwapCached') },
    },
  };
}

export function uptimeFacts(uptime: string | undefined, loadavg: string | undefined): Vars {
  const out: Vars = {};
  const up = Number((uptime ?? '').trim().split(/\s+/)[0]);
  if (Number.isFinite(up) && (uptime ?? '').trim()) out.uptime_seconds = Math.floor(up);
  const l = (loadavg ?? '').trim().split(/\s+/).map(Number);
  if (l.length >= 3 && l.every(Number.isFinite)) out.loadavg = { '1m': l[0], '5m': l[1], '15m': l[2] };
  return out;
}

/** mounts: device|mount|fstype|options|dump|passno|`stat -f` numbers, uuids from /dev/disk/by-uuid. */
export function mountFacts(text: string | undefined, uuidText: string | undefined): Vars[] {
  const uuids = new Map<string, string>();
  for (const l of (uuidText ?? '').split('\n')) {
    const [dev, uuid] = l.trim().split(' ');
    if (dev && uuid) uuids.set(dev, uuid);
  }
  const mounts: Vars[] = [];
  for (const l of (text ?? '').split('\n')) {
    const f = l.split('|');
    if (f.length < 7) continue;
    const [frsize, bsize, blocks, bfree, bavail, files, ffree] = f[6].trim().split(/\s+/).map(Number);
    const m: Vars = { mount: fstabUnescape(f[1]), device: fstabUnescape(f[0]), fstype: f[2], options: f[3], dump: Number(f[4]), passno: Number(f[5]),
      uuid: uuids.get(f[0]) ?? 'N/A' };
    if (Number.isFinite(blocks)) {
      Object.assign(m, { size_total: frsize * blocks, size_available: frsize * bavail, block_size: bsize, block_total: blocks,
        block_available: bavail, block_used: blocks - bfree, inode_total: files, inode_available: ffree, inode_used: files - ffree });
    }
    mounts.push(m);
  }
  return mounts;
}

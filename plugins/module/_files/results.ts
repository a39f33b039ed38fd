import type { Vars } from 'tsible';
import type { RemoteStat } from './probe.js';

/** Ansible's state name for a path type. */
export function stateOf(st: RemoteStat): string {
  if (!st.exists) return 'absent';
  if (st.type === 'directory') return 'directory';
  if (st.type === 'link') return 'link';
  if (st.type === 'file' && (st.nlink ?? 1) > 1) return 'hard';
  return 'file';
}

/** The attributes Ansible's file-handling modules add to their results (add_path_info). */
export function pathInfo(st: RemoteStat): Vars {
  if (!st.exists) return { state: 'absent' };
  return {
    uid: st.uid, gid: st.gid, owner: st.pw_name ?? String(st.uid), group: st.gr_name ?? String(st.gid),
    mode: st.mode, state: stateOf(st), size: st.size,
  };
}

/** Ansible's `stat` dictionary for a probed path. */
export function statDict(path: string, st: RemoteStat): Vars {
  if (!st.exists) return { exists: false };
  const mode = parseInt(st.mode ?? '0', 8);
  const bit = (b: number) => (mode & b) !== 0;
  const out: Vars = {
    exists: true, path, mode: st.mode,
    isdir: st.type === 'directory', ischr: st.type === 'char', isblk: st.type === 'block', isreg: st.type === 'file',
    isfifo: st.type === 'fifo', islnk: st.type === 'link', issock: st.type === 'socket',
    uid: st.uid, gid: st.gid, size: st.size, inode: st.inode, dev: st.dev, nlink: st.nlink,
    atime: st.atime, mtime: st.mtime, ctime: st.ctime,
    wusr: bit(0o200), rusr: bit(0o400), xusr: bit(0o100), wgrp: bit(0o20), rgrp: bit(0o40), xgrp: bit(0o10),
    woth: bit(0o2), roth: bit(0o4), xoth: bit(0o1), isuid: bit(0o4000), isgid: bit(0o2000),
    readable: st.readable, writeable: st.writeable, executable: st.executable,
    pw_name: st.pw_name, gr_name: st.gr_name,
  };
  if (st.type === 'link') {
    out.lnk_source = st.lnk_source;
    out.lnk_target = st.lnk_target;
  }
  if (st.checksum !== undefined) out.checksum = st.checksum;
  if (st.mimetype !== undefined) {
    out.mimetype = st.mimetype;
    out.charset = st.charset;
  }
  return out;
}

import type { OptionsSchema } from 'tsible';

/** Arguments shared by copy and template (Ansible's files + validate + backup fragments). */
export const FILE_ATTR_OPTIONS: OptionsSchema = {
  mode: { type: 'raw', description: 'Permissions: octal (`0644`, `"644"`) or symbolic (`u=rw,g=r,o=r`, `u+x`).' },
  owner: { type: 'str', description: 'Name (or uid) of the user that should own the file.' },
  group: { type: 'str', description: 'Name (or gid) of the group that should own the file.' },
  seuser: { type: 'str', description: 'Accepted; SELinux contexts are not managed.' },
  serole: { type: 'str', description: 'Accepted; SELinux contexts are not managed.' },
  setype: { type: 'str', description: 'Accepted; SELinux contexts are not managed.' },
  selevel: { type: 'str', description: 'Accepted; SELinux contexts are not managed.' },
  unsafe_writes: { type: 'bool', default: false, description: 'Accepted; writes are always atomic.' },
  attributes: { type: 'str', aliases: ['attr'], description: 'Accepted; chattr attributes are not managed.' },
};

export interface CopyArgs {
  src?: string;
  content?: string;
  dest: string;
  backup: boolean;
  force: boolean;
  mode?: unknown;
  owner?: string;
  group?: string;
  directory_mode?: unknown;
  remote_src: boolean;
  local_follow: boolean;
  follow: boolean;
  validate?: string;
  checksum?: string;
  decrypt: boolean;
}

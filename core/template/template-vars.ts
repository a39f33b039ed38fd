/**
 * The variables Ansible's template module and lookup add while rendering a template file:
 * template_host, template_path, template_fullpath, template_destpath, template_uid,
 * template_mtime, template_run_date and ansible_managed (DEFAULT_MANAGED_STR, whose `{host}`,
 * `{uid}` and `{file}` are filled in and which is then passed through strftime with the file's mtime).
 */
import { readFileSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { PyDateTime, strftime } from './datetime.js';

export interface TemplateVarsOptions {
  fullpath?: string;
  destPath?: string;
  /** The `ansible_managed` setting; Ansible's default is 'Ansible managed'. */
  managedStr?: string;
}

function userName(uid: number): string {
  try {
    const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.split(':')[2] === String(uid));
    return line ? line.split(':')[0] : String(uid);
  } catch {
    return String(uid);
  }
}

/** Local wall-clock time as a naive datetime, as Python's datetime.fromtimestamp gives it. */
function localDateTime(ms: number): PyDateTime {
  const offset = new Date(ms).getTimezoneOffset() * 60000;
  return new PyDateTime(new Date(ms - offset), Math.round((ms % 1000) * 1000));
}

export function templateVars(path: string, options: TemplateVarsOptions = {}): Record<string, unknown> {
  const fullpath = options.fullpath ?? resolve(path);
  const st = statSync(fullpath);
  const host = hostname();
  const uid = userName(st.uid);
  const managed = (options.managedStr ?? 'Ansible managed')
    .replace(/\{host\}/g, host).replace(/\{uid\}/g, uid).replace(/\{file\}/g, path);
  const mtime = localDateTime(st.mtimeMs);
  return {
    template_host: host,
    template_path: path,
    template_mtime: mtime,
    template_uid: uid,
    template_run_date: localDateTime(Date.now()),
    template_destpath: options.destPath ?? null,
    template_fullpath: fullpath,
    ansible_managed: strftime(managed, mtime.date),
  };
}

import type { ModuleContext } from 'tsible';
import { pyToEre } from './pyregex.js';

export interface WaitForArgs {
  host: string; port?: number; path?: string; search_regex?: string; state: string; timeout: number; delay: number;
  sleep: number; connect_timeout: number; msg?: string; exclude_hosts?: string[]; active_connection_states: string[];
}

export const WAIT_OK = '__WAIT_OK__';
export const WAIT_TIMEOUT = '__WAIT_TIMEOUT__';
export const WAIT_CONTENT = '__WAIT_CONTENT__';

/** Shell functions: a TCP connect through nc or bash's /dev/tcp, with a per-attempt timeout. */
const PORT_FUNCS = `
to() { if command -v timeout >/dev/null 2>&1; then timeout "$@"; else shift; "$@"; fi; }
port_open() {
  if command -v nc >/dev/null 2>&1; then nc -z -w "$CT" "$1" "$2" >/dev/null 2>&1; return; fi
  if command -v bash >/dev/null 2>&1; then to "$CT" bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" >/dev/null 2>&1; return; fi
  echo "__TSIBLE_MISSING__ nc or bash"; exit 127
}
port_read() {
  if command -v nc >/dev/null 2>&1; then to "$CT" nc -w "$CT" "$1" "$2" </dev/null 2>/dev/null; return; fi
  if command -v bash >/dev/null 2>&1; then to "$CT" bash -c 'exec 3<>"/dev/tcp/$0/$1" && cat <&3' "$1" "$2" 2>/dev/null; return; fi
  echo "__TSIBLE_MISSING__ nc or bash"; exit 127
}
active_count() {
  awk -v port="$1" -v states=" $2 " -v ex=" $EXCLUDE " -v lcol="$3" -v pcol="$4" -v scol="$5" '
    { n = split($lcol, l, ":"); if (l[n] != port) next
      if (index(states, " " $scol " ") == 0) next
      m = split($pcol, r, ":"); host = substr($pcol, 1, length($pcol) - length(r[m]) - 1); gsub(/^\[|\]$/, "", host)
      if (index(ex, " " host " ") > 0) next
      c++ }
    END { print c + 0 }'
}
port_drained() {
  if command -v ss >/dev/null 2>&1; then [ "$(ss -Htan 2>/dev/null | active_count "$1" "$STATES_SS" 4 5 1)" = 0 ]; return; fi
  if command -v netstat >/dev/null 2>&1; then [ "$(netstat -tan 2>/dev/null | active_count "$1" "$STATES_NS" 4 5 6)" = 0 ]; return; fi
  echo "__TSIBLE_MISSING__ ss or netstat"; exit 127
}
`;

/** Ansible's (netstat) connection state names → ss's. */
const SS_STATE: Record<string, string> = { ESTABLISHED: 'ESTAB', FIN_WAIT1: 'FIN-WAIT-1', FIN_WAIT2: 'FIN-WAIT-2', SYN_RECV: 'SYN-RECV',
  SYN_SENT: 'SYN-SENT', TIME_WAIT: 'TIME-WAIT', CLOSE_WAIT: 'CLOSE-WAIT', LAST_ACK: 'LAST-ACK', CLOSING: 'CLOSING' };

/** The condition that ends the wait, as a shell command list. */
function condition(ctx: ModuleContext<WaitForArgs>): string {
  const { port, path, search_regex: regex, state } = ctx.args;
  const q = ctx.quote;
  const host = q(ctx.args.host);
  const ere = regex === undefined ? '' : q(pyToEre(regex));
  if (path !== undefined) {
    if (state === 'absent' || state === 'stopped') return `[ ! -e ${q(path)} ]`;
    return regex === undefined ? `[ -e ${q(path)} ]` : `[ -r ${q(path)} ] && grep -Eq -e ${ere} ${q(path)} 2>/dev/null`;
  }
  if (state === 'drained') return `port_drained ${port}`;
  if (state === 'absent' || state === 'stopped') return `! port_open ${host} ${port}`;
  return regex === undefined ? `port_open ${host} ${port}` : `port_read ${host} ${port} | grep -Eq -e ${ere}`;
}

/** One remote script polls until the condition holds or the deadline passes; the file is printed on a regex match. */
export function waitForScript(ctx: ModuleContext<WaitForArgs>): string {
  const { path, search_regex: regex, state, timeout, delay, sleep, connect_timeout: ct } = ctx.args;
  const showContent = path !== undefined && regex !== undefined && state !== 'absent' && state !== 'stopped';
  // Ansible adds the file's attributes to the result when path exists (AnsibleModule's path info).
  const statLine = path !== undefined && state !== 'absent' && state !== 'stopped'
    ? `[ -e ${ctx.quote(path)} ] && stat -c 'wait_stat=%u|%g|%U|%G|%a|%s|%F' ${ctx.quote(path)}` : ':';
  const states = ctx.args.active_connection_states.map((x) => x.toUpperCase());
  const ssNames = states.map((x) => SS_STATE[x] ?? x.replace(/_/g, '-'));
  return [
    `CT=${ct}`, `STATES_SS=${ctx.quote(ssNames.join(' '))}`, `STATES_NS=${ctx.quote(states.join(' '))}`,
    `EXCLUDE=${ctx.quote((ctx.args.exclude_hosts ?? []).join(' '))}`, PORT_FUNCS,
    `deadline=$(( $(date +%s) + ${timeout} ))`,
    delay > 0 ? `sleep ${delay}` : ':',
    'while :; do',
    `  if ${condition(ctx)}; then echo ${WAIT_OK}; ${statLine}; ${showContent ? `echo ${WAIT_CONTENT}; cat ${ctx.quote(path)}` : ':'}; exit 0; fi`,
    `  [ "$(date +%s)" -ge "$deadline" ] && { echo ${WAIT_TIMEOUT}; exit 0; }`,
    `  sleep ${sleep}`,
    'done',
  ].join('\n');
}

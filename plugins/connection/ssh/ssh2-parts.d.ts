/**
 * The two parts of ssh2 the connection plugin runs. Its index also loads the SSH server, the
 * agent helpers and HTTP(S) agents (Node's http, https and tls modules): about 5–7 ms of every
 * run's start-up for code a client never calls. The types stay those of the package itself.
 */
declare module 'ssh2/lib/client.js' {
  import { Client } from 'ssh2';
  export = Client;
}

declare module 'ssh2/lib/protocol/keyParser.js' {
  import type { utils } from 'ssh2';
  export const parseKey: typeof utils.parseKey;
}

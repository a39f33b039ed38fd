import { defineBecome, shellQuote, type BecomeOptions, type BecomeRequest } from 'tsible';

const DEFAULT_FLAGS = '-H -S -n';

/**
 * With a password, sudo must read it from stdin (-S) and may not be non-interactive (-n, or an
 * n inside a short-flag group such as -Hn).
 */
function flagsFor(flags: string | undefined, hasPassword: boolean): string {
  const words = (flags ?? DEFAULT_FLAGS).split(/\s+/).filter(Boolean);
  if (!hasPassword) return words.join(' ');
  const kept = words
    .filter((w) => w !== '-n' && w !== '--non-interactive')
    .map((w) => (/^-[A-Za-z]+$/.test(w) ? w.replace(/n/g, '') : w))
    .filter((w) => w !== '-');
  if (!kept.some((w) => w === '-S' || w === '--stdin' || /^-[A-Za-z]*S[A-Za-z]*$/.test(w))) kept.push('-S');
  return kept.join(' ');
}

export default defineBecome({
  name: 'sudo',
  shortDescription: 'Run as another user with sudo',
  description: 'Wraps the command in `sudo -u USER /bin/sh -c ...`. The password (become_password, -K) is '
    + 'answered at a prompt that carries a per-command id, over stdin; it never appears in argv or the environment. '
    + `become_flags default to "${DEFAULT_FLAGS}"; -n is dropped and -S added when a password is given.`,
  wrap(command: string, options: BecomeOptions): BecomeRequest {
    const successMarker = `BECOME-SUCCESS-${options.id}`;
    const hasPassword = Boolean(options.password);
    const prompt = `[sudo via tsible, key=${options.id}] password:`;
    const parts = [
      options.exe || 'sudo',
      flagsFor(options.flags, hasPassword),
      hasPassword ? `-p ${shellQuote(prompt)}` : '',
      `-u ${shellQuote(options.user || 'root')}`,
      `/bin/sh -c ${shellQuote(`echo ${successMarker}; ${command}`)}`,
    ];
    return {
      command: parts.filter(Boolean).join(' '),
      password: options.password,
      prompt: hasPassword ? prompt : undefined,
      successMarker,
    };
  },
});

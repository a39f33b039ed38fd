import { defineBecome, shellQuote, type BecomeOptions, type BecomeRequest } from 'tsible';

export default defineBecome({
  name: 'doas',
  shortDescription: 'Run as another user with doas',
  description: 'Wraps the command in `doas -u USER /bin/sh -c ...`. doas reads the password from a terminal '
    + 'only, so the connection runs it on a pseudo-terminal. Without a password, -n makes doas fail at once '
    + 'instead of waiting for one.',
  wrap(command: string, options: BecomeOptions): BecomeRequest {
    const successMarker = `BECOME-SUCCESS-${options.id}`;
    const flags = options.flags ?? (options.password ? '' : '-n');
    const parts = [
      options.exe || 'doas',
      flags,
      `-u ${shellQuote(options.user || 'root')}`,
      `/bin/sh -c ${shellQuote(`echo ${successMarker}; ${command}`)}`,
    ];
    return {
      command: parts.filter(Boolean).join(' '),
      password: options.password,
      promptPattern: 'doas \\([^)]*\\) password: ?',
      successMarker,
      tty: true,
    };
  },
});

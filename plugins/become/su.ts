import { defineBecome, shellQuote, type BecomeOptions, type BecomeRequest } from 'tsible';

/** "Password:" as su prints it in a few common locales (optionally "user's Password:"). */
const PASSWORD_WORDS = ['Password', 'Passwort', 'Mot de passe', 'Contraseña', 'Senha', 'Wachtwoord', 'Hasło', 'Пароль', 'パスワード', '密码'];
const PROMPT_PATTERN = `(?:\\w+'s )?(?:${PASSWORD_WORDS.join('|')}) ?[:：] ?`;

export default defineBecome({
  name: 'su',
  shortDescription: 'Run as another user with su',
  description: 'Wraps the command in `su USER -c ...`. su reads the password from a terminal only, so the '
    + 'connection runs it on a pseudo-terminal (stdout and stderr are then merged). The password is the target '
    + "user's, answered at the prompt.",
  wrap(command: string, options: BecomeOptions): BecomeRequest {
    const successMarker = `BECOME-SUCCESS-${options.id}`;
    const parts = [
      options.exe || 'su',
      options.flags ?? '',
      shellQuote(options.user || 'root'),
      `-c ${shellQuote(`/bin/sh -c ${shellQuote(`echo ${successMarker}; ${command}`)}`)}`,
    ];
    return {
      command: parts.filter(Boolean).join(' '),
      password: options.password,
      promptPattern: PROMPT_PATTERN,
      successMarker,
      tty: true,
    };
  },
});

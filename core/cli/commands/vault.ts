import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { TsibleError, UsageError } from '../../errors.js';
import { isVaultText, parseVaultEnvelope } from '../../vault/envelope.js';
import { privateTempFile, readSource, runEditor, shred, writeFileAtomic } from '../../vault/files.js';
import { InputReader } from '../../vault/input.js';
import { loadVaultSecrets } from '../../vault/load-secrets.js';
import type { VaultSecrets } from '../../vault/secrets.js';
import { listFlag, parseCommandLine, type ParsedArgs } from '../args.js';
import type { CliIO } from '../io.js';
import { version } from '../version.js';

const PROG = 'tsible-vault';
const ACTIONS = ['create', 'decrypt', 'edit', 'view', 'encrypt', 'encrypt_string', 'rekey'] as const;
type Action = (typeof ACTIONS)[number];
const USAGE = `usage: ${PROG} [-h] [--version] [-v]\n                    {${ACTIONS.join(',')}}\n                    ...`;

const OPTIONS = {
  'vault-id': { type: 'string', multiple: true },
  'vault-password-file': { type: 'string', multiple: true },
  'vault-pass-file': { type: 'string', multiple: true },
  'ask-vault-password': { type: 'boolean', short: 'J' },
  'ask-vault-pass': { type: 'boolean' },
  'encrypt-vault-id': { type: 'string' },
  output: { type: 'string' },
  prompt: { type: 'boolean', short: 'p' },
  'show-input': { type: 'boolean' },
  name: { type: 'string', short: 'n', multiple: true },
  'stdin-name': { type: 'string' },
  'new-vault-password-file': { type: 'string' },
  'new-vault-id': { type: 'string' },
  verbose: { type: 'boolean', short: 'v', multiple: true },
  version: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const COMMON = ['vault-id', 'vault-password-file', 'vault-pass-file', 'ask-vault-password', 'ask-vault-pass', 'verbose', 'help'];
const ALLOWED: Record<Action, string[]> = {
  create: [...COMMON, 'encrypt-vault-id'],
  decrypt: [...COMMON, 'output'],
  edit: [...COMMON, 'encrypt-vault-id'],
  view: COMMON,
  encrypt: [...COMMON, 'output', 'encrypt-vault-id'],
  encrypt_string: [...COMMON, 'output', 'encrypt-vault-id', 'prompt', 'show-input', 'name', 'stdin-name'],
  rekey: [...COMMON, 'encrypt-vault-id', 'new-vault-password-file', 'new-vault-id'],
};

/** Ansible's AnsibleOptionsError: exit status 5. */
function optionsError(message: string): TsibleError {
  return new TsibleError('TSIBLE_USAGE', message, { exitCode: 5 });
}

interface VaultRun {
  action: Action;
  io: CliIO;
  values: ParsedArgs['values'];
  files: string[];
  input: InputReader;
  secrets: VaultSecrets;
  /** The vault id to encrypt with (create, encrypt, encrypt_string, rekey). */
  encryptLabel?: string;
}

/** `tsible-vault`: ansible-vault's actions, flags, prompts and messages, on files written atomically. */
export async function vaultMain(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandLine(PROG, argv, OPTIONS, USAGE);
  if (values.version) return io.stdout.write(`${PROG} ${version()}\n`), 0;
  const [actionName, ...files] = positionals;
  if (values.help && !actionName) return io.stdout.write(`${USAGE}\n\nencryption/decryption utility for Ansible data files\n`), 0;
  if (!actionName) throw new UsageError(`${PROG}: error: the following arguments are required: action`, { hints: [USAGE] });
  if (!(ACTIONS as readonly string[]).includes(actionName)) {
    throw new UsageError(`${PROG}: error: argument action: invalid choice: '${actionName}' (choose from ${ACTIONS.map((a) => `'${a}'`).join(', ')})`, { hints: [USAGE] });
  }
  const action = actionName as Action;
  if (values.help) return io.stdout.write(`usage: ${PROG} ${action} [options] ${action === 'encrypt_string' ? '[string_to_encrypt ...]' : '[file_name ...]'}\n`), 0;
  checkOptions(action, values, files);
  const input = new InputReader(io.stdin);
  const run: VaultRun = { action, io, values, files, input, ...(await secretsFor(action, values, io, input)) };
  await ACTION_HANDLERS[action](run);
  return 0;
}

function checkOptions(action: Action, values: ParsedArgs['values'], files: string[]): void {
  for (const [flag, value] of Object.entries(values)) {
    if (value !== undefined && !ALLOWED[action].includes(flag)) throw new UsageError(`${PROG}: error: unrecognized arguments: --${flag}`, { hints: [USAGE] });
  }
  for (const id of listFlag(values['vault-id'])) {
    if (id.includes(';')) throw optionsError(`'${id}' is not a valid vault id. The character ';' is not allowed in vault ids`);
  }
  if (values.output !== undefined && files.length > 1) throw optionsError('At most one input file may be used with the --output option');
  if (action === 'encrypt_string' && values.prompt && readsStdin(values, files)) {
    throw optionsError('The --prompt option is not supported if also reading input from stdin');
  }
  if (action === 'create' && files.length !== 1) throw optionsError('ansible-vault create can take only one filename argument');
}

function readsStdin(values: ParsedArgs['values'], files: string[]): boolean {
  return files.includes('-') || files.length === 0 || values['stdin-name'] !== undefined;
}

async function secretsFor(action: Action, values: ParsedArgs['values'], io: CliIO, input: InputReader): Promise<{ secrets: VaultSecrets; encryptLabel?: string }> {
  const encrypting = action === 'encrypt' || action === 'encrypt_string' || action === 'create';
  const secrets = await loadVaultSecrets({
    vaultIds: listFlag(values['vault-id']),
    passwordFiles: [...listFlag(values['vault-password-file']), ...listFlag(values['vault-pass-file'])],
    askVaultPass: Boolean(values['ask-vault-pass'] || values['ask-vault-password']),
    askPass: (prompt) => input.secret(prompt, io.stderr),
    autoPrompt: true,
    newPassword: encrypting,
    cwd: io.cwd,
    env: io.env,
    onWarning: (m) => io.stderr.write(`[WARNING]: ${m}\n`),
  });
  if (secrets.isEmpty()) throw optionsError("A vault password is required to use Ansible's Vault");
  if (!encrypting) return { secrets };
  const encryptLabel = (values['encrypt-vault-id'] as string | undefined) || io.env.ANSIBLE_VAULT_ENCRYPT_IDENTITY || undefined;
  if (secrets.labels.length > 1 && !encryptLabel) {
    throw optionsError(`The vault-ids ${secrets.labels.join(',')} are available to encrypt. Specify the vault-id to encrypt with --encrypt-vault-id`);
  }
  return { secrets, encryptLabel };
}

const ACTION_HANDLERS: Record<Action, (run: VaultRun) => Promise<void>> = {
  encrypt: encryptFiles,
  decrypt: decryptFiles,
  view: viewFiles,
  create: createFile,
  edit: editFiles,
  rekey: rekeyFiles,
  encrypt_string: encryptStrings,
};

async function readInput(run: VaultRun, file: string): Promise<Buffer> {
  return file === '-' ? run.input.readAll() : readSource(resolve(run.io.cwd, file));
}

async function writeOutput(run: VaultRun, target: string, data: Buffer | string, keepMode = false): Promise<void> {
  if (target === '-') run.io.stdout.write(data);
  else await writeFileAtomic(resolve(run.io.cwd, target), data, { keepMode });
}

function successMessage(run: VaultRun, message: string): void {
  if (run.io.stdout.isTTY) run.io.stderr.write(`${message}\n`);
}

async function encryptFiles(run: VaultRun): Promise<void> {
  if (run.files.length === 0 && run.io.stdin.isTTY) run.io.stderr.write('Reading plaintext input from stdin\n');
  for (const file of run.files.length ? run.files : ['-']) {
    const plaintext = await readInput(run, file);
    if (isVaultText(plaintext)) throw new TsibleError('TSIBLE_VAULT', `input is already encrypted: ${file}`);
    await writeOutput(run, (run.values.output as string | undefined) ?? file, run.secrets.encrypt(plaintext, run.encryptLabel));
  }
  successMessage(run, 'Encryption successful');
}

function decryptInput(run: VaultRun, data: Buffer, file: string): Buffer {
  if (!isVaultText(data)) throw new TsibleError('TSIBLE_VAULT', `input is not vault encrypted data. ${file} is not a vault encrypted file for ${file}`);
  return run.secrets.decryptBytes(data.toString('latin1'), file);
}

async function decryptFiles(run: VaultRun): Promise<void> {
  if (run.files.length === 0 && run.io.stdin.isTTY) run.io.stderr.write('Reading ciphertext input from stdin\n');
  for (const file of run.files.length ? run.files : ['-']) {
    const plaintext = decryptInput(run, await readInput(run, file), file);
    await writeOutput(run, (run.values.output as string | undefined) ?? file, plaintext);
  }
  successMessage(run, 'Decryption successful');
}

async function viewFiles(run: VaultRun): Promise<void> {
  for (const file of run.files) {
    const text = decryptInput(run, await readInput(run, file), file).toString('utf8');
    run.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }
}

/** Opens $EDITOR on a private temp copy; returns the edited bytes, or undefined when unchanged. */
async function editInTemp(run: VaultRun, file: string, existing: Buffer): Promise<Buffer | undefined> {
  const temp = await privateTempFile(run.io.env.TMPDIR || tmpdir(), file, existing);
  try {
    await runEditor(temp, run.io.env, run.io.cwd);
    const edited = await readFile(temp);
    return edited.equals(existing) && existing.length > 0 ? undefined : edited;
  } finally {
    await shred(temp);
  }
}

async function createFile(run: VaultRun): Promise<void> {
  const file = resolve(run.io.cwd, run.files[0]!);
  if (existsSync(file)) throw new TsibleError('TSIBLE_VAULT', `${run.files[0]} exists, please use 'edit' instead`);
  if (!existsSync(dirname(file))) {
    run.io.stderr.write(`[WARNING]: ${dirname(file)} does not exist, creating...\n`);
    mkdirSync(dirname(file), { recursive: true });
  }
  const edited = (await editInTemp(run, file, Buffer.alloc(0))) ?? Buffer.alloc(0);
  await writeFileAtomic(file, run.secrets.encrypt(edited, run.encryptLabel));
}

async function editFiles(run: VaultRun): Promise<void> {
  for (const name of run.files) {
    const file = resolve(run.io.cwd, name);
    const text = (await readSource(file)).toString('latin1');
    if (!isVaultText(text)) throw new TsibleError('TSIBLE_VAULT', `input is not vault encrypted data. ${name} is not a vault encrypted file for ${name}`);
    const { plaintext, label } = run.secrets.decryptWithId(text, name);
    const edited = await editInTemp(run, file, plaintext);
    // The header keeps the vault id it had, encrypted with the secret that opened the file.
    if (edited) await writeFileAtomic(file, run.secrets.encryptAs(edited, label, parseVaultEnvelope(text, name).label), { keepMode: true });
  }
}

async function rekeyFiles(run: VaultRun): Promise<void> {
  const newFile = run.values['new-vault-password-file'] as string | undefined;
  const newId = run.values['new-vault-id'] as string | undefined;
  const fresh = await loadVaultSecrets({
    vaultIds: newId ? [newId] : [],
    passwordFiles: newFile ? [newFile] : [],
    askVaultPass: Boolean(run.values['ask-vault-pass'] || run.values['ask-vault-password']),
    askPass: (prompt) => run.input.secret(prompt, run.io.stderr),
    autoPrompt: true,
    newPassword: true,
    cwd: run.io.cwd,
    env: { ...run.io.env, ANSIBLE_VAULT_IDENTITY_LIST: undefined },
  });
  if (fresh.isEmpty()) throw optionsError("A new vault password is required to use Ansible's Vault rekey");
  const label = (run.values['encrypt-vault-id'] as string | undefined) || run.io.env.ANSIBLE_VAULT_ENCRYPT_IDENTITY || undefined;
  for (const name of run.files) {
    const file = resolve(run.io.cwd, name);
    const plaintext = decryptInput(run, await readSource(file), name);
    await writeFileAtomic(file, fresh.encrypt(plaintext, label), { keepMode: true });
  }
  run.io.stderr.write('Rekey successful\n');
}

/** `name: !vault |` and the envelope indented by ten spaces, as ansible-vault prints it. */
function vaultYaml(ciphertext: string, name: string | undefined): string {
  const lines = ciphertext.split('\n').filter((l) => l !== '').map((l) => `${' '.repeat(10)}${l}`);
  return [`${name ? `${name}: ` : ''}!vault |`, ...lines].join('\n');
}

async function plaintextsToEncrypt(run: VaultRun): Promise<Array<{ text: Buffer; from: string; name?: string }>> {
  const items: Array<{ text: Buffer; from: string; name?: string }> = [];
  const args = run.files.filter((a) => a !== '-');
  if (run.values.prompt) {
    const name = (await run.input.secret('Variable name (enter for no name): ', run.io.stderr)) || undefined;
    const text = await run.input.secret(run.values['show-input'] ? 'String to encrypt:' : 'String to encrypt (hidden): ', run.io.stderr);
    if (text === '') throw optionsError('The plaintext provided from the prompt was empty, not encrypting');
    items.push({ text: Buffer.from(text), from: 'the interactive prompt', name });
  }
  if (readsStdin(run.values, run.files)) {
    if (run.io.stdout.isTTY) run.io.stderr.write('Reading plaintext input from stdin. (ctrl-d to end input, twice if your content does not already have a newline)\n');
    const text = await run.input.readAll();
    if (text.length === 0) throw optionsError('stdin was empty, not encrypting');
    items.push({ text, from: 'stdin', name: run.values['stdin-name'] as string | undefined });
  }
  const names = listFlag(run.values.name);
  if (names.length && args.length > names.length) {
    run.io.stderr.write(`The number of --name options do not match the number of args.\nThe last named variable will be "${names[names.length - 1]}". The rest will not have names.\n`);
  }
  args.forEach((arg, i) => {
    if (arg === '') throw optionsError('The plaintext provided from the command line args was empty, not encrypting');
    items.push({ text: Buffer.from(arg), from: 'the command line args', name: names[i] });
  });
  return items;
}

async function encryptStrings(run: VaultRun): Promise<void> {
  const items = await plaintextsToEncrypt(run);
  const outputs = items.map((item, i) => {
    if (items.length > 1) {
      run.io.stderr.write(item.name
        ? `# The encrypted version of variable ("${item.name}", the string #${i + 1} from ${item.from}).\n`
        : `# The encrypted version of the string #${i + 1} from ${item.from}.)\n`);
    }
    return vaultYaml(run.secrets.encrypt(item.text, run.encryptLabel), item.name);
  });
  await writeOutput(run, (run.values.output as string | undefined) ?? '-', outputs.join('\n'));
  successMessage(run, 'Encryption successful');
}

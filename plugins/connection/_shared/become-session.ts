import { TsibleError, type BecomeRequest } from 'tsible';

/** What the connection must do after feeding output to a BecomeSession. */
export type BecomeAction =
  | { kind: 'wait' }
  | { kind: 'send-password'; data: string }
  | { kind: 'ready' }
  | { kind: 'failed'; error: TsibleError };

const DEFAULT_BECOME_TIMEOUT = 12;

/**
 * Watches the output of a become-wrapped command until privileges are acquired. It answers the
 * password prompt once (through the action, never argv or env), treats a second prompt as a wrong
 * password, and once the success marker arrives it passes through only what follows the marker.
 * Transport-independent: local and ssh feed it their stdout/stderr chunks.
 */
export class BecomeSession {
  private readonly request: BecomeRequest;
  private preOut = '';
  private preErr = '';
  private passwordSent = false;
  private promptsSeen = 0;
  private state: 'waiting' | 'ready' | 'failed' = 'waiting';
  private strippedErr = '';

  constructor(request: BecomeRequest) {
    this.request = request;
  }

  get isReady(): boolean {
    return this.state === 'ready';
  }

  get timeoutMs(): number {
    return (this.request.timeoutSeconds ?? DEFAULT_BECOME_TIMEOUT) * 1000;
  }

  /** Feeds pre-marker output; returns the stdout/stderr text that belongs to the command itself. */
  feed(stream: 'stdout' | 'stderr', chunk: string): { action: BecomeAction; stdout: string; stderr: string } {
    if (this.state !== 'waiting') return { action: { kind: 'wait' }, stdout: stream === 'stdout' ? chunk : '', stderr: stream === 'stderr' ? chunk : '' };
    if (stream === 'stdout') this.preOut += chunk;
    else this.preErr += chunk;
    const markerAt = this.markerLineEnd();
    if (markerAt >= 0) {
      this.state = 'ready';
      const stdout = this.preOut.slice(markerAt);
      this.strippedErr = this.removePrompts(this.preErr);
      this.preOut = '';
      this.preErr = '';
      return { action: { kind: 'ready' }, stdout, stderr: this.strippedErr };
    }
    return { action: this.checkPrompt(), stdout: '', stderr: '' };
  }

  /** Called when the command ended (or timed out) before the marker was seen. */
  failure(reason: 'exited' | 'timeout', rc?: number): TsibleError {
    const said = this.removePrompts(`${this.preErr}\n${this.preOut}`).trim();
    const detail = said ? `: ${said.split('\n').slice(-3).join(' | ')}` : '';
    if (this.promptsSeen > 1 || /incorrect password|authentication failure|sorry, try again|permission denied/i.test(said)) {
      return becomeError(`incorrect become password${detail}`);
    }
    if (this.promptsSeen > 0 && !this.request.password) return becomeError(`a become password is required but none was given${detail}`);
    if (/password is required|authori[sz]ation required|authentication required/i.test(said)) return becomeError(`a become password is required but none was given${detail}`);
    if (reason === 'timeout') {
      const what = this.passwordSent ? 'the success marker after sending the password' : 'the become prompt or success marker';
      return becomeError(`timed out after ${this.timeoutMs / 1000}s waiting for ${what}${detail}`);
    }
    return becomeError(`privilege escalation failed (rc=${rc ?? 'unknown'})${detail}`);
  }

  private checkPrompt(): BecomeAction {
    const pattern = this.promptRegExp();
    if (!pattern) return { kind: 'wait' };
    const seen = (this.preOut + this.preErr).match(pattern)?.length ?? 0;
    if (seen <= this.promptsSeen) return { kind: 'wait' };
    this.promptsSeen = seen;
    if (this.passwordSent) {
      this.state = 'failed';
      return { kind: 'failed', error: this.failure('exited') };
    }
    if (!this.request.password) {
      this.state = 'failed';
      return { kind: 'failed', error: becomeError('a become password is required but none was given') };
    }
    this.passwordSent = true;
    return { kind: 'send-password', data: `${this.request.password}\n` };
  }

  /** Index just past the marker line in pre-marker stdout, or -1. Tolerates \r\n from a pty. */
  private markerLineEnd(): number {
    const marker = this.request.successMarker;
    const at = this.preOut.indexOf(marker);
    if (at < 0) return -1;
    const after = at + marker.length;
    const nl = this.preOut.indexOf('\n', after);
    if (nl < 0) return -1; // the rest of the marker line has not arrived yet
    return nl + 1;
  }

  private removePrompts(text: string): string {
    const pattern = this.promptRegExp();
    return pattern ? text.replace(pattern, '').replace(/^\s*\n/, '') : text;
  }

  private promptRegExp(): RegExp | undefined {
    const { prompt, promptPattern } = this.request;
    if (promptPattern) return new RegExp(promptPattern, 'gi');
    return prompt ? new RegExp(prompt.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g') : undefined;
  }
}

export function becomeError(message: string): TsibleError {
  return new TsibleError('TSIBLE_BECOME', message, {
    hints: ['check become_user, become_method and the become password (-K / ansible_become_password)'],
  });
}

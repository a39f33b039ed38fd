import type { ModuleContext } from 'tsible';

/** curl config quoting: inside double quotes, backslash and quote are escaped. */
const cq = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

/**
 * Shell that appends curl `form`/`form-string` lines for Ansible's form-multipart body: plain
 * fields, files on the target (`filename`), and inline `content` (written to a temp file first).
 * curl is required; wget cannot send multipart forms.
 */
export function multipartPrepare(ctx: ModuleContext<unknown>, body: Record<string, unknown>): string {
  const lines = ['command -v curl >/dev/null 2>&1 || { echo "__TSIBLE_MISSING__ curl (form-multipart) in paths: $PATH"; exit 127; }'];
  let i = 0;
  for (const [name, value] of Object.entries(body)) {
    if (value === null || typeof value !== 'object') {
      lines.push(`printf '%s\\n' ${ctx.quote(`form-string = "${cq(name)}=${cq(String(value))}"`)} >> "$d/curlrc"`);
      continue;
    }
    const v = value as Record<string, unknown>;
    const type = v.mime_type ? `;type=${String(v.mime_type)}` : '';
    if (v.content !== undefined) {
      const file = `"$d/part${i++}"`;
      const fname = v.filename ? `;filename=${String(v.filename).split('/').pop()}` : '';
      lines.push(`printf '%s' ${ctx.quote(Buffer.from(String(v.content)).toString('base64'))} | base64 -d > ${file} || exit 1`);
      lines.push(`printf 'form = "%s=@%s%s"\\n' ${ctx.quote(cq(name))} ${file} ${ctx.quote(cq(`${fname}${type}`))} >> "$d/curlrc"`);
    } else if (v.filename !== undefined) {
      lines.push(`printf 'form = "%s=@%s%s"\\n' ${ctx.quote(cq(name))} ${ctx.quote(cq(String(v.filename)))} ${ctx.quote(cq(type))} >> "$d/curlrc"`);
    }
  }
  return lines.join('\n');
}

import type { ModuleContext } from 'tsible';
import { DIGEST_FUNCTION, FILE_FACTS_FUNCTION, applyAttrsFunction, type FileAttrs } from './attrs.js';

export interface GetUrlArgs extends FileAttrs {
  url: string; dest: string; force: boolean; checksum: string; backup: boolean; timeout: number; headers?: Record<string, unknown>;
  url_username?: string; url_password?: string; force_basic_auth: boolean; validate_certs: boolean; http_agent: string;
  tmp_dest?: string; use_proxy: boolean; decompress: boolean;
}

/** Runs before the request: an existing destination that is not forced ends the task without a download. */
function precheck(ctx: ModuleContext<GetUrlArgs>, algo: string, expected: string): string {
  const dest = ctx.quote(ctx.args.dest);
  if (ctx.args.force || !expected) return '';
  return `if [ -e ${dest} ] && [ ! -d ${dest} ] && [ "$(digest ${algo} ${dest})" = ${ctx.quote(expected)} ]; then
  attrs_changed=0; apply_attrs ${dest}; echo '@@exists@@'; echo "attrs_changed=$attrs_changed"; file_facts ${dest}; exit 0
fi`;
}

/** After the request: pick the file name, verify the checksum, replace the destination when it differs. */
function install(ctx: ModuleContext<GetUrlArgs>, algo: string, expected: string, urlName: string): string {
  const dest = ctx.quote(ctx.args.dest);
  const check = ctx.check;
  return `
if [ "$code" = 304 ]; then echo '@@notmodified@@'; file_facts ${dest}; exit 0; fi
if [ "$rc" -ne 0 ] || [ "$code" -lt 200 ] || [ "$code" -ge 300 ]; then echo '@@fail@@'; exit 0; fi
if [ -d ${dest} ]; then
  fn=$(tr -d '\\r' < "$d/hdr" | sed -n 's/^[Cc]ontent-[Dd]isposition:.*filename="\\{0,1\\}\\([^";]*\\)"\\{0,1\\}.*/\\1/p' | tail -n 1)
  target=${dest}/"\${fn:-${urlName}}"
else target=${dest}; fi
echo '@@result@@'
echo "dest=$target"; echo "size=$(wc -c < "$d/out" | tr -d ' ')"
src_sha1=$(digest sha1 "$d/out"); echo "checksum_src=$src_sha1"
${expected ? `actual=$(digest ${algo} "$d/out"); if [ "$actual" != ${ctx.quote(expected)} ]; then echo "checksum_mismatch=$actual"; exit 0; fi` : ''}
dest_sha1=; [ -f "$target" ] && dest_sha1=$(digest sha1 "$target")
echo "checksum_dest=$dest_sha1"
changed=0
if [ "$src_sha1" != "$dest_sha1" ]; then
  changed=1
  ${check ? ':' : `${ctx.args.backup ? 'if [ -f "$target" ]; then b="$target.$$.$(date +%Y-%m-%d@%H:%M:%S)~"; cp -p "$target" "$b" && echo "backup_file=$b"; fi' : ':'}
  cp "$d/out" "$target.tsible-tmp" && mv -f "$target.tsible-tmp" "$target" || { echo "install_failed=1"; exit 0; }`}
fi
attrs_changed=0; apply_attrs "$target"
echo "changed=$changed"; echo "attrs_changed=$attrs_changed"; file_facts "$target"
[ -f "$target" ] && echo "md5sum=$(digest md5 "$target" 2>/dev/null)"
`;
}

/** The three parts around the HTTP request, as one script. */
export function getUrlParts(ctx: ModuleContext<GetUrlArgs>, algo: string, expected: string, urlName: string): { before: string; prepare: string; after: string } {
  const funcs = [DIGEST_FUNCTION, FILE_FACTS_FUNCTION, applyAttrsFunction(ctx, ctx.args, ctx.check)].join('\n');
  return { before: `${funcs}\n${precheck(ctx, algo, expected)}`, prepare: ifModifiedSince(ctx, expected), after: install(ctx, algo, expected, urlName) };
}

/**
 * An existing destination that is not forced is fetched conditionally (If-Modified-Since its
 * mtime), as Ansible does; a checksum mismatch forces the download.
 */
function ifModifiedSince(ctx: ModuleContext<GetUrlArgs>, expected: string): string {
  if (ctx.args.force || expected) return '';
  const dest = ctx.quote(ctx.args.dest);
  return `if [ -f ${dest} ]; then
  ims=$(LC_ALL=C date -u -r ${dest} '+%a, %d %b %Y %H:%M:%S GMT' 2>/dev/null)
  if [ -n "$ims" ]; then printf 'header = "If-Modified-Since: %s"\\n' "$ims" >> "$d/curlrc"; echo "header = If-Modified-Since: $ims" >> "$d/wgetrc"; fi
fi`;
}

import { stat } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { defineLookup, type LookupContext, type Vars } from 'tsible';
import { withStandardDelimiters } from './_shared/delimiters.js';
import { lookupError, requireString } from './_shared/errors.js';
import { readOptions } from './_shared/options.js';
import { readControllerFile } from './_shared/read.js';
import { findInSearchPath } from './_shared/search.js';

const options = {
  convert_data: { type: 'bool', default: true, description: 'Let a template that is a single expression keep its type (list, dict, …).' },
  template_vars: { type: 'dict', default: {}, description: 'Extra variables for the template, over the play\'s.' },
  variable_start_string: { type: 'str', default: '{{', description: 'Marks the start of an expression in the template.' },
  variable_end_string: { type: 'str', default: '}}', description: 'Marks the end of an expression in the template.' },
  jinja2_native: { type: 'bool', default: false, description: 'Accepted for compatibility; results keep native types as with convert_data.' },
} as const;

/** The `template_*` variables Ansible gives a template. */
async function templateVars(term: string, path: string): Promise<Vars> {
  const info = await stat(path);
  let uid: string;
  try {
    uid = userInfo({ encoding: 'utf8' }).username;
  } catch {
    uid = String(info.uid);
  }
  return {
    template_host: hostname(), template_path: term, template_fullpath: path, template_uid: uid,
    template_mtime: info.mtime.toISOString(), template_destpath: path, template_run_date: new Date().toISOString(),
  };
}

async function renderOne(ctx: LookupContext, term: string, opts: Record<string, unknown>): Promise<unknown> {
  const path = await findInSearchPath(ctx, 'templates', term);
  if (!path) throw lookupError(`the template file ${term} could not be found for the lookup`);
  let source = (await readControllerFile(ctx, path)).toString('utf8');
  source = withStandardDelimiters(source, String(opts.variable_start_string), String(opts.variable_end_string));
  // An empty expression first makes the result text even when the template is one expression.
  if (!opts.convert_data) source = `{{ '' }}${source}`;
  const extra = { ...(await templateVars(term, path)), ...(opts.template_vars as Vars) };
  return ctx.template(source, extra);
}

export default defineLookup({
  name: 'template',
  shortDescription: 'retrieve contents of file after templating with Jinja2',
  description: 'Renders controller template files (searched in the role\'s and playbook\'s `templates/` directories) '
    + 'with the current variables plus `template_vars`.',
  options,
  examples: `- debug: msg="{{ lookup('template', 'motd.j2', template_vars={'owner': 'ops'}) }}"`,
  returns: { _raw: 'the rendered templates' },
  async run(terms, given, ctx) {
    const opts = readOptions(options, given, 'template');
    const out: unknown[] = [];
    for (const term of terms) out.push(await renderOne(ctx, requireString(term), opts));
    return out;
  },
});

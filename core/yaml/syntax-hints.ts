/**
 * Advice for the usual ways a playbook line breaks YAML, chosen from the offending line the way
 * Ansible chooses its remedies (the wording is tsible's own).
 */
export function syntaxHints(line: string | undefined, column: number): string[] {
  if (line === undefined) return [];
  const hints: string[] = [];
  if (line.includes('\t')) {
    hints.push('There appears to be a tab character at the start of the line. YAML does not use tabs for indentation: replace them with spaces.');
  }
  const compact = line.replace(/ /g, '');
  if (line.includes('{{') && line.includes('}}') && !/["']\{\{/.test(line)) {
    hints.push(
      'We could be wrong, but this one looks like it might be an issue with missing quotes. A value that starts with '
        + 'a template expression must be quoted, or YAML reads the braces as a dictionary: write  msg: "{{ greeting }}"  instead of  msg: {{ greeting }}',
    );
  } else if (compact.includes(':{{') && compact.includes('}}')) {
    hints.push('This one looks easy to fix. YAML thought it was looking for the start of a dictionary, because the value starts with "{": quote the whole value, e.g. app: "{{ name }}"');
  } else if (line[column - 1] === ':' && line.split(':').length > 2) {
    hints.push('This one looks easy to fix. There seems to be an extra unquoted colon in the line, which YAML reads as the start of another mapping: quote the value, e.g. foo: "bad: value"');
  } else if (unbalancedQuotes(line)) {
    hints.push('This one looks easy to fix. It seems that there is a value started with a quote, and the YAML parser expects the same quote to end the value: quote the whole value, or close the quote.');
  }
  return hints;
}

function unbalancedQuotes(line: string): boolean {
  const colon = line.indexOf(':');
  if (colon < 0) return false;
  const value = line.slice(colon + 1).trim();
  if (!value) return false;
  const quote = value[0];
  if (quote !== '"' && quote !== "'") return false;
  return !value.endsWith(quote) || value.length === 1 || value.split(quote).length % 2 === 0;
}

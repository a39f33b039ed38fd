/**
 * A small CSV reader (RFC 4180: quoted fields, doubled quotes, commas and newlines inside quotes).
 * Returns rows with the 1-based line each row starts on, so errors can name file:line.
 */
export interface CsvRow {
  line: number;
  fields: string[];
}

export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = (): void => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '') rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[++i];
      else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n') {
      endRow();
      rowLine = ++line;
    } else if (c !== '\r') field += c;
  }
  if (quoted) throw new Error(`unterminated quoted field starting on line ${rowLine}`);
  endRow();
  return rows;
}

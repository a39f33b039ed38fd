/**
 * Python's csv.reader with its default dialect but a chosen delimiter: `"` quotes a field that
 * starts with it (a doubled `""` inside is one quote), quoted fields may span lines, and a line
 * ends at \n, \r\n or \r. An empty line is an empty row.
 */
export function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let state: 'start' | 'plain' | 'quoted' | 'afterQuote' = 'start';
  let rowStarted = false;
  const endField = () => {
    row.push(field);
    field = '';
    state = 'start';
  };
  const endRow = () => {
    if (rowStarted || row.length) endField();
    rows.push(row);
    row = [];
    rowStarted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (state === 'quoted') {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else state = 'afterQuote';
      } else field += c;
      continue;
    }
    if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      continue;
    }
    rowStarted = true;
    if (c === delimiter) endField();
    else if (c === '"' && state === 'start') state = 'quoted';
    else {
      field += c;
      if (state === 'start') state = 'plain';
    }
  }
  if (rowStarted || row.length || state === 'quoted') endRow();
  return rows;
}

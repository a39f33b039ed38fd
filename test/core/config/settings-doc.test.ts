import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSettingsTable } from '../../../core/config/settings-doc';

test('docs/configuration.md lists every setting exactly as the SETTINGS catalogue defines it', () => {
  const doc = readFileSync(join(__dirname, '../../../docs/configuration.md'), 'utf8');
  expect(doc).toContain(renderSettingsTable());
});

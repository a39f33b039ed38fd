/** formatLogEntry: log lines printed before callbacks are attached look like the ones after. */
import { formatLogEntry } from 'tsible';

// Expected texts are Python textwrap's output for the same input.
test('warnings and deprecations are wrapped and worded as Ansible does; -v lines follow the verbosity', () => {
  const long = 'Could not match supplied host pattern, ignoring: a-rather-long-group-name-that-goes-past-the-edge';
  expect(formatLogEntry({ level: 'warning', message: long }, { verbosity: 0 })).toEqual({
    stream: 'stderr',
    text: '[WARNING]: Could not match supplied host pattern, ignoring: a-rather-long-\ngroup-name-that-goes-past-the-edge\n',
  });
  expect(formatLogEntry({ level: 'deprecation', message: 'x is old' }, { verbosity: 0 })?.text)
    .toBe('[DEPRECATION WARNING]: x is old. This feature will be removed in a future \nrelease. Deprecation warnings can be disabled by setting \ndeprecation_warnings=False in ansible.cfg.\n');
  expect(formatLogEntry({ level: 'deprecation', message: 'x' }, { verbosity: 0, deprecations: false })).toBeUndefined();
  expect(formatLogEntry({ level: 'verbose', verbosity: 3, message: 'EXEC /bin/sh', host: 'web1' }, { verbosity: 2 })).toBeUndefined();
  expect(formatLogEntry({ level: 'verbose', verbosity: 3, message: 'EXEC /bin/sh', host: 'web1' }, { verbosity: 3 }))
    .toEqual({ stream: 'stdout', text: '<web1> EXEC /bin/sh\n' });
  expect(formatLogEntry({ level: 'debug', message: 'x' }, { verbosity: 4 })).toBeUndefined();
});

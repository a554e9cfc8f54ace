// Prints the test counts of a run, per group and in all, ending with one plain line
// "Tests: N passed, N failed" that CI and people can read at a glance.
function countSuite(suite, counts) {
  for (const test of suite.tests) {
    if (test.skipped) counts.skipped += 1;
    else if (test.passed) counts.passed += 1;
    else counts.failed += 1;
  }
  for (const child of suite.suites) countSuite(child, counts);
}

export function countReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const groups = new Map();
      for (const session of sessions) {
        const name = session.group?.name ?? 'default';
        if (!groups.has(name)) groups.set(name, { passed: 0, failed: 0, skipped: 0, files: 0 });
        const counts = groups.get(name);
        counts.files += 1;
        const before = counts.failed + counts.passed;
        if (session.testResults) countSuite(session.testResults, counts);
        // A file that failed to load or threw outside a test counts as a failure, never as nothing.
        if (!session.passed && counts.failed + counts.passed === before) counts.failed += 1;
        else if (!session.passed && session.errors?.length) counts.failed += session.errors.length;
      }
      const total = { passed: 0, failed: 0, skipped: 0 };
      console.log('');
      for (const [name, counts] of groups) {
        console.log(
          `  ${name}: ${counts.files} files, ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`,
        );
        for (const key of Object.keys(total)) total[key] += counts[key];
      }
      console.log(`Tests: ${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
    },
  };
}

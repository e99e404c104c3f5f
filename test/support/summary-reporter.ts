// Prints one plain closing line, `tests: N passed, N failed, N skipped`, that any CI log reader understands, and
// says so when errors outside any test (an uncaught exception) failed the run although every test passed.
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
      if (m.state() === 'failed' && [...m.children.allTests()].length === 0) counts.failed++; // a file that failed to load
    }
    const errors = unhandledErrors.length > 0 ? `; ${unhandledErrors.length} unhandled error(s) outside any test` : '';
    process.stdout.write(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${errors}\n`);
  }
}

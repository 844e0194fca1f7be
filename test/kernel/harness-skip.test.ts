// Kernel tests must never pass silently: without a usable kernel they are reported as skipped
// and "KERNEL TESTS SKIPPED" is printed; with EBCC_REQUIRE_KERNEL=1 they fail instead.
// This runs a nested vitest on fixtures/skip-probe.fixture.ts with EBCC_SKIP_KERNEL=1.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { withScratchDir } from './bpftool.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

interface NestedRun {
  status: number | null;
  stderr: string;
  report: { numPassedTests: number; numPendingTests: number; numFailedTests: number;
    testResults: { assertionResults: { title: string; status: string }[] }[] };
}

function runFixture(extraEnv: Record<string, string>): NestedRun {
  return withScratchDir((dir) => {
    const reportPath = join(dir, 'report.json');
    const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv, NO_COLOR: '1' };
    // Keep the nested run from thinking it is a worker of this one.
    for (const name of Object.keys(env)) if (name.startsWith('VITEST')) delete env[name];
    const res = spawnSync(process.execPath, [
      join(repoRoot, 'node_modules/vitest/vitest.mjs'), 'run',
      '--config', join(repoRoot, 'test/kernel/fixtures/vitest.fixture.config.ts'),
      '--reporter=default', '--reporter=json', `--outputFile.json=${reportPath}`,
    ], { cwd: repoRoot, env, encoding: 'utf8', timeout: 60_000 });
    return { status: res.status, stderr: res.stderr,
      report: JSON.parse(readFileSync(reportPath, 'utf8')) as NestedRun['report'] };
  });
}

describe('kernel tests without a kernel', () => {
  it('are reported as skipped, loudly', () => {
    const run = runFixture({ EBCC_SKIP_KERNEL: '1', EBCC_REQUIRE_KERNEL: '0' });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('KERNEL TESTS SKIPPED: EBCC_SKIP_KERNEL=1 is set');
    expect(run.report).toMatchObject({ numPassedTests: 0, numPendingTests: 3, numFailedTests: 0 });
    const statuses = run.report.testResults.flatMap((f) => f.assertionResults.map((a) => a.status));
    expect(statuses).toEqual(['skipped', 'skipped', 'skipped']);
  });

  it('fail when EBCC_REQUIRE_KERNEL=1', () => {
    const run = runFixture({ EBCC_SKIP_KERNEL: '1', EBCC_REQUIRE_KERNEL: '1' });
    expect(run.status).not.toBe(0);
    expect(run.report).toMatchObject({ numPassedTests: 0, numFailedTests: 2 });
  });
});

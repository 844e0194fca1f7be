import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30000,
    pool: 'forks',
    // A test that asserts nothing cannot fail: vitest fails it.
    expect: { requireAssertions: true },
  },
});

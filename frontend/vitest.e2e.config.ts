import { defineConfig } from 'vitest/config'

// Browser E2E against the Wails dev bridge (real Go code). Run through scripts/e2e.sh, which builds the
// bridge and the peers; one worker, because every spec drives the same bridge and profile store.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})

// Playwright journeys of the Snapshot Panel. Run them with `cargo xtask test` (step 7), which
// builds dist/, starts the simulator with its control endpoints and a real nginx in front of
// both, and passes their addresses here:
//   BASE_URL  the panel, through nginx        (http://127.0.0.1:18080)
//   SIM_URL   the simulator, directly         (http://127.0.0.1:18787), for /__sim/ control
//
// The browser is Debian's Chromium. Never run `npx playwright install`: it downloads a browser
// and fails on machines without internet (see /work/shared/TOOLCHAIN.md).
import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';

export default defineConfig({
  testDir: 'tests',
  // No retries: a flaky journey is a bug to fix, not to hide.
  retries: 0,
  // One simulator is shared by every test, and each test resets it: run them one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    baseURL: process.env.BASE_URL ?? 'http://127.0.0.1:18080',
    browserName: 'chromium',
    launchOptions: {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});

// The browser every Playwright run here drives: Debian's Chromium, with the flags of
// webdriver.json (wasm-bindgen-test). Chromium as root needs --no-sandbox; the networking
// flags stop it from trying (and failing) to reach Google's services. Never run
// `npx playwright install`: it downloads a browser (see /work/shared/TOOLCHAIN.md).
// Read by playwright.config.ts (the journeys) and bench/run.mjs (the browser benchmark).
export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

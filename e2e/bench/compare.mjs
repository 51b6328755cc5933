// Builds against each other: several release builds (and, with `vanilla`, the hand-written
// page) load the same account in one headless Chromium run, alternating, after one warm-up
// each; the medians of navigation -> last row, and of the renderer's script time until painted.
// A lever is judged here before the full benchmark (run.mjs) records it.
//
//   node e2e/bench/compare.mjs DIST [DIST | vanilla]... [--doc] [--n=8] [--latency=MS]
//
// Each DIST is a release build's folder (`trunk build --release --dist DIR`); --doc loads the
// provider doc's two snapshots instead of 1,000 servers x 5; --latency adds MS to every
// response (Chromium's network emulation), for what a real network's round trips change.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../chromium.mjs';
import { generate, docExample } from './data.mjs';
import { startServer } from './server.mjs';
const HERE = path.dirname(fileURLToPath(import.meta.url));
const dists = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const doc = process.argv.includes('--doc');
const iters = Number((process.argv.find((a) => a.startsWith('--n=')) || '--n=8').slice(4));
const latency = Number((process.argv.find((a) => a.startsWith('--latency=')) || '--latency=0').slice(10));
const world = doc ? docExample() : generate({ servers: 1000, perServer: 5, seed: 11 });
const rows = world.snapshots.length;
const servers = [];
for (const [i, dist] of dists.entries()) {
  const s = await startServer({ port: 18940 + i, dist: dist === 'vanilla' ? path.join(HERE, '../../dist') : dist, vanilla: path.join(HERE, 'vanilla'), css: path.join(HERE, '../../style/panel.css'), meta: [['auth', 'proxy'], ['poll-seconds', '5']] });
  s.setWorld(world);
  s.warm(['/']);
  servers.push(s);
}
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const res = dists.map(() => ({ last: [], script: [] }));
for (let it = -1; it < iters; it++) {
  for (const [i] of dists.entries()) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.addInitScript((t) => { window.__benchTarget = t; }, rows);
    let done; const p = new Promise((r) => (done = r));
    await page.exposeFunction('__benchNotify', (name) => { if (name === 'painted') done(); });
    await page.addInitScript({ path: path.join(HERE, 'observer.js') });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    if (latency > 0) {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency, downloadThroughput: -1, uploadThroughput: -1 });
    }
    const m0 = (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ScriptDuration').value;
    await page.goto(servers[i].origin + (dists[i] === 'vanilla' ? '/vanilla/?poll-seconds=5' : '/'), { waitUntil: 'commit' });
    await p;
    const m1 = (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ScriptDuration').value;
    const last = await page.evaluate(() => window.__bench.lastRowAt);
    if (it >= 0) { res[i].last.push(last); res[i].script.push((m1 - m0) * 1000); }
    await context.close();
  }
}
const med = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
for (const [i, d] of dists.entries()) console.log(d.padEnd(22), 'last row', Math.round(med(res[i].last)), `(${Math.round(Math.min(...res[i].last))}-${Math.round(Math.max(...res[i].last))})`, 'script', Math.round(med(res[i].script)));
await browser.close();
process.exit(0);

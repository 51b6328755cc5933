// Smoke test: the release build, served by nginx with the strict CSP, starts, reaches the API
// through the proxy (which injects the token) and shows the first server with its snapshots.
import path from 'node:path';
import { test, expect, resetSimulator } from './support';

test('the panel shows the first server and its snapshots', async ({ page }) => {
  await resetSimulator();
  await page.goto('/');

  const server = page.getByRole('region', { name: 'web-server-01' });
  await expect(server).toBeVisible();
  await expect(server).toContainText('pre-migration-snapshot');
  await expect(server).toContainText('weekly-snapshot-2025-01-08');
  await expect(server).toContainText('5.0 GB');

  // Committed and shown in the README (docs/screenshot.png at the repository root).
  await page.screenshot({ path: path.join(__dirname, '..', '..', 'docs', 'screenshot.png'), fullPage: true });
});

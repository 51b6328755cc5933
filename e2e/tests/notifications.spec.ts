// Issue 14, notifications when a long job ends: "Notify me when a snapshot or restore is done" is an opt-in that
// asks the browser's permission only when ticked; a create finishing while the tab is in the
// background shows one system notification naming the snapshot and its server (the panel
// keeps following the job there); nothing is shown while the tab is visible; a refusal is
// explained and never asked again. The browser's Notification is replaced by a stub that
// records each call (headless Chromium shows none), installed before the panel loads.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { test, expect, resetSimulator, apiRequests, setTabHidden } from './support';

interface Recorded {
  shown: Array<{ title: string; body: string }>;
  asked: number;
}

/** Replaces window.Notification with a recording stub whose permission starts as `permission`
 * and which answers a request with `answer`. */
async function stubNotifications(page: Page, permission: string, answer: string): Promise<void> {
  await page.addInitScript(
    ({ permission, answer }) => {
      const record = { shown: [] as Array<{ title: string; body: string }>, asked: 0 };
      (window as unknown as { __notify: typeof record }).__notify = record;
      class StubNotification {
        static permission = permission;
        static requestPermission() {
          record.asked += 1;
          StubNotification.permission = answer;
          return Promise.resolve(answer);
        }
        constructor(title: string, options?: { body?: string }) {
          record.shown.push({ title, body: options?.body ?? '' });
        }
      }
      Object.defineProperty(window, 'Notification', { configurable: true, value: StubNotification });
    },
    { permission, answer },
  );
}

async function recorded(page: Page): Promise<Recorded> {
  return page.evaluate(() => (window as unknown as { __notify: Recorded }).__notify);
}

async function openPanel(page: Page): Promise<Locator> {
  await page.goto('/');
  const group = page.getByRole('region', { name: 'web-server-01' });
  await expect(group).toContainText('pre-migration-snapshot', { timeout: 20_000 });
  return group;
}

/** Takes a snapshot of web-server-01 named `name` from its group's button. */
async function create(page: Page, group: Locator, name: string): Promise<Locator> {
  await group.getByRole('button', { name: 'New snapshot of web-server-01' }).click();
  const dialog = page.getByRole('dialog', { name: 'New snapshot of web-server-01' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('button', { name: 'Create snapshot' }).click();
  await expect(dialog).toBeHidden();
  const row = group.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('In progress');
  return row;
}

test('asked only on a click; a create that ends in a background tab is notified, one that ends in front is not', async ({
  page,
}) => {
  await stubNotifications(page, 'default', 'granted');
  await resetSimulator({ create_secs: 3 });
  const group = await openPanel(page);
  const toggle = page.getByRole('checkbox', { name: 'Notify me when a snapshot or restore is done' });
  await expect(toggle).not.toBeChecked();
  expect((await recorded(page)).asked, 'nothing is asked before the click').toBe(0);

  await toggle.check();
  await expect(toggle).toBeChecked();
  await expect(toggle).toHaveAccessibleDescription(/a notification when a create or restore ends/);
  expect((await recorded(page)).asked).toBe(1);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);

  // Started, then the tab goes to the background: the panel keeps checking, and says it there.
  const before = (await apiRequests()).length;
  const row = await create(page, group, 'nightly-before-upgrade');
  await setTabHidden(page, true);
  // (The seed's own snapshot in progress, of another server, may end meanwhile: notified too.)
  await expect
    .poll(async () => (await recorded(page)).shown, { timeout: 25_000 })
    .toContainEqual({ title: 'Snapshots', body: 'Snapshot nightly-before-upgrade of web-server-01 is ready.' });
  const checks = (await apiRequests()).slice(before).filter((r) => r.method === 'GET' && r.query.includes('server_id=12345'));
  expect(checks.length, 'the job was followed in the background').toBeGreaterThan(0);
  await setTabHidden(page, false);
  await expect(row).toContainText('Completed');
  const notified = (await recorded(page)).shown.length;

  // In front, the live region speaks and no notification is shown.
  const second = await create(page, group, 'second-in-front');
  await expect(second).toContainText('Completed', { timeout: 25_000 });
  await expect(page.getByRole('list', { name: 'Notices' })).toContainText(
    'Snapshot second-in-front of web-server-01 is ready.',
  );
  expect((await recorded(page)).shown, 'nothing while the tab is in front').toHaveLength(notified);

  // Unticked, and never asked again.
  await toggle.uncheck();
  await expect(toggle).not.toBeChecked();
  expect((await recorded(page)).asked, 'asked once in all').toBe(1);
});

test('a restore that ends in a background tab is notified, naming the server', async ({ page }) => {
  await stubNotifications(page, 'granted', 'granted');
  await resetSimulator({ restore_secs: 3 });
  const group = await openPanel(page);
  const toggle = page.getByRole('checkbox', { name: 'Notify me when a snapshot or restore is done' });
  await toggle.check();
  expect((await recorded(page)).asked, 'allowed before: not asked again').toBe(0);

  await group.getByRole('button', { name: 'Restore weekly-snapshot-2025-01-08' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore web-server-01 from weekly-snapshot-2025-01-08?' });
  await dialog.getByRole('checkbox', { name: 'Take a snapshot of the current state first' }).uncheck();
  await dialog.getByRole('textbox', { name: 'Type web-server-01 to confirm' }).fill('web-server-01');
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(dialog).toBeHidden();
  await setTabHidden(page, true);
  await expect
    .poll(async () => (await recorded(page)).shown, { timeout: 25_000 })
    .toContainEqual({ title: 'Snapshots', body: 'web-server-01 has been restored and is running.' });
});

test('a refusal is explained, the box stays unticked, and the browser is not asked again', async ({ page }) => {
  await stubNotifications(page, 'default', 'denied');
  await resetSimulator();
  await openPanel(page);
  const toggle = page.getByRole('checkbox', { name: 'Notify me when a snapshot or restore is done' });
  await toggle.click();
  const explained = page.getByText('Notifications are blocked for this site in your browser', { exact: false });
  await expect(explained).toBeVisible();
  await expect(toggle).not.toBeChecked();
  await expect(toggle).toHaveAccessibleDescription(/blocked for this site/);
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await expect(explained).toBeVisible();
  expect((await recorded(page)).asked, 'asked once, never again').toBe(1);
});

test('a permission refused before is explained without asking', async ({ page }) => {
  await stubNotifications(page, 'denied', 'denied');
  await resetSimulator();
  await openPanel(page);
  const toggle = page.getByRole('checkbox', { name: 'Notify me when a snapshot or restore is done' });
  await toggle.click();
  await expect(page.getByText('Notifications are blocked for this site in your browser', { exact: false })).toBeVisible();
  await expect(toggle).not.toBeChecked();
  expect((await recorded(page)).asked).toBe(0);
});

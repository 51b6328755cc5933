// Issue 14, part 2: a safety snapshot before a restore. When the server has room, the restore
// dialog offers (ticked) to snapshot the current state first; the restore is sent only after
// that snapshot completed, never when it is cancelled or fails; a full server says so and
// offers the way to make room, or to go on without.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, resetSimulator, apiRequests, setFaults, setTabHidden, SIM_URL } from './support';
import { configureDeployment, openHostPage, hostEvents, expectNoCspViolations } from './deployment';

const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const SAFETY_NAME = /^before-restore-\d{8}-\d{4}$/;
const SAFETY_IN = /before-restore-\d{8}-\d{4}/;
const KEEP_OPEN = 'Keep this page open: if it is closed before the safety snapshot is ready, the restore is not sent.';

async function restorePosts() {
  return (await apiRequests()).filter((r) => r.method === 'POST' && /\/restore\/$/.test(r.path));
}

async function createPosts() {
  return (await apiRequests()).filter((r) => r.method === 'POST' && r.path === '/api/v1/snapshots/');
}

/** alice's snapshots of a server, straight from the API. */
async function snapshotsOf(serverId: number): Promise<Array<{ id: number; name: string; status: string; description: string | null }>> {
  const response = await fetch(`${SIM_URL}/api/v1/snapshots/?server_id=${serverId}`, {
    headers: { Authorization: 'Bearer vps_demo_alice' },
  });
  return (await response.json()).results;
}

/** Records, in the browser's order, the safety snapshot's create, every list answer's word on it,
 * and every restore request. */
function recordOrder(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && /\/api\/v1\/snapshots\/\d+\/restore\/$/.test(request.url())) seen.push('restore');
    if (request.method() === 'POST' && /\/api\/v1\/snapshots\/$/.test(request.url())) seen.push('create');
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (response.request().method() !== 'GET' || url.pathname !== '/api/v1/snapshots/') return;
    const at = seen.push('list') - 1;
    response
      .json()
      .then((body) => {
        const safety = (body.results ?? []).find((s: { name: string }) => SAFETY_NAME.test(s.name));
        seen[at] = safety ? `list:${safety.status}` : 'list';
      })
      .catch(() => {});
  });
  return seen;
}

function restoreDialog(scope: Page | ReturnType<Page['locator']>, server: string, snapshot: string) {
  const dialog = scope.getByRole('dialog', { name: `Restore ${server} from ${snapshot}?` });
  return {
    dialog,
    safety: dialog.getByRole('checkbox', { name: 'Take a snapshot of the current state first' }),
    confirmName: dialog.getByRole('textbox', { name: `Type ${server} to confirm` }),
    restore: dialog.getByRole('button', { name: 'Restore', exact: true }),
    waiting: dialog.getByRole('button', { name: 'Waiting…' }),
    cancel: dialog.getByRole('button', { name: 'Cancel' }),
    status: dialog.getByRole('status'),
  };
}

async function openRestore(page: Page, server: string, snapshot: string) {
  await page.goto('/');
  const group = page.getByRole('region', { name: server });
  await group.getByRole('button', { name: `Restore ${snapshot}` }).click();
  const parts = restoreDialog(page, server, snapshot);
  await expect(parts.dialog).toBeVisible();
  return { group, ...parts };
}

/** Restores web-server-01 from `snapshot` with a safety snapshot, and lets it wait in the
 * background once the dialog says it waits. */
async function restoreInBackground(page: Page, snapshot: string) {
  const parts = await openRestore(page, 'web-server-01', snapshot);
  await parts.confirmName.fill('web-server-01');
  await parts.restore.click();
  await expect(parts.status).toContainText(KEEP_OPEN);
  await parts.dialog.getByRole('button', { name: 'Wait in the background' }).click();
  return parts;
}

test('a restore with a safety snapshot: the create, its completion, then exactly one restore, even in a background tab', async ({
  page,
}) => {
  await resetSimulator({ create_secs: 4, restore_secs: 600 });
  const seen = recordOrder(page);
  const { group, dialog, safety, confirmName, restore, waiting, status } = await openRestore(
    page,
    'web-server-01',
    'weekly-snapshot-2025-01-08',
  );

  // Offered and ticked, with its name and what it means.
  await expect(safety).toBeChecked();
  await expect(safety).toHaveAccessibleDescription(
    /^It is named before-restore-\d{8}-\d{4}\. The restore is sent once it has completed, which takes 3 to 10 minutes\.$/,
  );
  const results = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  expect(results.violations.map((v) => v.id), 'the dialog with the offer').toEqual([]);

  await confirmName.fill('web-server-01');
  await restore.click();

  // The dialog stays, says the restore waits, and that closing the page means it is not sent.
  await expect(status).toContainText(/^Taking the safety snapshot before-restore-\d{8}-\d{4}\. The restore of web-server-01 starts once it is ready\./);
  await expect(status).toContainText(KEEP_OPEN);
  await expect(waiting).toBeDisabled();
  await expect(safety).toBeDisabled();
  const afterConfirm = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  expect(afterConfirm.violations.map((v) => v.id), 'the dialog while waiting').toEqual([]);

  expect(await createPosts()).toHaveLength(1);
  expect(await restorePosts()).toHaveLength(0);
  const [taken] = (await snapshotsOf(12345)).filter((s) => SAFETY_NAME.test(s.name));
  expect(taken.status).toBe('in_progress');
  expect(taken.description).toBe('Taken by the panel before restoring from weekly-snapshot-2025-01-08.');

  // The person moves to another tab: the panel keeps following, and sends the restore there.
  await setTabHidden(page, true);
  await expect.poll(async () => (await restorePosts()).length, { timeout: 20_000 }).toBe(1);
  await setTabHidden(page, false);

  const posts = await restorePosts();
  expect(posts[0].path).toBe('/api/v1/snapshots/798/restore/');
  expect(posts[0].status).toBe(200);
  // In this order: the create, a list showing it completed, then the one restore.
  const order = seen.filter((s) => s !== 'list');
  expect(order[0]).toBe('create');
  expect(order.filter((s) => s === 'restore')).toHaveLength(1);
  const restoreAt = order.indexOf('restore');
  expect(order.indexOf('list:completed')).toBeGreaterThan(0);
  expect(order.indexOf('list:completed')).toBeLessThan(restoreAt);
  expect(order.slice(0, restoreAt).filter((s) => s.startsWith('list:') && s !== 'list:in_progress' && s !== 'list:completed')).toEqual([]);

  await expect(dialog).toBeHidden();
  await expect(group.getByText('Restoring', { exact: true })).toBeVisible();
  await expect(group.getByRole('row', { name: SAFETY_IN })).toContainText('Completed');
  await expect(page.getByRole('list', { name: 'Notices' })).toContainText(
    'web-server-01: Server is being restored from snapshot. This may take 5-15 minutes.',
  );
});

test('a restore whose answer is late, confirmed again: no second safety snapshot, and the restore sent at once', async ({
  page,
}) => {
  await resetSimulator({ create_secs: 2, restore_secs: 600 });
  await configureDeployment(page, { meta: { 'timeout-ms': '1500' } });
  const { group, dialog, confirmName, restore } = await openRestore(page, 'web-server-01', 'weekly-snapshot-2025-01-08');
  // The API takes 15 s over the restore; the panel stops waiting after 1.5 s.
  await setFaults({ kinds: ['latency'], latency_ms: 15_000, method: 'POST', path_prefix: '/api/v1/snapshots/798/restore/', count: 1 });
  await confirmName.fill('web-server-01');
  await restore.click();
  await expect(dialog.getByRole('alert')).toContainText('not restoring, but the API may still start the restore', {
    timeout: 30_000,
  });
  expect(await createPosts()).toHaveLength(1);

  // Pressed again before the API got to it: the safety snapshot taken for the first press
  // serves, and the restore goes at once.
  await restore.click();
  await expect(dialog).toBeHidden();
  await expect(group.getByText('Restoring', { exact: true })).toBeVisible();
  expect(await createPosts(), 'no second safety snapshot').toHaveLength(1);
});

test('a late restore first confirmed without a safety snapshot, confirmed again with one: the safety snapshot is taken first', async ({
  page,
}) => {
  await resetSimulator({ create_secs: 2, restore_secs: 600 });
  await configureDeployment(page, { meta: { 'timeout-ms': '1500' } });
  const { group, dialog, safety, confirmName, restore } = await openRestore(page, 'web-server-01', 'weekly-snapshot-2025-01-08');
  await setFaults({ kinds: ['latency'], latency_ms: 15_000, method: 'POST', path_prefix: '/api/v1/snapshots/798/restore/', count: 1 });
  await safety.uncheck();
  await confirmName.fill('web-server-01');
  await restore.click();
  await expect(dialog.getByRole('alert')).toContainText('not restoring, but the API may still start the restore', {
    timeout: 30_000,
  });
  expect(await createPosts(), 'none asked for yet').toHaveLength(0);

  // The person changes their mind: the first confirmation took none, so this one takes it.
  await safety.check();
  await restore.click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  await expect(group.getByText('Restoring', { exact: true })).toBeVisible();
  const taken = (await snapshotsOf(12345)).filter((s) => SAFETY_NAME.test(s.name));
  expect(taken, 'the safety snapshot asked for the second time').toHaveLength(1);
  expect(taken[0].status).toBe('completed');
  // The first restore, which the API answers only after 15 s, and this one.
  await expect.poll(async () => (await restorePosts()).length, { timeout: 20_000 }).toBe(2);
});

test('waited for in the background: the page is usable, says what waits, holds other restores, and the restore is sent once the snapshot is ready', async ({
  page,
}) => {
  // Long enough for every step below to happen while it waits, on a slow machine too.
  await resetSimulator({ create_secs: 15, restore_secs: 600 });
  const { group, dialog, status } = await restoreInBackground(page, 'weekly-snapshot-2025-01-08');
  await expect(dialog).toBeHidden();
  const waits = page.locator('.sp-waiting-restore');
  const said =
    /^web-server-01: The restore from weekly-snapshot-2025-01-08 waits for the safety snapshot before-restore-\d{8}-\d{4} and is sent once it is ready\. Keep this page open\./;
  await expect(waits).toContainText(said);
  // Heard too: the page's polite live region says it.
  await expect(page.locator('[role="status"][aria-live="polite"]').filter({ hasText: said })).toHaveCount(1);

  // The page is usable meanwhile, but one restore at a time: another's dialog says why it
  // is held, and closing it leaves the waiting one alone.
  const db = page.getByRole('region', { name: 'db-primary' });
  await db.getByRole('button', { name: 'Restore db-nightly-5' }).click();
  const other = restoreDialog(page, 'db-primary', 'db-nightly-5');
  await expect(other.dialog).toContainText('Another restore is on its way (waiting for its safety snapshot, or being sent).');
  await other.confirmName.fill('db-primary');
  await expect(other.restore).toBeDisabled();
  await other.cancel.click();
  await expect(other.dialog).toBeHidden();
  await expect(waits).toBeVisible();
  expect(await restorePosts()).toHaveLength(0);

  // Sent once the safety snapshot is ready, and said.
  await expect(group.getByText('Restoring', { exact: true })).toBeVisible({ timeout: 45_000 });
  await expect(waits).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Notices' })).toContainText(
    'web-server-01: Server is being restored from snapshot. This may take 5-15 minutes.',
  );
  expect(await restorePosts()).toHaveLength(1);
});

test('waited for in the background while the page shows another server: the restore is still sent', async ({ page }) => {
  await resetSimulator({ create_secs: 8, restore_secs: 600 });
  const { dialog, status } = await restoreInBackground(page, 'weekly-snapshot-2025-01-08');
  // Off to db-primary's own page, whose loads hold only db-primary.
  await page.getByRole('region', { name: 'db-primary' }).getByRole('link', { name: 'db-primary' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'db-primary' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Notices' })).toContainText(
    'web-server-01: Server is being restored from snapshot. This may take 5-15 minutes.',
    { timeout: 30_000 },
  );
  await expect(page.getByRole('list', { name: 'Notices' })).not.toContainText('no longer listed');
  expect(await restorePosts()).toHaveLength(1);
});

test('opened again, a restore waiting in the background is the dialog\'s again: Escape there cancels it', async ({ page }) => {
  await resetSimulator({ create_secs: 15, restore_secs: 600 });
  const { group, dialog, status } = await restoreInBackground(page, 'weekly-snapshot-2025-01-08');
  await expect(page.locator('.sp-waiting-restore')).toBeVisible();
  await group.getByRole('button', { name: 'Restore weekly-snapshot-2025-01-08' }).click();
  await expect(status).toContainText(KEEP_OPEN);
  await expect(page.locator('.sp-waiting-restore')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('list', { name: 'Notices' })).toContainText('The restore of web-server-01 was cancelled and not sent.');
  expect(await restorePosts()).toHaveLength(0);
});

test('waited for in the background and cancelled from the page: no restore is sent', async ({ page }) => {
  await resetSimulator({ create_secs: 4, restore_secs: 600 });
  const { group, dialog, status } = await restoreInBackground(page, 'pre-migration-snapshot');
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Cancel the restore of web-server-01' }).click();
  await expect(page.locator('.sp-waiting-restore')).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Notices' })).toContainText(
    /The restore of web-server-01 was cancelled and not sent\. The safety snapshot before-restore-\d{8}-\d{4} is kept\./,
  );
  await expect(group.getByRole('row', { name: SAFETY_IN })).toContainText('Completed', { timeout: 20_000 });
  await page.waitForTimeout(1500);
  expect(await restorePosts()).toHaveLength(0);
  await expect(group.getByText('Running', { exact: true })).toBeVisible();
});

test('Cancel while the safety snapshot is taken: no restore is ever sent, and the snapshot is kept', async ({ page }) => {
  await resetSimulator({ create_secs: 3, restore_secs: 600 });
  const { group, dialog, confirmName, restore, cancel, status } = await openRestore(page, 'web-server-01', 'pre-migration-snapshot');
  const opener = group.getByRole('button', { name: 'Restore pre-migration-snapshot' });
  await confirmName.fill('web-server-01');
  await restore.click();
  await expect(status).toContainText(KEEP_OPEN);
  await cancel.click();

  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  await expect(page.getByRole('list', { name: 'Notices' })).toContainText(
    /The restore of web-server-01 was cancelled and not sent\. The safety snapshot before-restore-\d{8}-\d{4} is kept\./,
  );
  // The safety snapshot completes on its own, followed like any other; still no restore.
  const row = group.getByRole('row', { name: SAFETY_IN });
  await expect(row).toContainText('Completed', { timeout: 20_000 });
  await page.waitForTimeout(1500);
  expect(await restorePosts()).toHaveLength(0);
  expect(await createPosts()).toHaveLength(1);
  await expect(group.getByText('Running', { exact: true })).toBeVisible();

  // Escape while waiting cancels too.
  await group.getByRole('button', { name: 'Restore weekly-snapshot-2025-01-08' }).click();
  const second = restoreDialog(page, 'web-server-01', 'weekly-snapshot-2025-01-08');
  await second.confirmName.fill('web-server-01');
  await second.restore.click();
  await expect(second.status).toContainText(KEEP_OPEN);
  await page.keyboard.press('Escape');
  await expect(second.dialog).toBeHidden();
  await expect(group.getByRole('row', { name: SAFETY_IN })).toHaveCount(2);
  await expect(group.getByRole('row', { name: SAFETY_IN }).nth(0)).toContainText('Completed', { timeout: 20_000 });
  await page.waitForTimeout(1500);
  expect(await restorePosts()).toHaveLength(0);
});

test.describe('a create refused after its restore was cancelled', () => {
  test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 400/] });

  test('Cancel while the safety snapshot\'s create is still on its way: the next restore can be confirmed at once', async ({ page }) => {
    await resetSimulator({ create_secs: 600, restore_secs: 600 });
    // The API is slow to answer the safety snapshot's create, until released.
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/v1/snapshots/', async (route) => {
      if (route.request().method() === 'POST') await released;
      await route.continue();
    });
    const first = await openRestore(page, 'web-server-01', 'weekly-snapshot-2025-01-08');
    await first.confirmName.fill('web-server-01');
    await first.restore.click();
    await expect(first.status).toContainText(KEEP_OPEN);
    await first.cancel.click();
    await expect(first.dialog).toBeHidden();

    // Asked again, without a safety snapshot this time: a fresh dialog, sent on the first press.
    await first.group.getByRole('button', { name: 'Restore weekly-snapshot-2025-01-08' }).click();
    const second = restoreDialog(page, 'web-server-01', 'weekly-snapshot-2025-01-08');
    await expect(second.restore).toBeVisible();
    await expect(second.cancel).toBeEnabled();
    await second.safety.uncheck();
    await second.confirmName.fill('web-server-01');
    await second.restore.click();
    await expect(second.dialog).toBeHidden();
    await expect(first.group.getByText('Restoring', { exact: true })).toBeVisible();
    expect(await restorePosts()).toHaveLength(1);

    // The first try's create reaches the API at last (refused: the server is restoring now).
    // It changes nothing: no second restore, no error on the page.
    release();
    await expect.poll(async () => (await createPosts()).length).toBe(1);
    await page.waitForTimeout(1500);
    expect(await restorePosts()).toHaveLength(1);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(first.group.getByText('Restoring', { exact: true })).toBeVisible();
  });
});

test('leaving the page while the safety snapshot is taken asks first; before confirming it does not', async ({ page }) => {
  await resetSimulator({ create_secs: 600, restore_secs: 600 });
  const { confirmName } = await openRestore(page, 'web-server-01', 'weekly-snapshot-2025-01-08');
  const asked: string[] = [];
  page.on('dialog', (dialog) => {
    asked.push(dialog.type());
    void dialog.dismiss();
  });
  await confirmName.fill('web-server-01');
  // Not yet waiting: a reload goes ahead without a question.
  await page.reload();
  await expect(page.getByRole('region', { name: 'web-server-01' })).toBeVisible();
  expect(asked).toEqual([]);

  const again = await openRestore(page, 'web-server-01', 'weekly-snapshot-2025-01-08');
  await again.confirmName.fill('web-server-01');
  await again.restore.click();
  await expect(again.status).toContainText(KEEP_OPEN);
  // Closing the tab now: the browser asks, and staying keeps the wait going.
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => asked).toEqual(['beforeunload']);
  expect(page.isClosed()).toBe(false);
  await expect(again.status).toContainText(KEEP_OPEN);
  expect(await restorePosts()).toHaveLength(0);
});

test('a safety snapshot that fails: no restore, the dialog says why and keeps its text, and the next try works', async ({ page }) => {
  await resetSimulator({ create_secs: 2, restore_secs: 600, creates_fail: true });
  const { group, dialog, safety, confirmName, restore, status } = await openRestore(page, 'web-server-01', 'weekly-snapshot-2025-01-08');
  await confirmName.fill('web-server-01');
  await restore.click();
  await expect(status).toHaveText(
    /^The safety snapshot before-restore-\d{8}-\d{4} failed, so the restore was not sent and web-server-01 is unchanged\.$/,
    { timeout: 20_000 },
  );
  expect(await restorePosts()).toHaveLength(0);
  await expect(dialog).toBeVisible();
  await expect(confirmName).toHaveValue('web-server-01');
  await expect(group.getByText('Running', { exact: true })).toBeVisible();

  // Going on without one: exactly one restore, no second create.
  await safety.uncheck();
  await restore.click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await restorePosts()).length).toBe(1);
  expect(await createPosts()).toHaveLength(1);
  await expect(group.getByText('Restoring', { exact: true })).toBeVisible();
});

test('a safety snapshot that fails while waited for in the background: a notice says so, and nothing is sent', async ({ page }) => {
  await resetSimulator({ create_secs: 4, restore_secs: 600, creates_fail: true });
  const { dialog, status } = await restoreInBackground(page, 'weekly-snapshot-2025-01-08');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('list', { name: 'Notices' })).toContainText(
    /web-server-01: The safety snapshot before-restore-\d{8}-\d{4} failed, so the restore was not sent and web-server-01 is unchanged\./,
    { timeout: 20_000 },
  );
  await expect(page.locator('.sp-waiting-restore')).toHaveCount(0);
  expect(await restorePosts()).toHaveLength(0);
});

test('a full server: the dialog says no safety snapshot can be taken, offers to delete the oldest, or goes on without', async ({
  page,
}) => {
  await resetSimulator({ create_secs: 600, restore_secs: 600 });
  const { dialog, safety, confirmName, restore } = await openRestore(page, 'db-primary', 'db-nightly-1');
  await expect(safety).toHaveCount(0);
  await expect(dialog).toContainText(
    'db-primary already has 5 snapshots, the most it can keep (5), so no snapshot of its current state can be taken first. Delete one to make room, or restore without one.',
  );
  // The oldest other than the one restored.
  const makeRoom = dialog.getByRole('button', { name: 'Delete the oldest, db-nightly-2…' });
  await expect(makeRoom).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  expect(results.violations.map((v) => v.id), 'the full server dialog').toEqual([]);

  await makeRoom.click();
  const del = page.getByRole('dialog', { name: 'Delete db-nightly-2?' });
  await expect(del).toBeVisible();
  await expect(del.getByRole('button', { name: 'Cancel' })).toBeFocused();
  // Cancel goes back to the restore, as it was, with the focus in it.
  await del.getByRole('button', { name: 'Cancel' }).click();
  await expect(del).toBeHidden();
  await expect(dialog).toBeVisible();
  await expect(confirmName).toBeFocused();
  await expect(safety).toHaveCount(0);
  await expect(makeRoom).toBeVisible();

  // Without one: the restore is sent at once.
  await confirmName.fill('db-primary');
  await restore.click();
  await expect(dialog).toBeHidden();
  expect(await restorePosts()).toHaveLength(1);
  expect(await createPosts()).toHaveLength(0);
});

test('deleting the oldest from a full server\'s restore dialog comes back to the restore, now with room for a safety snapshot', async ({
  page,
}) => {
  await resetSimulator({ create_secs: 600, restore_secs: 600 });
  const { dialog, safety, confirmName, restore } = await openRestore(page, 'db-primary', 'db-nightly-1');
  await expect(safety).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Delete the oldest, db-nightly-2…' }).click();
  const del = page.getByRole('dialog', { name: 'Delete db-nightly-2?' });
  await del.getByRole('button', { name: 'Delete snapshot' }).click();
  await expect(del).toBeHidden();

  // The same restore, asked again from the start: the server has room now, so the safety
  // snapshot is offered and ticked, and nothing was restored meanwhile.
  await expect(dialog).toBeVisible();
  await expect(confirmName).toBeFocused();
  await expect(confirmName).toHaveValue('');
  await expect(safety).toBeChecked();
  await expect(dialog.getByRole('button', { name: /^Delete the oldest/ })).toHaveCount(0);
  const group = page.getByRole('region', { name: 'db-primary' });
  await expect(group.getByRole('rowheader', { name: 'db-nightly-2', exact: true })).toHaveCount(0);
  expect((await snapshotsOf(12346)).map((s) => s.name)).not.toContain('db-nightly-2');
  expect(await restorePosts()).toHaveLength(0);

  await confirmName.fill('db-primary');
  await restore.click();
  await expect.poll(async () => (await createPosts()).length).toBe(1);
  expect(await restorePosts()).toHaveLength(0);
});

test('embedded: the safety snapshot and then the restore, each heard by the host page', async ({ page }) => {
  await resetSimulator({ create_secs: 3, restore_secs: 600 });
  const panel = await openHostPage(page);
  const web = panel.getByRole('region', { name: 'web-server-01' });
  await web.getByRole('button', { name: 'Restore weekly-snapshot-2025-01-08' }).click();
  const { dialog, safety, confirmName, restore, status } = restoreDialog(panel, 'web-server-01', 'weekly-snapshot-2025-01-08');
  await expect(safety).toBeChecked();
  await confirmName.fill('web-server-01');
  await restore.click();
  await expect(status).toContainText(KEEP_OPEN);
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  await expect(web.getByText('Restoring', { exact: true })).toBeVisible();
  const events = await hostEvents(page);
  expect(events.map((e) => e.name)).toEqual(['snapshot-created', 'restore-started']);
  expect((events[0].detail as { name: string }).name).toMatch(SAFETY_NAME);
  expect(await restorePosts()).toHaveLength(1);
  await expectNoCspViolations(page, '/examples/host/');
});

test.describe('in Portuguese', () => {
  test.use({ locale: 'pt-BR' });

  test('the offer and the wait speak Portuguese', async ({ page }) => {
    await resetSimulator({ create_secs: 600, restore_secs: 600 });
    await page.goto('/');
    await page.getByRole('region', { name: 'web-server-01' }).getByRole('button', { name: 'Restaurar weekly-snapshot-2025-01-08' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restaurar web-server-01 a partir de weekly-snapshot-2025-01-08?' });
    await expect(dialog.getByRole('checkbox', { name: 'Fazer antes um snapshot do estado atual' })).toBeChecked();
    await dialog.getByRole('textbox', { name: 'Digite web-server-01 para confirmar' }).fill('web-server-01');
    await dialog.getByRole('button', { name: 'Restaurar', exact: true }).click();
    await expect(dialog.getByRole('status')).toContainText(
      /^Fazendo o snapshot de segurança antes-de-restaurar-\d{8}-\d{4}\. A restauração de web-server-01 começa quando ele estiver pronto\. Mantenha esta página aberta/,
    );
    await expect(dialog.getByRole('button', { name: 'Aguardando…' })).toBeDisabled();
    const results = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
    expect(results.violations.map((v) => v.id), 'waiting, pt-BR').toEqual([]);
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    await expect(page.getByRole('list', { name: 'Avisos' })).toContainText(
      /A restauração de web-server-01 foi cancelada e não foi enviada\. O snapshot de segurança antes-de-restaurar-\d{8}-\d{4} é mantido\./,
    );
    expect(await restorePosts()).toHaveLength(0);
  });
});

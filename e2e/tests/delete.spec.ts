// Issue 6, delete: every snapshot has its Delete; the confirmation names the snapshot and says
// it cannot be undone; a confirmed delete sends exactly one request, and on 204 the row goes
// and the slot meter follows; a 404 means someone else deleted it first: the row goes too, and
// the panel says so.
import type { Locator, Page } from '@playwright/test';
import { test, expect, resetSimulator, setFaults, apiRequests, SIM_URL } from './support';

/** The deletes the simulator has answered. */
async function deletes() {
  return (await apiRequests()).filter((r) => r.method === 'DELETE');
}

async function openPanel(page: Page) {
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'web-server-01' })).toBeVisible();
}

function rowHeader(group: Locator, name: string): Locator {
  return group.getByRole('rowheader', { name, exact: true });
}

function deleteDialog(page: Page, snapshot: string) {
  const dialog = page.getByRole('dialog', { name: `Delete ${snapshot}?` });
  return {
    dialog,
    confirm: dialog.getByRole('button', { name: 'Delete snapshot' }),
    cancel: dialog.getByRole('button', { name: 'Cancel' }),
  };
}

test('Delete is offered on every snapshot, whatever its status', async ({ page }) => {
  await resetSimulator({ create_secs: 600 });
  await openPanel(page);
  const snapshots: Array<[string, string]> = [
    ['web-server-01', 'pre-migration-snapshot'],
    ['web-server-01', 'weekly-snapshot-2025-01-08'],
    ['db-primary', 'db-nightly-3'],
    ['build-runner', 'runner-after-upgrade'], // failed
    ['analytics-worker', 'analytics-hourly'], // in progress
    ['edge-cache', 'edge-baseline'],
  ];
  for (const [server, snapshot] of snapshots) {
    const button = page.getByRole('region', { name: server }).getByRole('button', { name: `Delete ${snapshot}` });
    await expect(button, snapshot).toBeVisible();
    await expect(button, snapshot).not.toHaveAttribute('aria-disabled', 'true');
  }
  // Only while its server is being restored is it held back, with the reason.
  const stuck = page.getByRole('region', { name: 'legacy-mail' }).getByRole('button', { name: 'Delete mail-pre-cutover' });
  await expect(stuck).toHaveAttribute('aria-disabled', 'true');
  await expect(stuck).toHaveAccessibleDescription('The server is being restored; wait until it has finished.');
});

test('delete happy path: the confirmation names it, one DELETE, the row goes, the meter follows', async ({ page }) => {
  await resetSimulator({ create_secs: 600 });
  await openPanel(page);
  const group = page.getByRole('region', { name: 'web-server-01' });
  await expect(group).toContainText('2 of 5 snapshots');
  const opener = group.getByRole('button', { name: 'Delete weekly-snapshot-2025-01-08' });
  const { dialog, confirm, cancel } = deleteDialog(page, 'weekly-snapshot-2025-01-08');

  // Escape and Cancel send nothing.
  await opener.click();
  await expect(dialog).toBeVisible();
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  await opener.click();
  await cancel.click();
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  expect(await deletes()).toEqual([]);

  await opener.click();
  await expect(dialog.getByRole('heading')).toHaveText('Delete weekly-snapshot-2025-01-08?');
  await expect(dialog).toHaveAccessibleDescription(
    'The snapshot weekly-snapshot-2025-01-08 of web-server-01 will be deleted permanently. This cannot be undone.',
  );

  // Confirmed again and again while the API takes its time: one request.
  await setFaults({ kinds: ['latency'], latency_ms: 1500, method: 'DELETE' });
  await confirm.dblclick();
  const deleting = dialog.getByRole('button', { name: 'Deleting…' });
  await expect(deleting).toBeVisible();
  await expect(deleting).toBeDisabled();
  await deleting.click({ force: true });
  await page.keyboard.press('Enter');

  await expect(dialog).toBeHidden();
  await expect(rowHeader(group, 'weekly-snapshot-2025-01-08')).toHaveCount(0);
  await expect(rowHeader(group, 'pre-migration-snapshot')).toBeVisible();
  await expect(group).toContainText('1 of 5 snapshots');
  await expect(page.getByRole('status')).toHaveText('Snapshot weekly-snapshot-2025-01-08 was deleted.');
  const sent = await deletes();
  expect(sent.map((r) => [r.path, r.status])).toEqual([['/api/v1/snapshots/798/', 204]]);

  // And it stays gone after a fresh read.
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByRole('button', { name: 'Refresh' })).toHaveAttribute('aria-busy', 'false');
  await expect(group).toContainText('1 of 5 snapshots');
  await expect(rowHeader(group, 'weekly-snapshot-2025-01-08')).toHaveCount(0);
});

test('a delete on its way cannot be dismissed: its answer lands in its own dialog, never in the next one', async ({ page }) => {
  await resetSimulator({ create_secs: 600 });
  await openPanel(page);
  const group = page.getByRole('region', { name: 'web-server-01' });
  const { dialog, confirm, cancel } = deleteDialog(page, 'weekly-snapshot-2025-01-08');
  await group.getByRole('button', { name: 'Delete weekly-snapshot-2025-01-08' }).click();

  await setFaults({ kinds: ['latency'], latency_ms: 2000, method: 'DELETE' });
  await confirm.click();
  await expect(dialog.getByRole('button', { name: 'Deleting…' })).toBeFocused();
  // The request is sent: Cancel cannot call it back, so it says so by being unavailable, and
  // Escape does not pretend otherwise.
  await expect(cancel).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(dialog.getByRole('button', { name: 'Deleting…' })).toBeVisible();

  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status')).toHaveText('Snapshot weekly-snapshot-2025-01-08 was deleted.');
  // The next dialog is the person's own: nothing from the delete closes it or lands in it.
  await group.getByRole('button', { name: 'Restore pre-migration-snapshot' }).click();
  const restore = page.getByRole('dialog', { name: 'Restore web-server-01 from pre-migration-snapshot?' });
  const typed = restore.getByRole('textbox', { name: 'Type web-server-01 to confirm' });
  await typed.fill('web');
  // Longer than the delete took: were it still out, its answer would have landed by now.
  await page.waitForTimeout(2500);
  await expect(restore).toBeVisible();
  await expect(typed).toHaveValue('web');
  await expect(restore.getByRole('alert')).toHaveCount(0);
  expect((await deletes()).map((r) => [r.path, r.status])).toEqual([['/api/v1/snapshots/798/', 204]]);
});

test.describe('the API refuses', () => {
  test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 500/] });

  test('a failed delete says why in its dialog, with the focus still on the button pressed', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    await openPanel(page);
    const group = page.getByRole('region', { name: 'web-server-01' });
    const { dialog, confirm } = deleteDialog(page, 'weekly-snapshot-2025-01-08');
    await group.getByRole('button', { name: 'Delete weekly-snapshot-2025-01-08' }).click();
    await setFaults({ kinds: ['500'], method: 'DELETE', count: 1 });
    await confirm.click();
    await expect(dialog.getByRole('alert')).toHaveText(
      'The API failed while answering (HTTP 500). weekly-snapshot-2025-01-08 is still listed, so it was not deleted. You can try again.',
    );
    await expect(confirm).toBeFocused();
    await expect(confirm).toBeEnabled();
    // And again, from the keyboard, now that the API is back.
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(rowHeader(group, 'weekly-snapshot-2025-01-08')).toHaveCount(0);
  });
});

test.describe('the snapshot is already gone', () => {
  // The browser logs the 404 answer as a console error; it is provoked on purpose here.
  test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 404/] });

  test('a 404 removes the row and says it was already gone', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    await openPanel(page);
    const group = page.getByRole('region', { name: 'web-server-01' });
    await group.getByRole('button', { name: 'Delete pre-migration-snapshot' }).click();
    const { dialog, confirm } = deleteDialog(page, 'pre-migration-snapshot');
    await expect(dialog).toBeVisible();

    // Meanwhile, somewhere else, it is deleted.
    const elsewhere = await fetch(`${SIM_URL}/api/v1/snapshots/801/`, {
      method: 'DELETE',
      headers: { Authorization: 'Bearer vps_demo_alice' },
    });
    expect(elsewhere.status).toBe(204);

    await confirm.click();
    await expect(dialog).toBeHidden();
    await expect(rowHeader(group, 'pre-migration-snapshot')).toHaveCount(0);
    await expect(rowHeader(group, 'weekly-snapshot-2025-01-08')).toBeVisible();
    await expect(group).toContainText('1 of 5 snapshots');
    await expect(page.getByRole('status')).toHaveText(
      'Snapshot pre-migration-snapshot was already gone; it has been taken off the list.',
    );
    const sent = await deletes();
    expect(sent.map((r) => [r.path, r.status])).toEqual([
      ['/api/v1/snapshots/801/', 204], // elsewhere
      ['/api/v1/snapshots/801/', 404], // the panel's one request
    ]);
  });
});

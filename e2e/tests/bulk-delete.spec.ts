// Issue 14, bulk delete: a box per snapshot row ("Select weekly-snapshot-2025-01-08") and per
// server, and "Delete selected (N)"; one confirmation lists every name and says it cannot be
// undone; the deletes run one at a time with their progress ("2 of 3 deleted"); a 404 counts
// as already gone; failures are listed by name at the end; a snapshot that cannot be deleted
// (its server is being restored) cannot be selected, and says why.
import type { Page } from '@playwright/test';
import { test, expect, resetSimulator, setFaults, clearFaults, apiRequests, SIM_URL } from './support';

async function asAlice(path: string, method: string): Promise<number> {
  const response = await fetch(`${SIM_URL}/api/v1/${path}`, {
    method,
    headers: { authorization: 'Bearer vps_demo_alice' },
  });
  return response.status;
}

// The panel's own 404 (the one deleted elsewhere) and the injected 500 are logged by the browser.
test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of (404|500)/] });

/** Selects the snapshots named, and opens the confirmation of their delete. */
async function confirmDeleteOf(page: Page, names: string[]) {
  for (const name of names) {
    await page.getByRole('checkbox', { name: `Select ${name}`, exact: true }).check();
  }
  await page.getByRole('button', { name: `Delete selected (${names.length})` }).click();
  return page.getByRole('dialog', { name: `Delete ${names.length} snapshots?` });
}

async function openPanel(page: Page) {
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'web-server-01' })).toContainText('pre-migration-snapshot', {
    timeout: 20_000,
  });
}

test('three selected, one deleted elsewhere meanwhile: one confirmation, one DELETE at a time, the 404 counted as gone', async ({
  page,
}) => {
  await resetSimulator();
  await openPanel(page);
  const deleteSelected = page.getByRole('button', { name: /^Delete selected/ });
  await expect(deleteSelected).toHaveText('Delete selected (0)');
  await expect(deleteSelected).toBeDisabled();

  for (const name of ['pre-migration-snapshot', 'weekly-snapshot-2025-01-08', 'db-nightly-2']) {
    await page.getByRole('checkbox', { name: `Select ${name}`, exact: true }).check();
  }
  await expect(deleteSelected).toHaveText('Delete selected (3)');
  await deleteSelected.click();

  const dialog = page.getByRole('dialog', { name: 'Delete 3 snapshots?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('These snapshots will be deleted permanently, one at a time. This cannot be undone.');
  // In the list's order: newest first.
  await expect(dialog.getByRole('listitem')).toHaveText([
    'db-nightly-2 of db-primary',
    'pre-migration-snapshot of web-server-01',
    'weekly-snapshot-2025-01-08 of web-server-01',
  ]);
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();

  // Someone deletes one of them elsewhere before the confirmation.
  expect(await asAlice('snapshots/798/', 'DELETE')).toBe(204);
  const before = (await apiRequests()).length;
  await dialog.getByRole('button', { name: 'Delete 3 snapshots' }).click();
  await expect(dialog.getByRole('status')).toHaveText('3 of 3 deleted');
  // Nothing is left to confirm: the red button goes, and Close has the focus.
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await expect(dialog.getByRole('button', { name: 'Delete 3 snapshots' })).toHaveCount(0);
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Notices' })).toContainText('All 3 snapshots were deleted.');

  const deletes = (await apiRequests()).slice(before).filter((r) => r.method === 'DELETE');
  expect(deletes.map((r) => [r.path, r.status])).toEqual([
    ['/api/v1/snapshots/772/', 204],
    ['/api/v1/snapshots/801/', 204],
    ['/api/v1/snapshots/798/', 404],
  ]);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  // The focus goes back to the button that opened it, though nothing is selected now.
  await expect(deleteSelected).toBeFocused();
  await expect(deleteSelected).toBeDisabled();
  await deleteSelected.press('Enter');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  for (const name of ['pre-migration-snapshot', 'weekly-snapshot-2025-01-08', 'db-nightly-2']) {
    await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(0);
  }
  await expect(deleteSelected).toHaveText('Delete selected (0)');
  expect(await asAlice('snapshots/801/', 'DELETE'), 'the API no longer has it').toBe(404);
});

test('one selected: the confirmation speaks of one snapshot', async ({ page }) => {
  await resetSimulator();
  await openPanel(page);
  await page.getByRole('checkbox', { name: 'Select db-nightly-2', exact: true }).check();
  await page.getByRole('button', { name: 'Delete selected (1)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete 1 snapshot?' });
  await expect(dialog).toHaveAccessibleDescription('This snapshot will be deleted permanently. This cannot be undone.');
  await expect(dialog.getByRole('button', { name: 'Delete 1 snapshot' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});

test('Stop while they are deleted: the one on its way finishes, the rest are kept and stay selected', async ({ page }) => {
  await resetSimulator();
  await openPanel(page);
  const dialog = await confirmDeleteOf(page, ['pre-migration-snapshot', 'weekly-snapshot-2025-01-08', 'db-nightly-2']);
  const before = (await apiRequests()).length;
  await setFaults({ kinds: ['latency'], latency_ms: 1500, method: 'DELETE' });
  await dialog.getByRole('button', { name: 'Delete 3 snapshots' }).click();
  await expect(dialog.getByRole('status')).toHaveText('0 of 3 deleted');

  // Cancel cannot call back what is sent, but it can stop what is not: while the deletes run
  // it is a Stop button, and Escape does the same.
  await expect(dialog.getByRole('button', { name: 'Stop' })).toBeEnabled();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog.getByRole('button', { name: 'Stopping…' })).toBeDisabled();
  await expect(dialog.getByRole('alert')).toHaveText('Stopped: 1 of 3 deleted; the other 2 were not deleted.');
  await expect(page.getByRole('list', { name: 'Notices' })).toContainText(
    'Stopped: 1 of 3 deleted; the other 2 were not deleted.',
  );
  await clearFaults();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  const deletes = (await apiRequests()).slice(before).filter((r) => r.method === 'DELETE');
  expect(deletes.map((r) => [r.path, r.status])).toEqual([['/api/v1/snapshots/772/', 204]]);
  await expect(page.getByRole('row').filter({ hasText: 'db-nightly-2' })).toHaveCount(0);
  for (const name of ['pre-migration-snapshot', 'weekly-snapshot-2025-01-08']) {
    await expect(page.getByRole('checkbox', { name: `Select ${name}`, exact: true })).toBeChecked();
  }
  await expect(page.getByRole('button', { name: 'Delete selected (2)' })).toBeEnabled();
});

test.describe('with a failing API', () => {
  test('a server’s box selects its snapshots; a failure is listed by name at the end and stays selected', async ({
    page,
  }) => {
    await resetSimulator();
    await openPanel(page);
    const group = page.getByRole('region', { name: 'web-server-01' });
    const all = group.getByRole('checkbox', { name: 'Select all snapshots of web-server-01' });
    // On a wide screen the box sits in the column heads; its words are for phones only.
    await expect(group.getByText('Select all', { exact: true })).toBeHidden();
    await all.check();
    await expect(group.getByRole('checkbox', { name: 'Select pre-migration-snapshot' })).toBeChecked();
    await expect(group.getByRole('checkbox', { name: 'Select weekly-snapshot-2025-01-08' })).toBeChecked();
    await group.getByRole('checkbox', { name: 'Select weekly-snapshot-2025-01-08' }).uncheck();
    expect(await all.evaluate((box) => (box as HTMLInputElement).indeterminate), 'half-ticked').toBe(true);
    await all.check();
    const deleteSelected = page.getByRole('button', { name: 'Delete selected (2)' });

    await setFaults({ kinds: ['500'], method: 'DELETE', path_prefix: '/api/v1/snapshots/801/', count: 1 });
    await deleteSelected.click();
    const dialog = page.getByRole('dialog', { name: 'Delete 2 snapshots?' });
    await dialog.getByRole('button', { name: 'Delete 2 snapshots' }).click();
    const end = '1 of 2 deleted; 1 could not be deleted:';
    await expect(dialog.getByRole('alert')).toHaveText(end);
    // Named with its server (names repeat across servers), in a list the alert's sentence
    // names, so that a screen reader hears the sentence alone and reads the reasons on demand.
    await expect(dialog.getByRole('list', { name: end }).getByRole('listitem')).toHaveText([
      // Django keeps what it saved before a 500, so the panel looked: still listed.
      'pre-migration-snapshot of web-server-01: The API failed while answering (HTTP 500). pre-migration-snapshot is still listed, so it was not deleted. You can try again.',
    ]);
    // The end is said once inside the dialog: not again by its progress, nor by the notice.
    await page.waitForTimeout(200);
    const spoken = await dialog.evaluate((d) =>
      Array.from(d.querySelectorAll('[role="alert"], [role="status"], [aria-live]'), (e) => e.textContent ?? ''),
    );
    expect(spoken.filter((text) => text.includes('could not be deleted')), spoken.join(' | ')).toHaveLength(1);
    await expect(dialog.locator('.sp-bulk-progress')).toHaveText('');
    await expect(page.locator('.sp-live')).not.toContainText('could not be deleted');
    await clearFaults();
    await dialog.getByRole('button', { name: 'Close' }).click();
    // The notice outlives the dialog's list, so it names what could not be deleted.
    await expect(page.getByRole('list', { name: 'Notices' })).toContainText(
      '1 of 2 deleted; 1 could not be deleted: pre-migration-snapshot of web-server-01.',
    );
    await expect(group.getByRole('row').filter({ hasText: 'weekly-snapshot-2025-01-08' })).toHaveCount(0);
    await expect(group.getByRole('checkbox', { name: 'Select pre-migration-snapshot' })).toBeChecked();
    await expect(page.getByRole('button', { name: 'Delete selected (1)' })).toBeEnabled();
  });
});

test.describe('when the API asks to slow down or refuses the token', () => {
  test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of (401|429)/] });

  test('a 429 is waited out, as its Retry-After says, and the same snapshot is sent again', async ({ page }) => {
    await resetSimulator();
    await openPanel(page);
    const dialog = await confirmDeleteOf(page, ['pre-migration-snapshot', 'weekly-snapshot-2025-01-08']);
    const before = (await apiRequests()).length;
    await setFaults({ kinds: ['429'], retry_after_secs: 2, method: 'DELETE', count: 1 });
    const sent = Date.now();
    await dialog.getByRole('button', { name: 'Delete 2 snapshots' }).click();
    await expect(dialog.getByRole('status')).toHaveText(
      '0 of 2 deleted; the API asked to wait, the next one follows when it allows',
    );
    await expect(dialog.getByRole('status')).toHaveText('2 of 2 deleted', { timeout: 10_000 });
    await expect(page.getByRole('list', { name: 'Notices' })).toContainText('Both snapshots were deleted.');
    expect(Date.now() - sent, 'the run waited out the 2 s').toBeGreaterThanOrEqual(2_000);
    const deletes = (await apiRequests()).slice(before).filter((r) => r.method === 'DELETE');
    expect(deletes.map((r) => r.status)).toEqual([429, 204, 204]);
    expect(deletes[1].path, 'the refused one is sent again').toBe(deletes[0].path);
    expect(deletes[2].path).not.toBe(deletes[0].path);
  });

  test('a 401 stops the run: nothing more is sent with a refused token', async ({ page }) => {
    await resetSimulator();
    await openPanel(page);
    const dialog = await confirmDeleteOf(page, ['pre-migration-snapshot', 'weekly-snapshot-2025-01-08', 'db-nightly-2']);
    // The token is revoked after the first delete.
    let deletes = 0;
    await page.route('**/api/v1/snapshots/*/', (route) => {
      if (route.request().method() !== 'DELETE') return route.fallback();
      deletes += 1;
      if (deletes === 1) return route.fallback();
      return route.fulfill({ status: 401, contentType: 'application/json', body: '{"detail": "Invalid token."}' });
    });
    await dialog.getByRole('button', { name: 'Delete 3 snapshots' }).click();
    const signIn = page.getByRole('dialog', { name: 'Sign in' });
    await expect(signIn).toBeVisible();
    await page.unroute('**/api/v1/snapshots/*/');
    await signIn.getByLabel('API token').fill('vps_demo_alice');
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await expect(signIn).toBeHidden();
    await expect(dialog.getByRole('alert')).toContainText('Stopped: 1 of 3 deleted, 1 not tried; 1 could not be deleted:');
    expect(deletes, 'DELETEs sent').toBe(2);
    // The one not sent and the one refused stay selected, to try again.
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByRole('button', { name: 'Delete selected (2)' })).toBeEnabled();
  });
});

test('a snapshot whose server is being restored cannot be selected, and says why', async ({ page }) => {
  await resetSimulator();
  expect(await asAlice('snapshots/772/restore/', 'POST')).toBeLessThan(300);
  await openPanel(page);
  const group = page.getByRole('region', { name: 'db-primary' });
  const box = group.getByRole('checkbox', { name: 'Select db-nightly-2' });
  await expect(box).toBeDisabled();
  await expect(box).toHaveAccessibleDescription('The server is being restored; wait until it has finished.');
  await expect(group.getByRole('checkbox', { name: 'Select all snapshots of db-primary' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Delete selected (0)' })).toBeDisabled();
});

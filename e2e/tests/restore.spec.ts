// Issue 6, restore: only completed snapshots of servers that aren't restoring can be restored,
// and a disabled Restore says why; the confirmation says what will be lost and only opens once
// the server's name is typed exactly; every way out sends nothing; a confirmed restore sends
// exactly one request, then the server is followed until it is back, and the result announced.
import type { Locator, Page } from '@playwright/test';
import { test, expect, resetSimulator, setFaults, clearFaults, apiRequests, SIM_URL } from './support';
import { configureDeployment } from './deployment';

// Not UTC and not a whole hour from it, so the dialog's "since" must really be local time:
// 2025-01-08T12:00:00Z is 8 Jan 2025, 17:30 there.
test.use({ timezoneId: 'Asia/Kolkata' });

const RESTORING_REASON = 'The server is being restored; wait until it has finished.';

/** The restore requests the simulator has answered. */
async function restorePosts() {
  return (await apiRequests()).filter((r) => r.method === 'POST' && /^\/api\/v1\/snapshots\/\d+\/restore\/$/.test(r.path));
}

/** Calls the API directly as alice, as another tab or person would. */
async function asAlice(method: string, path: string): Promise<Response> {
  return fetch(`${SIM_URL}/api/v1/${path}`, {
    method,
    headers: { Authorization: 'Bearer vps_demo_alice', 'Content-Type': 'application/json' },
  });
}

async function openPanel(page: Page) {
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'web-server-01' })).toBeVisible();
}

/** The server's status as the panel shows it next to its name. */
function serverStatus(group: Locator, label: string): Locator {
  return group.getByText(label, { exact: true });
}

function restoreDialog(page: Page, server: string, snapshot: string) {
  const dialog = page.getByRole('dialog', { name: `Restore ${server} from ${snapshot}?` });
  return {
    dialog,
    confirmName: dialog.getByRole('textbox', { name: `Type ${server} to confirm` }),
    restore: dialog.getByRole('button', { name: 'Restore', exact: true }),
    // Ticked by default; the restore itself is what these journeys follow (the safety
    // snapshot first has its own, safety-snapshot.spec.ts).
    safety: dialog.getByRole('checkbox', { name: 'Take a snapshot of the current state first' }),
    cancel: dialog.getByRole('button', { name: 'Cancel' }),
  };
}

test('Restore is offered on every completed snapshot, and disabled with a reason otherwise', async ({ page }) => {
  // Snapshot creation never ends here, so analytics-hourly stays in progress.
  await resetSimulator({ create_secs: 600 });
  await openPanel(page);

  const completed: Array<[string, string]> = [
    ['web-server-01', 'pre-migration-snapshot'],
    ['web-server-01', 'weekly-snapshot-2025-01-08'],
    ['db-primary', 'db-nightly-1'],
    ['db-primary', 'db-nightly-5'],
    ['build-runner', 'runner-clean-image'],
    ['analytics-worker', 'analytics-daily'],
    ['edge-cache', 'edge-baseline'],
  ];
  for (const [server, snapshot] of completed) {
    const button = page.getByRole('region', { name: server }).getByRole('button', { name: `Restore ${snapshot}` });
    await expect(button, snapshot).toBeVisible();
    await expect(button, snapshot).not.toHaveAttribute('aria-disabled', 'true');
  }

  const blocked: Array<[string, string, string]> = [
    ['analytics-worker', 'analytics-hourly', 'This snapshot is still being created; it can be restored once it is completed.'],
    ['build-runner', 'runner-after-upgrade', 'This snapshot failed, so there is nothing to restore.'],
    ['legacy-mail', 'mail-pre-cutover', RESTORING_REASON],
  ];
  for (const [server, snapshot, reason] of blocked) {
    const group = page.getByRole('region', { name: server });
    const button = group.getByRole('button', { name: `Restore ${snapshot}` });
    await expect(button, snapshot).toHaveAttribute('aria-disabled', 'true');
    await expect(button, snapshot).toHaveAccessibleDescription(reason);
    // The reason shows as a tooltip when the button has the focus (or the pointer).
    await button.focus();
    await expect(group.getByRole('tooltip'), snapshot).toHaveText(reason);
    // Pressing it opens nothing. (force: Playwright itself won't click an aria-disabled button.)
    await button.click({ force: true });
    await button.press('Enter');
    await expect(page.getByRole('dialog'), snapshot).toHaveCount(0);
  }

  // legacy-mail is stuck restoring: its other actions say why they are unavailable as well.
  const mail = page.getByRole('region', { name: 'legacy-mail' });
  await expect(serverStatus(mail, 'Restoring')).toBeVisible();
  await expect(mail.getByRole('button', { name: 'Delete mail-pre-cutover' })).toHaveAttribute('aria-disabled', 'true');
  await expect(mail.getByRole('button', { name: 'Delete mail-pre-cutover' })).toHaveAccessibleDescription(RESTORING_REASON);
  await expect(mail.getByRole('button', { name: 'New snapshot of legacy-mail' })).toHaveAttribute('aria-disabled', 'true');
  await expect(mail.getByRole('button', { name: 'New snapshot of legacy-mail' })).toHaveAccessibleDescription(RESTORING_REASON);

  expect(await restorePosts()).toEqual([]);
});

test('restore happy path: what will be lost, the exact name, Restoring with its clock, then back to Running', async ({ page }) => {
  await resetSimulator({ create_secs: 600, restore_secs: 3 });
  await openPanel(page);
  const group = page.getByRole('region', { name: 'web-server-01' });
  await expect(serverStatus(group, 'Running')).toBeVisible();

  const opener = group.getByRole('button', { name: 'Restore weekly-snapshot-2025-01-08' });
  await opener.click();
  const { dialog, confirmName, restore, safety } = restoreDialog(page, 'web-server-01', 'weekly-snapshot-2025-01-08');
  await expect(dialog).toBeVisible();
  await expect(confirmName).toBeFocused();
  await expect(safety).toBeChecked();

  // It names the server and the snapshot, and says what will be lost, in local time.
  await expect(dialog.getByRole('heading')).toHaveText('Restore web-server-01 from weekly-snapshot-2025-01-08?');
  await expect(dialog).toContainText(
    /Everything written to web-server-01 since 8 Jan 2025, 17:30 \([^)]+ ago\) will be overwritten\. This cannot be undone\./,
  );
  await expect(dialog).toHaveAccessibleDescription(/Everything written to web-server-01 since 8 Jan 2025, 17:30/);
  await expect(dialog).toContainText('web-server-01 will be stopped before the restore begins.');
  await expect(dialog).toContainText('The restore takes 5 to 15 minutes.');
  // The newer snapshot is listed (and kept).
  await expect(dialog).toContainText('web-server-01 has newer snapshots.');
  await expect(dialog.getByRole('listitem').filter({ hasText: 'pre-migration-snapshot' })).toHaveCount(1);

  // Closed until the server's name is typed exactly.
  await expect(restore).toBeDisabled();
  for (const nearMiss of ['web-server-0', 'WEB-SERVER-01', 'Web-server-01', 'web-server-011']) {
    await confirmName.fill(nearMiss);
    await expect(restore, nearMiss).toBeDisabled();
  }
  await confirmName.fill('web-server-01');
  await expect(restore).toBeEnabled();
  await safety.uncheck();

  // Confirmed again and again while the API takes its time: still one request.
  await setFaults({ kinds: ['latency'], latency_ms: 1500, path_prefix: '/api/v1/snapshots/', method: 'POST' });
  await restore.dblclick();
  const restoring = dialog.getByRole('button', { name: 'Restoring…' });
  await expect(restoring).toBeVisible();
  await expect(restoring).toBeDisabled();
  await confirmName.press('Enter');
  await confirmName.press('Enter');

  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  const posts = await restorePosts();
  expect(posts).toHaveLength(1);
  expect(posts[0].path).toBe('/api/v1/snapshots/798/restore/');
  expect(posts[0].status).toBe(200);
  await clearFaults();

  // Restoring, with the time elapsed against the provider's 5 to 15 minutes.
  await expect(serverStatus(group, 'Restoring')).toBeVisible();
  await expect(group).toContainText(/\d+:\d\d elapsed, usually 5–15 minutes/);
  await expect(group).not.toContainText('at least');
  // A restore found running began by its server's last change (legacy-mail's, in January
  // 2025): it has run at least that long.
  await expect(page.getByRole('region', { name: 'legacy-mail' })).toContainText(
    /at least \d{3,} days elapsed: taking longer than the usual 5–15 minutes\. Still checking\./,
  );
  await expect(page.getByRole('list', { name: 'Notices' })).toContainText(
    'web-server-01: Server is being restored from snapshot. This may take 5-15 minutes.',
  );
  // Meanwhile its other actions are unavailable, and say why.
  for (const name of [
    'Restore pre-migration-snapshot',
    'Restore weekly-snapshot-2025-01-08',
    'Delete pre-migration-snapshot',
    'Delete weekly-snapshot-2025-01-08',
    'New snapshot of web-server-01',
  ]) {
    const button = group.getByRole('button', { name });
    await expect(button, name).toHaveAttribute('aria-disabled', 'true');
    await expect(button, name).toHaveAccessibleDescription(RESTORING_REASON);
  }

  // The panel follows the server through the servers endpoint until it is back, and says so.
  await expect(page.getByRole('status')).toHaveText('web-server-01 has been restored and is running.', {
    timeout: 20_000,
  });
  await expect(serverStatus(group, 'Running')).toBeVisible();
  await expect(group).not.toContainText('elapsed');
  await expect(group.getByRole('button', { name: 'Restore pre-migration-snapshot' })).not.toHaveAttribute(
    'aria-disabled',
    'true',
  );
  await expect(group.getByRole('button', { name: 'New snapshot of web-server-01' })).not.toHaveAttribute(
    'aria-disabled',
    'true',
  );
  const log = await apiRequests();
  expect(log.some((r) => r.method === 'GET' && r.path === '/api/v1/servers/12345/' && r.status === 200)).toBe(true);
  expect(await restorePosts()).toHaveLength(1);
});

test('a restore that began before the page opened shows at least the time since it began, not since the page opened', async ({ page }) => {
  await resetSimulator({ restore_secs: 600 });
  // Sent by another person, or from this tab before a reload.
  expect((await asAlice('POST', 'snapshots/798/restore/')).status).toBe(200);
  const startedBefore = Date.now();
  // Time passes before the page opens: the clock must show it.
  await page.waitForTimeout(4_000);
  await openPanel(page);
  const group = page.getByRole('region', { name: 'web-server-01' });
  await expect(serverStatus(group, 'Restoring')).toBeVisible();
  const note = group.getByText(/^at least \d+:\d\d elapsed, usually 5–15 minutes$/);
  await expect(note).toBeVisible();
  const [, minutes, seconds] = /at least (\d+):(\d\d)/.exec((await note.textContent()) ?? '') ?? [];
  const shown = Number(minutes) * 60 + Number(seconds);
  // The API's times are whole seconds: the restore began up to a second before it says.
  expect(shown, 'seconds shown since the restore began').toBeGreaterThanOrEqual(3);
  expect(shown).toBeLessThanOrEqual(Math.ceil((Date.now() - startedBefore) / 1000) + 1);
});

test.describe('a refusal that shows the page is out of date', () => {
  test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of (400|404)/] });

  test('a snapshot deleted elsewhere: the refusal says so, and the list catches up', async ({ page }) => {
    await resetSimulator({ restore_secs: 600 });
    await openPanel(page);
    const group = page.getByRole('region', { name: 'web-server-01' });
    // Another person deletes the snapshot; then, in the same minute, restores another one.
    expect((await asAlice('DELETE', 'snapshots/801/')).status).toBe(204);
    expect((await asAlice('POST', 'snapshots/798/restore/')).status).toBe(200);
    await expect(group.getByRole('rowheader', { name: 'pre-migration-snapshot' })).toBeVisible();

    const { dialog, confirmName, restore, safety } = restoreDialog(page, 'web-server-01', 'pre-migration-snapshot');
    await page.getByRole('button', { name: 'Restore pre-migration-snapshot' }).click();
    await safety.uncheck();
    await confirmName.fill('web-server-01');
    await restore.click();
    await expect(dialog.getByRole('alert')).toContainText("It isn't there any more");
    // Behind the dialog, the page shows what the API holds now.
    await expect(group.getByRole('rowheader', { name: 'pre-migration-snapshot' })).toHaveCount(0);
    await expect(serverStatus(group, 'Restoring')).toBeVisible();
  });
});

test.describe('a restore whose answer is late', () => {
  test('one that ran and finished before it was confirmed again is not sent again without a word', async ({ page }) => {
    await resetSimulator({ restore_secs: 3 });
    await configureDeployment(page, { meta: { 'timeout-ms': '1500' } });
    await openPanel(page);
    // The API takes 5 s to start the restore; the panel stops waiting after 1.5 s and looks
    // twice before then. The restore then runs its 3 s and ends.
    await setFaults({ kinds: ['latency'], latency_ms: 5_000, method: 'POST', path_prefix: '/api/v1/snapshots/801/restore/', count: 1 });
    const { dialog, confirmName, restore, safety } = restoreDialog(page, 'web-server-01', 'pre-migration-snapshot');
    await page.getByRole('button', { name: 'Restore pre-migration-snapshot' }).click();
    await safety.uncheck();
    await confirmName.fill('web-server-01');
    await restore.click();
    await expect(dialog.getByRole('alert')).toContainText('not restoring, but the API may still start the restore', {
      timeout: 10_000,
    });
    await expect.poll(async () => (await restorePosts()).map((r) => r.status), { timeout: 10_000 }).toEqual([200]);
    await expect
      .poll(async () => (await (await asAlice('GET', 'servers/12345/')).json()).status, { timeout: 15_000 })
      .toBe('active');

    await restore.click();
    await expect(dialog.getByRole('alert')).toHaveText(
      "The API didn't answer in time. web-server-01 isn't restoring, but it has changed since the panel last looked: the restore may have run already. Check the server; if you press Restore again, it is sent.",
    );
    expect(await restorePosts(), 'not sent again').toHaveLength(1);
    // The person has been told; pressed once more, it is sent.
    await restore.click();
    await expect(dialog).toBeHidden();
    expect(await restorePosts()).toHaveLength(2);
  });
});

test.describe('a restore whose answer is lost, and that the panel could not check either', () => {
  test.use({ allowedConsoleErrors: [/Failed to load resource: net::ERR_CONNECTION_RESET/] });

  test('pressed again, it looks first: the restore that went through is followed, not sent twice', async ({ page }) => {
    await resetSimulator({ restore_secs: 600 });
    await openPanel(page);
    const group = page.getByRole('region', { name: 'web-server-01' });
    // The API starts the restore; its answer is lost on the way back.
    await page.route(
      (url) => /\/restore\/$/.test(url.pathname),
      async (route) => {
        await route.fetch();
        await route.abort('connectionreset');
      },
      { times: 1 },
    );
    // And the server cannot be read just then.
    let serverUnreadable = true;
    await page.route(
      (url) => url.pathname === '/api/v1/servers/12345/',
      (route) => (serverUnreadable ? route.abort('connectionreset') : route.fallback()),
    );
    const { dialog, confirmName, restore, safety } = restoreDialog(page, 'web-server-01', 'pre-migration-snapshot');
    await page.getByRole('button', { name: 'Restore pre-migration-snapshot' }).click();
    await safety.uncheck();
    await confirmName.fill('web-server-01');
    await restore.click();
    await expect(dialog.getByRole('alert')).toHaveText(
      "The API's answer was lost on the way. The panel couldn't check what happened either. You can try again: the panel will look first, so that nothing is done twice.",
      { timeout: 20_000 },
    );
    expect(await restorePosts()).toHaveLength(1);

    serverUnreadable = false;
    await restore.click();
    await expect(dialog).toBeHidden();
    await expect(serverStatus(group, 'Restoring')).toBeVisible();
    await expect(page.getByRole('list', { name: 'Notices' })).toContainText('web-server-01');
    expect(await restorePosts(), 'the second press found it restoring and sent nothing').toHaveLength(1);
  });
});

test('a read replica behind the restore: a list that still shows the server as it was does not end it', async ({ page }) => {
  await resetSimulator({ create_secs: 600, restore_secs: 600 });
  // The servers list as it was before the restore, answered once more after it, whole: a
  // replica that has not seen the write yet.
  let before: string | undefined;
  let lagging = false;
  await page.route(
    (url) => url.pathname === '/api/v1/servers/',
    async (route) => {
      const response = await route.fetch();
      before ??= await response.text();
      if (lagging) {
        lagging = false;
        await route.fulfill({ response, body: before });
        return;
      }
      await route.fulfill({ response });
    },
  );
  await openPanel(page);
  const group = page.getByRole('region', { name: 'web-server-01' });
  await group.getByRole('button', { name: 'Restore weekly-snapshot-2025-01-08' }).click();
  const { dialog, confirmName, restore, safety } = restoreDialog(page, 'web-server-01', 'weekly-snapshot-2025-01-08');
  await safety.uncheck();
  await confirmName.fill('web-server-01');
  await restore.click();
  await expect(dialog).toBeHidden();
  await expect(serverStatus(group, 'Restoring')).toBeVisible();

  lagging = true;
  const refresh = page.getByRole('button', { name: 'Refresh' });
  await refresh.click();
  await expect.poll(() => lagging, 'the lagging list was answered').toBe(false);
  await expect(refresh).not.toHaveAttribute('aria-busy', 'true');
  // The API still says restoring, and so does the panel; no one is told it ended.
  await expect(serverStatus(group, 'Restoring')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Notices' })).not.toContainText('has been restored');
  await expect(group.getByRole('button', { name: 'Restore pre-migration-snapshot' })).toHaveAttribute('aria-disabled', 'true');
});

test('a double-click on Restore or Delete opens its dialog and leaves it open', async ({ page }) => {
  await resetSimulator({ create_secs: 600 });
  await openPanel(page);
  const group = page.getByRole('region', { name: 'web-server-01' });
  await group.getByRole('button', { name: 'Restore weekly-snapshot-2025-01-08' }).dblclick();
  const { dialog, cancel } = restoreDialog(page, 'web-server-01', 'weekly-snapshot-2025-01-08');
  await expect(dialog).toBeVisible();
  // Long enough for a close to have happened.
  await page.waitForTimeout(500);
  await expect(dialog).toBeVisible();
  await cancel.click();
  await expect(dialog).toBeHidden();

  await group.getByRole('button', { name: 'Delete weekly-snapshot-2025-01-08' }).dblclick();
  const remove = page.getByRole('dialog', { name: /Delete weekly-snapshot-2025-01-08/ });
  await expect(remove).toBeVisible();
  await page.waitForTimeout(500);
  await expect(remove).toBeVisible();
  // A single click outside still closes it.
  await page.mouse.click(5, 5);
  await expect(remove).toBeHidden();
});

test('Escape, Cancel, a click outside and Enter before the name matches all send no request', async ({ page }) => {
  await resetSimulator({ create_secs: 600 });
  await openPanel(page);
  const group = page.getByRole('region', { name: 'web-server-01' });
  const opener = group.getByRole('button', { name: 'Restore pre-migration-snapshot' });
  const { dialog, confirmName, restore, cancel } = restoreDialog(page, 'web-server-01', 'pre-migration-snapshot');

  // The newest snapshot: the loss runs from 15 Jan 2025, 18:30 UTC, and there's nothing newer.
  await opener.click();
  await expect(dialog).toContainText(
    /Everything written to web-server-01 since 16 Jan 2025, 00:00 \([^)]+ ago\) will be overwritten\./,
  );
  await expect(dialog).not.toContainText('newer snapshots');

  // Enter in the field does nothing until the name matches.
  await confirmName.fill('web-server-0');
  await confirmName.press('Enter');
  await expect(dialog).toBeVisible();
  await expect(restore).toBeDisabled();
  // On the way to the name, nothing is said; once it cannot become the name, the field says so.
  const mismatch = "This doesn't match web-server-01. Type it exactly as shown, with no spaces around it.";
  await expect(confirmName).toHaveAttribute('aria-invalid', 'false');
  for (const astray of ['web-server-01 ', 'Web-Server-01']) {
    await confirmName.fill(astray);
    await expect(confirmName).toHaveAttribute('aria-invalid', 'true');
    await expect(confirmName).toHaveAccessibleDescription(mismatch);
    await expect(restore).toBeDisabled();
  }
  await confirmName.fill('web-server-01');
  await expect(confirmName).toHaveAttribute('aria-invalid', 'false');
  await expect(dialog.getByText(mismatch)).toHaveCount(0);
  await expect(restore).toBeEnabled();
  await confirmName.fill('web-server-0');

  // Escape.
  await confirmName.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  // Cancel, with the name typed.
  await opener.click();
  await expect(confirmName).toHaveValue('');
  await confirmName.fill('web-server-01');
  await expect(restore).toBeEnabled();
  await cancel.click();
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  // A click on the backdrop, outside the dialog, with the name typed.
  await opener.click();
  await confirmName.fill('web-server-01');
  const box = await dialog.boundingBox();
  expect(box, 'the dialog leaves room for a click outside it').not.toBeNull();
  expect(box!.x).toBeGreaterThan(5);
  await page.mouse.click(5, 5);
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  // Selecting the typed text with the mouse and letting go over the backdrop does not close it.
  await opener.click();
  await confirmName.fill('web-server-01');
  const field = await confirmName.boundingBox();
  await page.mouse.move(field!.x + field!.width - 4, field!.y + field!.height / 2);
  await page.mouse.down();
  await page.mouse.move(5, 5, { steps: 5 });
  await page.mouse.up();
  await expect(dialog).toBeVisible();
  await expect(confirmName).toHaveValue('web-server-01');
  await confirmName.press('Escape');
  await expect(dialog).toBeHidden();

  // A click inside the dialog, on its text, does not close it.
  await opener.click();
  await dialog.getByText('The restore takes 5 to 15 minutes.').click();
  await expect(dialog).toBeVisible();
  await confirmName.press('Escape');
  await expect(dialog).toBeHidden();

  expect(await restorePosts()).toEqual([]);
  await expect(page.getByRole('region', { name: 'web-server-01' }).getByText('Running', { exact: true })).toBeVisible();
});

test.describe('the API refuses', () => {
  // The browser logs the 400 answer as a console error; it is provoked on purpose here.
  test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 400/] });

  test('a restore the API refuses shows the provider\'s own words; exactly one request', async ({ page }) => {
    await resetSimulator({ create_secs: 600, restore_secs: 600 });
    await openPanel(page);
    const group = page.getByRole('region', { name: 'web-server-01' });
    await group.getByRole('button', { name: 'Restore weekly-snapshot-2025-01-08' }).click();
    const { dialog, confirmName, restore, safety } = restoreDialog(page, 'web-server-01', 'weekly-snapshot-2025-01-08');
    await confirmName.fill('web-server-01');
    await safety.uncheck();

    // Meanwhile, somewhere else, a restore of web-server-01 starts.
    const elsewhere = await asAlice('POST', 'snapshots/801/restore/');
    expect(elsewhere.status).toBe(200);

    await restore.click();
    await expect(dialog.getByRole('alert')).toHaveText('Server is not in a valid state for restoration.');
    await expect(dialog).toBeVisible();
    await expect(confirmName).toHaveValue('web-server-01');
    const posts = await restorePosts();
    expect(posts.map((r) => [r.path, r.status])).toEqual([
      ['/api/v1/snapshots/801/restore/', 200],
      ['/api/v1/snapshots/798/restore/', 400],
    ]);
  });
});

test('a restore done with the keyboard alone', async ({ page }) => {
  await resetSimulator({ create_secs: 600, restore_secs: 3 });
  await openPanel(page);
  const group = page.getByRole('region', { name: 'web-server-01' });
  const opener = group.getByRole('button', { name: 'Restore weekly-snapshot-2025-01-08' });

  // From the top of the page, Tab until the snapshot's Restore has the focus.
  let reached = false;
  for (let presses = 0; presses < 60 && !reached; presses++) {
    await page.keyboard.press('Tab');
    reached = await opener.evaluate((el) => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active === el;
    });
  }
  expect(reached, 'Tab reaches "Restore weekly-snapshot-2025-01-08"').toBe(true);
  await expect(opener).toBeFocused();
  await page.keyboard.press('Enter');

  const { dialog, confirmName, restore, cancel, safety } = restoreDialog(page, 'web-server-01', 'weekly-snapshot-2025-01-08');
  await expect(dialog).toBeVisible();
  await expect(confirmName).toBeFocused();
  // The safety snapshot's box sits just before the field: Space unticks it.
  await page.keyboard.press('Shift+Tab');
  await expect(safety).toBeFocused();
  await page.keyboard.press('Space');
  await expect(safety).not.toBeChecked();
  await page.keyboard.press('Tab');
  await expect(confirmName).toBeFocused();
  await page.keyboard.type('web-server-0');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.type('1');
  await expect(restore).toBeEnabled();
  await page.keyboard.press('Tab');
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(restore).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(restore).toBeFocused();
  expect(await restorePosts()).toEqual([]);
  await page.keyboard.press('Enter');

  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  await expect(group.getByText('Restoring', { exact: true })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('web-server-01 has been restored and is running.', {
    timeout: 20_000,
  });
  const posts = await restorePosts();
  expect(posts).toHaveLength(1);
  expect(posts[0].path).toBe('/api/v1/snapshots/798/restore/');
});

// Issue 10: the panel survives a network that drops requests, an API that behaves like a plain
// Django REST Framework deployment, servers that disappear, and nameless servers.
import type { Page } from '@playwright/test';
import {
  test,
  expect,
  resetSimulator,
  setFaults,
  clearFaults,
  apiRequests,
  patchServer,
  deleteServer,
  SIM_URL,
} from './support';

// Chromium reports each 502 it is sent as a failed resource load; nothing else may be logged.
// A vanished server answers 404, which Chromium logs the same way.
test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of (502|404)/] });

/**
 * Confirms a dialog as a person would: when the panel says the change did not go through, or
 * may not have, and "You can try again", they press the button again (at most 3 times). Returns how many times
 * the button was pressed.
 */
async function confirmAsAPerson(page: Page, button: string): Promise<number> {
  const dialog = page.getByRole('dialog');
  for (let pressed = 1; pressed <= 3; pressed++) {
    await dialog.getByRole('button', { name: button, exact: true }).click();
    const refused = dialog.getByRole('alert').filter({ hasText: 'You can try again' });
    await expect(async () => {
      const gone = !(await dialog.isVisible());
      const told = await refused.isVisible();
      expect(gone || told).toBe(true);
    }).toPass({ timeout: 30_000 });
    if (!(await dialog.isVisible())) return pressed;
  }
  throw new Error(`the ${button} dialog never closed`);
}

async function openPanel(page: Page) {
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'web-server-01' })).toBeVisible({ timeout: 30_000 });
}

/** A fresh simulator and panel, with web-server-01's create dialog open and `name` typed. */
async function createFilledIn(page: Page, name: string) {
  await resetSimulator({ create_secs: 600 });
  await openPanel(page);
  await page.getByRole('region', { name: 'web-server-01' }).getByRole('button', { name: 'New snapshot of web-server-01' }).click();
  const dialog = page.getByRole('dialog', { name: 'New snapshot of web-server-01' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  return dialog;
}

function live(page: Page) {
  return page.locator('[role="status"][aria-live="polite"]');
}

/** Notices on screen, by their text. */
function notice(page: Page, text: string | RegExp) {
  return page.getByRole('list', { name: 'Notices' }).getByText(text);
}

async function restoreFromPreMigration(page: Page, phrase: string): Promise<number> {
  await page.getByRole('button', { name: 'Restore pre-migration-snapshot' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('checkbox', { name: 'Take a snapshot of the current state first' }).uncheck();
  await dialog.getByRole('textbox', { name: `Type ${phrase} to confirm` }).fill(phrase);
  return confirmAsAPerson(page, 'Restore');
}

for (const seed of [1, 2, 3]) {
  test(`with 25% HTML 502 and 15% truncated answers (seed ${seed}), the list, a create, a restore and a delete all complete`, async ({ page }) => {
    test.setTimeout(120_000);
    await resetSimulator({ plain_drf: true, create_secs: 4, restore_secs: 4 });
    await setFaults({
      rate: 0.4,
      kinds: ['html502', 'html502', 'html502', 'html502', 'html502', 'truncated', 'truncated', 'truncated'],
      seed,
    });
    await openPanel(page);

    await page.getByRole('button', { name: 'New snapshot of staging-app' }).click();
    const create = page.getByRole('dialog');
    await create.getByRole('textbox', { name: 'Name' }).fill(`fault-journey-${seed}`);
    const creates = await confirmAsAPerson(page, 'Create snapshot');
    await expect(notice(page, `Snapshot fault-journey-${seed} of staging-app is ready.`)).toBeVisible({ timeout: 40_000 });

    const restores = await restoreFromPreMigration(page, 'web-server-01');
    await expect(notice(page, /web-server-01 has been restored/)).toBeVisible({ timeout: 40_000 });

    await page.getByRole('button', { name: 'Delete db-nightly-1' }).click();
    await confirmAsAPerson(page, 'Delete snapshot');
    await expect(page.getByRole('region', { name: 'db-primary' }).getByText('db-nightly-1', { exact: true })).toHaveCount(0);

    await clearFaults();
    // At most one request per press of the button, never one behind the person's back (a
    // press after a missing answer looks first, and may find the change made).
    const requests = await apiRequests();
    const posts = requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/snapshots/');
    expect(posts.length, 'at most one create request per press').toBeLessThanOrEqual(creates);
    expect(posts.length).toBeGreaterThan(0);
    const restorePosts = requests.filter((r) => r.method === 'POST' && r.path.endsWith('/restore/'));
    expect(restorePosts.length, 'at most one restore request per press').toBeLessThanOrEqual(restores);
    expect(restorePosts.length).toBeGreaterThan(0);
    await expect(page.locator('tr[data-snapshot-id]').filter({ hasText: `fault-journey-${seed}` })).toHaveCount(1);
  });
}

test('"Try again" after the API could not be reached recovers', async ({ page }) => {
  await resetSimulator();
  await setFaults({ kinds: ['html502'], path_prefix: '/api/v1/account/', count: 8 });
  await page.goto('/');
  const alert = page.getByRole('alert').filter({ hasText: "The API couldn't be reached" });
  await expect(alert).toBeVisible({ timeout: 30_000 });
  await clearFaults();
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('region', { name: 'web-server-01' })).toBeVisible({ timeout: 30_000 });
});

test('a retry is announced while it waits, then the data shows', async ({ page }) => {
  await resetSimulator();
  await setFaults({ kinds: ['html502'], path_prefix: '/api/v1/servers/', count: 3 });
  await page.goto('/');
  await expect(page.getByText("The API didn't answer properly; trying again…")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('region', { name: 'web-server-01' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("The API didn't answer properly; trying again…")).toBeHidden();
});

test('a view chosen while a slow poll runs is the one shown', async ({ page }) => {
  // analytics-hourly stays in progress, so analytics-worker is polled every 5 s.
  await resetSimulator({ create_secs: 600 });
  await openPanel(page);
  await setFaults({ kinds: ['latency'], latency_ms: 4000, path_prefix: '/api/v1/snapshots/', method: 'GET' });
  // Let a poll start and hang.
  await page.waitForTimeout(6_000);
  await page.getByRole('link', { name: 'web-server-01' }).first().click();
  await expect(page.locator('.sp-page__title')).toHaveText('web-server-01');
  await expect(page.getByRole('region', { name: 'analytics-worker' })).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByRole('rowheader', { name: 'pre-migration-snapshot' })).toBeVisible({ timeout: 20_000 });
  await clearFaults();
});

test('a restoring server that disappears is dropped with a notice, and another job still finishes', async ({ page }) => {
  test.setTimeout(90_000);
  await resetSimulator({ create_secs: 8, restore_secs: 600 });
  await openPanel(page);
  await restoreFromPreMigration(page, 'web-server-01');
  await page.getByRole('button', { name: 'New snapshot of staging-app' }).click();
  const create = page.getByRole('dialog');
  await create.getByRole('textbox', { name: 'Name' }).fill('keeps-going');
  await create.getByRole('button', { name: 'Create snapshot' }).click();
  await expect(create).toBeHidden();
  await deleteServer(12345);
  await expect(notice(page, 'web-server-01 is no longer in this account; it has been taken off the list.')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('region', { name: 'web-server-01' })).toHaveCount(0);
  await expect(notice(page, 'Snapshot keeps-going of staging-app is ready.')).toBeVisible({ timeout: 25_000 });
});

test('a server without a name is confirmed by its id, and an empty field never restores', async ({ page }) => {
  await resetSimulator();
  await patchServer(12345, { name: null });
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'Server 12345' })).toBeVisible({ timeout: 30_000 });
  // Named so in the create dialog too: its title, and its list of servers.
  await page.getByRole('region', { name: 'Server 12345' }).getByRole('button', { name: /^New snapshot/ }).click();
  await expect(page.getByRole('dialog', { name: 'New snapshot of Server 12345' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'New snapshot…' }).click();
  await expect(page.getByRole('dialog', { name: 'New snapshot' }).getByRole('option', { name: 'Server 12345 (2 of 5)' })).toHaveCount(1);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Restore pre-migration-snapshot' }).click();
  const dialog = page.getByRole('dialog');
  const phrase = dialog.getByRole('textbox', { name: 'Type 12345 to confirm' });
  await expect(phrase).toBeFocused();
  await phrase.press('Enter');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Restore', exact: true })).toBeDisabled();
  await phrase.fill('12345');
  await dialog.getByRole('checkbox', { name: 'Take a snapshot of the current state first' }).uncheck();
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(dialog).toBeHidden();
  const restores = (await apiRequests()).filter((r) => r.method === 'POST' && r.path.endsWith('/restore/'));
  expect(restores.length).toBe(1);
});

test('what is typed in the restore dialog survives another server finishing', async ({ page }) => {
  await resetSimulator({ create_secs: 8 });
  await openPanel(page);
  await page.getByRole('button', { name: 'Restore pre-migration-snapshot' }).click();
  const phrase = page.getByRole('dialog').getByRole('textbox', { name: 'Type web-server-01 to confirm' });
  await phrase.fill('web-serv');
  await expect(live(page)).toHaveText('Snapshot analytics-hourly of analytics-worker is ready.', { timeout: 20_000 });
  await expect(phrase).toHaveValue('web-serv');
});

test('behind page-number pagination over a changing list, each snapshot shows once', async ({ page }) => {
  await resetSimulator({ plain_drf: true, page_size: 5 });
  await openPanel(page);
  const db = page.getByRole('region', { name: 'db-primary' });
  await expect(db.getByText('5 of 5 snapshots').first()).toBeVisible();
  await expect(db.locator('tbody tr')).toHaveCount(5);
  // 13 snapshots in all, each once.
  await expect(page.locator('tr[data-snapshot-id]')).toHaveCount(13);
});

test('a long list is read three pages at a time once its first page says how many there are, and its progress shown', async ({ page }) => {
  await resetSimulator({ page_size: 2 });
  let inFlight = 0;
  let most = 0;
  const pagesAsked: string[] = [];
  await page.route(
    (url) => url.pathname === '/api/v1/snapshots/' && url.searchParams.has('page'),
    async (route) => {
      pagesAsked.push(new URL(route.request().url()).searchParams.get('page') ?? '');
      inFlight += 1;
      most = Math.max(most, inFlight);
      // A far-away API: each page takes a while.
      await new Promise((resolve) => setTimeout(resolve, 800));
      inFlight -= 1;
      await route.continue();
    },
  );
  await page.goto('/');
  // Meanwhile the page shows how far it has come (a bar a screen reader finds when it asks).
  const progress = page.locator('.sp-loading__progress');
  await expect(progress).toHaveText(/^\s*\d+ of 13 snapshots read$/);
  await expect(progress.getByRole('progressbar', { name: 'Loading snapshots…' })).toHaveAttribute('max', '13');
  // 13 snapshots at 2 a page: pages 2 to 7 after the first, each asked once, three at a time.
  await expect(page.locator('tr[data-snapshot-id]')).toHaveCount(13);
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  expect(pagesAsked.sort()).toEqual(['2', '3', '4', '5', '6', '7']);
  expect(most).toBe(3);
});

test('a later page gone between the reads (DRF\'s 404 "Invalid page."): the walk starts again and every snapshot shows', async ({
  page,
}) => {
  await resetSimulator({ page_size: 5 });
  let gone = 0;
  await page.route(
    (url) => url.pathname === '/api/v1/snapshots/' && url.searchParams.get('page') === '2',
    async (route) => {
      gone += 1;
      await route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ detail: 'Invalid page.' }) });
    },
    { times: 1 },
  );
  await openPanel(page);
  expect(gone, 'the second page was answered 404 once').toBe(1);
  await expect(page.locator('tr[data-snapshot-id]')).toHaveCount(13);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a new snapshot stays on screen while the API\'s first list does not show it yet', async ({ page }) => {
  await resetSimulator({ plain_drf: true, create_secs: 12 });
  await openPanel(page);
  await page.getByRole('button', { name: 'New snapshot of staging-app' }).click();
  const create = page.getByRole('dialog');
  await create.getByRole('textbox', { name: 'Name' }).fill('lagging-list');
  await create.getByRole('button', { name: 'Create snapshot' }).click();
  await expect(create).toBeHidden();
  const row = page.getByRole('region', { name: 'staging-app' }).locator('tr[data-snapshot-id]').filter({ hasText: 'lagging-list' });
  // Through at least two polls (every 5 s), it never leaves the screen.
  for (let i = 0; i < 12; i++) {
    await expect(row).toBeVisible();
    await page.waitForTimeout(1_000);
  }
  await expect(notice(page, 'Snapshot lagging-list of staging-app is ready.')).toBeVisible({ timeout: 20_000 });
});

test('a create and a restore whose answers are cut off are shown as done, and a lost delete is checked, never resent', async ({ page }) => {
  await resetSimulator({ create_secs: 600, restore_secs: 600 });
  await openPanel(page);
  const posts = async (suffix: string) =>
    (await apiRequests()).filter((r) => r.method === 'POST' && r.path.endsWith(suffix)).length;

  // The API creates it, but its 201 arrives cut off: the panel looks, and finds it.
  await setFaults({ kinds: ['truncated'], method: 'POST', count: 1 });
  await page.getByRole('button', { name: 'New snapshot of staging-app' }).click();
  const create = page.getByRole('dialog');
  await create.getByRole('textbox', { name: 'Name' }).fill('answer-cut-off');
  await create.getByRole('button', { name: 'Create snapshot' }).click();
  await expect(create).toBeHidden({ timeout: 20_000 });
  const row = page.getByRole('region', { name: 'staging-app' }).locator('tr[data-snapshot-id]').filter({ hasText: 'answer-cut-off' });
  await expect(row).toContainText('In progress');
  expect(await posts('/snapshots/'), 'one create request').toBe(1);

  // The same for a restore: the server is restoring, so it started.
  await setFaults({ kinds: ['truncated'], method: 'POST', count: 1 });
  await restoreFromPreMigration(page, 'web-server-01');
  await expect(page.getByRole('region', { name: 'web-server-01' }).getByText('Restoring', { exact: true })).toBeVisible();
  expect(await posts('/restore/'), 'one restore request').toBe(1);

  // A delete that a proxy answers with its own 502, the API never having seen it: whether it
  // went through is unknown, so the panel looks; still listed, so it says so.
  await setFaults({ kinds: ['html502'], method: 'DELETE', count: 1 });
  await page.getByRole('button', { name: 'Delete db-nightly-3' }).click();
  const del = page.getByRole('dialog');
  await del.getByRole('button', { name: 'Delete snapshot' }).click();
  await expect(del.getByRole('alert')).toHaveText(
    "The API failed while answering (HTTP 502). db-nightly-3 is still listed, so it was not deleted. You can try again.",
    { timeout: 20_000 },
  );
  const deletes = (await apiRequests()).filter((r) => r.method === 'DELETE');
  expect(deletes.length, 'the delete was not sent again behind the person\'s back').toBe(1);
  await clearFaults();
  await del.getByRole('button', { name: 'Delete snapshot' }).click();
  await expect(del).toBeHidden();
  await expect(page.getByRole('region', { name: 'db-primary' }).getByRole('rowheader', { name: 'db-nightly-3' })).toHaveCount(0);
});

test.describe('a change whose answer is lost, on an API read from a lagging replica', () => {
  test.use({ allowedConsoleErrors: [/Failed to load resource: net::ERR_CONNECTION_RESET/] });

  test('a delete that went through is found gone, though the first read after it still lists it', async ({ page }) => {
    await resetSimulator({ plain_drf: true });
    await openPanel(page);
    // The API deletes it; its answer is lost on the way back.
    await page.route(
      (url) => /^\/api\/v1\/snapshots\/\d+\/$/.test(url.pathname),
      async (route) => {
        if (route.request().method() !== 'DELETE') return route.fallback();
        await route.fetch();
        await route.abort('connectionreset');
      },
      { times: 1 },
    );
    await page.getByRole('button', { name: 'Delete db-nightly-3' }).click();
    const del = page.getByRole('dialog');
    await del.getByRole('button', { name: 'Delete snapshot' }).click();
    await expect(del).toBeHidden({ timeout: 20_000 });
    await expect(notice(page, 'Snapshot db-nightly-3 was deleted.')).toBeVisible();
    await expect(page.getByRole('region', { name: 'db-primary' }).getByRole('rowheader', { name: 'db-nightly-3' })).toHaveCount(0);

    const deletes = (await apiRequests()).filter((r) => r.method === 'DELETE');
    expect(deletes.length, 'the delete was not sent again behind the person\'s back').toBe(1);
  });
});

test.describe('what a failure says will happen, happens', () => {
  test.use({ allowedConsoleErrors: [/Failed to load resource/] });

  test('a long rate limit on the first load says when to try again; nothing promises to try by itself', async ({ page }) => {
    await resetSimulator();
    await setFaults({ kinds: ['429'], retry_after_secs: 30, method: 'GET', path_prefix: '/api/v1/snapshots/', count: 1 });
    await page.goto('/');
    const failed = page.getByRole('alert');
    await expect(failed).toContainText('The API is busy; try again in 30 s.');
    await expect(failed).not.toContainText('trying again');
    await failed.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('region', { name: 'web-server-01' })).toBeVisible();
  });

  test('a change refused with a Retry-After holds its button that long, then lets it go', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    await openPanel(page);
    await page.getByRole('button', { name: 'New snapshot of staging-app' }).click();
    const dialog = page.getByRole('dialog', { name: 'New snapshot of staging-app' });
    const name = dialog.getByRole('textbox', { name: 'Name' });
    await name.fill('after-the-wait');
    const create = dialog.getByRole('button', { name: 'Create snapshot' });
    await setFaults({ kinds: ['429'], retry_after_secs: 3, method: 'POST', count: 1 });
    const posts = async () => (await apiRequests()).filter((r) => r.method === 'POST').length;
    await create.click();
    const refusal = dialog.getByRole('alert');
    await expect(refusal).toHaveText('The API is busy; try again in 3 s.');
    // Pressed again during the wait: nothing is sent, and the button says it is unavailable.
    await expect(create).toHaveAttribute('aria-disabled', 'true');
    await name.press('Enter');
    // Forced: Playwright itself would wait for an aria-disabled button to become available.
    await create.click({ force: true });
    expect(await posts(), 'POSTs during the wait').toBe(1);
    await expect(refusal).toHaveText('The API is busy; try again in 3 s.');
    // Once the wait is over the refusal goes and the button comes back, with the name kept.
    await expect(refusal).toHaveCount(0, { timeout: 6_000 });
    await expect(create).not.toHaveAttribute('aria-disabled');
    await expect(name).toHaveValue('after-the-wait');
    await create.click();
    await expect(dialog).toBeHidden();
    expect(await posts()).toBe(2);
    await expect(page.getByRole('region', { name: 'staging-app' }).getByRole('rowheader', { name: 'after-the-wait' })).toBeVisible();
  });

  test('a first load that failed offline carries on by itself when the browser is back online', async ({ page, context }) => {
    await resetSimulator();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(
      (url) => url.pathname === '/api/v1/snapshots/',
      async (route) => {
        await held;
        await route.abort('internetdisconnected');
      },
      { times: 1 },
    );
    await page.goto('/');
    // The list's first read is on its way when the connection goes.
    await expect.poll(() => apiRequests().then((all) => all.some((r) => r.path === '/api/v1/servers/'))).toBe(true);
    await context.setOffline(true);
    release();
    await expect(page.getByRole('alert')).toContainText("You're offline. The panel will carry on when you're back.");
    await context.setOffline(false);
    await expect(page.getByRole('region', { name: 'web-server-01' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('a snapshot asked for offline: the dialog says nothing was sent and keeps the name; back online, the same press creates it once', async ({
    page,
    context,
  }) => {
    const dialog = await createFilledIn(page, 'made-once-online');
    await context.setOffline(true);
    await dialog.getByRole('button', { name: 'Create snapshot' }).click();
    // Not the list's "the panel will carry on": nothing carries this on by itself.
    await expect(dialog.getByRole('alert')).toHaveText("You're offline, so nothing was sent. Try again once you're back online.");
    await expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveValue('made-once-online');
    await context.setOffline(false);
    await dialog.getByRole('button', { name: 'Create snapshot' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('region', { name: 'web-server-01' }).getByRole('rowheader', { name: 'made-once-online' })).toBeVisible();
    const posts = (await apiRequests()).filter((r) => r.method === 'POST');
    expect(posts.map((r) => `${r.path} ${r.status}`)).toEqual(['/api/v1/snapshots/ 201']);
  });

  test('a create on its way when the network goes is not called offline: the panel looks first before sending it again', async ({
    page,
    context,
  }) => {
    const dialog = await createFilledIn(page, 'cut-off-offline');
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(
      (url) => url.pathname === '/api/v1/snapshots/',
      async (route) => {
        if (route.request().method() !== 'POST') return route.fallback();
        await held;
        await route.abort('internetdisconnected');
      },
      { times: 1 },
    );
    await dialog.getByRole('button', { name: 'Create snapshot' }).click();
    await expect(dialog.getByRole('button', { name: 'Creating…' })).toBeVisible();
    await context.setOffline(true);
    release();
    // Sent, then cut off: for all the panel knows, the API made it.
    const alert = dialog.getByRole('alert');
    await expect(alert).toContainText("The API's answer was lost on the way.", { timeout: 20_000 });
    await expect(alert).not.toContainText('nothing was sent');
    await context.setOffline(false);
    const order: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/')) order.push(`${request.method()} ${url.pathname}${url.search}`);
    });
    await dialog.getByRole('button', { name: 'Create snapshot' }).click();
    await expect(dialog).toBeHidden();
    // It read web-server-01's list before sending the create again.
    const post = order.indexOf('POST /api/v1/snapshots/');
    expect(post, 'the create was sent').toBeGreaterThan(0);
    expect(order.slice(0, post)).toContain('GET /api/v1/snapshots/?server_id=12345');
    await expect(page.getByRole('region', { name: 'web-server-01' }).getByRole('rowheader', { name: 'cut-off-offline' })).toBeVisible();
  });

  test('a refresh that failed offline is done again when the browser is back online', async ({ page, context }) => {
    await resetSimulator({ create_secs: 600 });
    await openPanel(page);
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByRole('alert')).toContainText("You're offline. The panel will carry on when you're back.");
    // Meanwhile, elsewhere: a snapshot of a server whose list no check of a job would read.
    const created = await fetch(`${SIM_URL}/api/v1/snapshots/`, {
      method: 'POST',
      headers: { authorization: 'Bearer vps_demo_alice', 'content-type': 'application/json' },
      body: JSON.stringify({ server_id: 12345, name: 'while-offline' }),
    });
    expect(created.status).toBe(201);
    await context.setOffline(false);
    await expect(page.getByRole('region', { name: 'web-server-01' }).getByRole('rowheader', { name: 'while-offline' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
});

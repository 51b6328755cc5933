// Issue 14, part 4: tabs that agree. Two tabs of the panel (or a tab and an embedded panel) of
// the same account share what they learn through a BroadcastChannel: a create, restore or
// delete in one shows in the other at once, with no request from it; and only one tab polls,
// the holder of a Web Lock, which another tab takes over when it closes or goes to the
// background.
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { test, expect, resetSimulator, setTabHidden, SIM_URL } from './support';
import { openHostPage } from './deployment';

/** Every /api/ request a page sends from now on, as "METHOD /path?query". */
function recordApi(page: Page): string[] {
  const sent: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) sent.push(`${request.method()} ${url.pathname}${url.search}`);
  });
  return sent;
}

interface Tab {
  page: Page;
  /** What this tab asked the API since it showed its list (or since last emptied). */
  sent: string[];
  /** Where its panel is: the page itself, or the host page's element. */
  panel: Page | Locator;
}

async function openTab(context: BrowserContext): Promise<Tab> {
  const page = await context.newPage();
  const sent = recordApi(page);
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'web-server-01' })).toContainText('pre-migration-snapshot');
  return { page, sent, panel: page };
}

/** The polls (GETs while the list is on screen) among `sent`. */
const polls = (sent: string[]) => sent.filter((r) => r.startsWith('GET '));

/** Waits for the tabs to settle, then watches two poll periods (5 s here): exactly one polls. */
async function theOneThatPolls(tabs: Tab[]): Promise<Tab> {
  await tabs[0].page.waitForTimeout(500);
  for (const tab of tabs) tab.sent.length = 0;
  await tabs[0].page.waitForTimeout(11_000);
  const polling = tabs.filter((tab) => polls(tab.sent).length > 0);
  expect(
    polling.length,
    `tabs that polled: ${tabs.map((t) => JSON.stringify(polls(t.sent))).join(' / ')}`,
  ).toBe(1);
  return polling[0];
}

/** Opens the restore of weekly-snapshot-2025-01-08 in `tab`, without the safety snapshot, and
 * types the confirmation: the dialog, ready to send. */
async function restoreIn(tab: Tab): Promise<Locator> {
  await tab.page
    .getByRole('region', { name: 'web-server-01' })
    .getByRole('button', { name: 'Restore weekly-snapshot-2025-01-08' })
    .click();
  const dialog = tab.page.getByRole('dialog', { name: 'Restore web-server-01 from weekly-snapshot-2025-01-08?' });
  await dialog.getByRole('checkbox', { name: 'Take a snapshot of the current state first' }).uncheck();
  await dialog.getByRole('textbox', { name: 'Type web-server-01 to confirm' }).fill('web-server-01');
  return dialog;
}

test.describe('two tabs of the same account', () => {
  test.describe.configure({ timeout: 90_000 });

  test('what one tab creates, restores and deletes shows in the other at once, without a request; only one tab polls', async ({
    context,
  }) => {
    // analytics-hourly stays in progress, so there is always a job to follow.
    await resetSimulator({ create_secs: 600, restore_secs: 600 });
    const first = await openTab(context);
    const second = await openTab(context);
    const leader = await theOneThatPolls([first, second]);
    const follower = leader === first ? second : first;
    expect(leader, 'the tab that asked first leads').toBe(first);
    expect(follower.sent, 'the other tab asks nothing').toEqual([]);

    // A create in the tab that does not poll: the polling tab shows it before asking about it.
    await follower.page.getByRole('button', { name: 'New snapshot of staging-app' }).click();
    const create = follower.page.getByRole('dialog', { name: 'New snapshot of staging-app' });
    await create.getByRole('textbox', { name: 'Name' }).fill('made-in-another-tab');
    leader.sent.length = 0;
    await create.getByRole('button', { name: 'Create snapshot' }).click();
    const staging = leader.page.getByRole('region', { name: 'staging-app' });
    await expect(staging.getByRole('rowheader', { name: 'made-in-another-tab' })).toBeVisible();
    expect(leader.sent.filter((r) => r.includes('server_id=12347')), 'the polling tab had not asked').toEqual([]);
    await expect(staging.getByRole('row', { name: /made-in-another-tab/ })).toContainText('In progress');

    // A delete in the polling tab: gone from the other, which still asks nothing.
    await staging.getByRole('button', { name: 'Delete made-in-another-tab' }).click();
    await leader.page.getByRole('dialog').getByRole('button', { name: 'Delete snapshot' }).click();
    await expect(
      follower.page.getByRole('region', { name: 'staging-app' }).getByRole('rowheader', { name: 'made-in-another-tab' }),
    ).toHaveCount(0);

    // A restore in the tab that does not poll: the polling tab shows it restoring before asking.
    const restore = await restoreIn(follower);
    leader.sent.length = 0;
    await restore.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect(leader.page.getByRole('region', { name: 'web-server-01' }).getByText('Restoring', { exact: true })).toBeVisible();
    expect(leader.sent.filter((r) => r.includes('/servers/12345/')), 'the polling tab had not asked').toEqual([]);

    // All the while the other tab sent only its own create and restore.
    expect(follower.sent).toEqual(['POST /api/v1/snapshots/', 'POST /api/v1/snapshots/798/restore/']);
    // And the polling tab follows the restore for both.
    await expect.poll(() => leader.sent.filter((r) => r === 'GET /api/v1/servers/12345/').length, { timeout: 15_000 }).toBeGreaterThan(0);
    await follower.page.waitForTimeout(1000);
    expect(polls(follower.sent)).toEqual([]);
  });

  test('a job followed by the polling tab ends in the other too, and is announced there', async ({ context }) => {
    await resetSimulator({ create_secs: 8, restore_secs: 600 });
    const first = await openTab(context);
    const second = await openTab(context);
    await first.page.waitForTimeout(500);
    first.sent.length = 0;
    second.sent.length = 0;
    const analytics = second.page.getByRole('region', { name: 'analytics-worker' });
    await expect(analytics.getByRole('row', { name: /analytics-hourly/ })).toContainText('Completed', { timeout: 20_000 });
    await expect(second.page.getByRole('status').filter({ hasText: 'Snapshot analytics-hourly of analytics-worker is ready.' })).toHaveCount(1);
    expect(second.sent, 'the tab that does not poll learned it without asking').toEqual([]);
    expect(polls(first.sent).length, 'the first tab polled for both').toBeGreaterThan(0);
  });

  test('a job the polling tab does not follow (started elsewhere) is checked by the other tab itself, and ends in both', async ({
    context,
  }) => {
    test.setTimeout(120_000);
    await resetSimulator({ create_secs: 8, restore_secs: 600 });
    const first = await openTab(context);
    const analytics = first.page.getByRole('region', { name: 'analytics-worker' });
    await expect(analytics.getByRole('row', { name: /analytics-hourly/ })).toContainText('Completed', { timeout: 20_000 });
    // Nothing runs for the first tab now. Another device starts a snapshot; only a tab opened
    // after that knows of it.
    const made = await fetch(`${SIM_URL}/api/v1/snapshots/`, {
      method: 'POST',
      headers: { Authorization: 'Bearer vps_demo_alice', 'content-type': 'application/json' },
      body: JSON.stringify({ server_id: 12347, name: 'made-elsewhere' }),
    });
    expect(made.status).toBe(201);
    const second = await openTab(context);
    const row = (tab: Tab) => tab.page.getByRole('region', { name: 'staging-app' }).getByRole('row', { name: /made-elsewhere/ });
    await expect(row(second)).toContainText('In progress');
    await expect(row(first)).toHaveCount(0);

    // The first tab leads but has nothing to ask about; the second, hearing nothing of its job,
    // checks it itself once it is well overdue, and tells the first.
    await expect(row(second)).toContainText('Completed', { timeout: 60_000 });
    await expect(row(first)).toContainText('Completed');
    expect(first.sent.filter((r) => r.includes('server_id=12347')), 'the first tab never asked').toEqual([]);
    expect(polls(second.sent).some((r) => r.includes('server_id=12347'))).toBe(true);
  });

  test('a restore dialog left open in one tab stops offering it once the other tab has started that restore', async ({
    context,
  }) => {
    await resetSimulator({ create_secs: 600, restore_secs: 600 });
    const first = await openTab(context);
    const second = await openTab(context);
    // The second tab's dialog is open and filled in, ready to send, when the first restores.
    const waiting = await restoreIn(second);
    await expect(waiting.getByRole('button', { name: 'Restore', exact: true })).toBeEnabled();
    const started = await restoreIn(first);
    await started.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect(first.page.getByRole('region', { name: 'web-server-01' }).getByText('Restoring', { exact: true })).toBeVisible();

    // The second tab says why, in its dialog, and will not send it; what was typed stays.
    await expect(waiting.getByRole('status').filter({ hasText: 'The server is being restored; wait until it has finished.' })).toBeVisible();
    await expect(waiting.getByRole('button', { name: 'Restore', exact: true })).toBeDisabled();
    const typed = waiting.getByRole('textbox', { name: 'Type web-server-01 to confirm' });
    await expect(typed).toHaveValue('web-server-01');
    second.sent.length = 0;
    await typed.press('Enter');
    await second.page.waitForTimeout(500);
    expect(second.sent.filter((r) => r.startsWith('POST '))).toEqual([]);
    await expect(waiting).toBeVisible();
  });

  test('when the polling tab goes to the background or closes, another takes over', async ({ context }) => {
    await resetSimulator({ create_secs: 600, restore_secs: 600 });
    const first = await openTab(context);
    const second = await openTab(context);
    expect(await theOneThatPolls([first, second])).toBe(first);

    // First goes to the background: second polls, first stops.
    await setTabHidden(first.page, true);
    expect(await theOneThatPolls([first, second])).toBe(second);

    // First comes back while second still polls: second keeps the lead, first waits.
    await setTabHidden(first.page, false);
    expect(await theOneThatPolls([first, second])).toBe(second);

    // Second closes: first takes over.
    await second.page.close();
    expect(await theOneThatPolls([first])).toBe(first);
  });

  test('an embedded panel shares with a tab of the panel itself', async ({ context }) => {
    await resetSimulator({ create_secs: 600, restore_secs: 600 });
    const own = await openTab(context);
    const hostPage = await context.newPage();
    const hostSent = recordApi(hostPage);
    const embedded = await openHostPage(hostPage);
    const host: Tab = { page: hostPage, sent: hostSent, panel: embedded };
    expect(await theOneThatPolls([own, host])).toBe(own);

    await own.page.getByRole('button', { name: 'New snapshot of staging-app' }).click();
    const create = own.page.getByRole('dialog', { name: 'New snapshot of staging-app' });
    await create.getByRole('textbox', { name: 'Name' }).fill('seen-by-the-host');
    await create.getByRole('button', { name: 'Create snapshot' }).click();
    await expect(embedded.getByRole('region', { name: 'staging-app' }).getByRole('rowheader', { name: 'seen-by-the-host' })).toBeVisible();
    expect(host.sent, 'the embedded panel asked nothing').toEqual([]);
  });

  test('without Web Locks, each tab polls for itself, and they still share what they do', async ({ context }) => {
    await context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'locks', { configurable: true, get: () => undefined });
    });
    await resetSimulator({ create_secs: 600, restore_secs: 600 });
    const first = await openTab(context);
    const second = await openTab(context);
    await first.page.waitForTimeout(500);
    first.sent.length = 0;
    second.sent.length = 0;
    await first.page.waitForTimeout(11_000);
    expect(polls(first.sent).length, 'the first tab polls').toBeGreaterThan(0);
    expect(polls(second.sent).length, 'the second tab polls too').toBeGreaterThan(0);

    await first.page.getByRole('button', { name: 'New snapshot of staging-app' }).click();
    const create = first.page.getByRole('dialog', { name: 'New snapshot of staging-app' });
    await create.getByRole('textbox', { name: 'Name' }).fill('shared-without-locks');
    second.sent.length = 0;
    await create.getByRole('button', { name: 'Create snapshot' }).click();
    await expect(
      second.page.getByRole('region', { name: 'staging-app' }).getByRole('rowheader', { name: 'shared-without-locks' }),
    ).toBeVisible();
    expect(second.sent.filter((r) => r.includes('server_id=12347'))).toEqual([]);
  });
});

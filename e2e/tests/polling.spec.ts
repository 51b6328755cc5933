// Live status: the panel polls only while something runs, only what runs, one request at a
// time, backs off on errors and honours Retry-After, pauses in a hidden tab, announces what
// finished, and leaves the DOM alone when a poll brings nothing new.
//
// Requests are counted in the simulator's log (`apiRequests`). Where a test must show that
// something does NOT happen, it waits a fixed time longer than two poll intervals: there is
// nothing to poll for in that case.
import { type Page } from '@playwright/test';
import {
  test,
  expect,
  resetSimulator,
  setFaults,
  clearFaults,
  apiRequests,
  setTabHidden,
  SIM_URL,
  type ApiRequest,
} from './support';
import { configureDeployment } from './deployment';

/**
 * The panel's poll interval while something runs: the test nginx gives every page
 * `poll-seconds` 5 (xtask/src/nginx.rs), and the backoff after errors counts in steps of 5 s too
 * (crates/core/src/poll.rs BACKOFF_UNIT_MS).
 */
const POLL_MS = 5_000;
/** analytics-worker: seeded with one completed and one in-progress snapshot. */
const ANALYTICS = 12349;
/** web-server-01: seeded with two completed snapshots. */
const WEB = 12345;

interface ApiSnapshot {
  id: number;
  server: { id: number; name: string };
  name: string;
  status: string;
  size_mb: number | null;
}

async function apiSnapshots(serverId: number): Promise<ApiSnapshot[]> {
  const response = await fetch(`${SIM_URL}/api/v1/snapshots/?server_id=${serverId}`, {
    headers: { authorization: 'Bearer vps_demo_alice' },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { results: ApiSnapshot[] }).results;
}

async function inProgressOf(serverId: number): Promise<ApiSnapshot> {
  const running = (await apiSnapshots(serverId)).find((s) => s.status === 'in_progress');
  if (!running) throw new Error(`server ${serverId} should have a snapshot in progress after a reset`);
  return running;
}

/** How a size reads ("5.0 GB"); a size exactly halfway between two tenths may round either way. */
function sizeText(mb: number | null): RegExp {
  if (mb === null) return /^—$/;
  if (mb < 1024) return new RegExp(`^${mb} MB$`);
  const tenths = (mb * 10) / 1024;
  const options = Number.isInteger(tenths * 2) && !Number.isInteger(tenths)
    ? [Math.floor(tenths), Math.ceil(tenths)]
    : [Math.round(tenths)];
  return new RegExp(`^(${options.map((t) => (t / 10).toFixed(1)).join('|')}) GB$`);
}

/** The snapshot list requests for one server. */
const listOf = (serverId: number) => (r: ApiRequest) =>
  r.method === 'GET' && r.path === '/api/v1/snapshots/' && new URLSearchParams(r.query).get('server_id') === `${serverId}`;

/** The panel's requests since `from` (an index into the log). */
async function requestsSince(from: number): Promise<ApiRequest[]> {
  return (await apiRequests()).slice(from);
}

/**
 * Watches the log until `count` requests matching `match` are in it (from `from` on), and
 * returns when (by this process's clock) the simulator had answered each one. Resolution ~50 ms.
 */
async function timeRequests(from: number, match: (r: ApiRequest) => boolean, count: number, timeoutMs: number) {
  const seen: number[] = [];
  const deadline = Date.now() + timeoutMs;
  while (seen.length < count) {
    if (Date.now() > deadline) {
      throw new Error(`only ${seen.length} of ${count} expected requests within ${timeoutMs} ms`);
    }
    const n = (await requestsSince(from)).filter(match).length;
    while (seen.length < n) seen.push(Date.now());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return seen;
}

function row(page: Page, name: string) {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
}

/** The row's Status cell (the first after its name; the selection box is before it). */
function statusCell(page: Page, name: string) {
  return row(page, name).getByRole('cell').nth(1);
}

test('an in-progress snapshot turns Completed without a reload, and it is announced', async ({ page }) => {
  await resetSimulator({ create_secs: 8 });
  const running = await inProgressOf(ANALYTICS);
  const start = (await apiRequests()).length;

  await page.goto('/');
  await expect(statusCell(page, running.name)).toContainText('In progress');
  await expect(row(page, running.name).getByRole('cell').nth(2)).toHaveText('—');
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  await expect(statusCell(page, running.name)).toHaveText('Completed', { timeout: 8_000 + 2 * POLL_MS });
  const done = (await apiSnapshots(ANALYTICS)).find((s) => s.id === running.id);
  expect(done?.status).toBe('completed');
  await expect(row(page, running.name).getByRole('cell').nth(2)).toHaveText(sizeText(done?.size_mb ?? null));
  // Announced politely to screen readers, and shown as a notice.
  const live = page.getByRole('status');
  await expect(live).toHaveAttribute('aria-live', 'polite');
  await expect(live).toHaveText(`Snapshot ${running.name} of ${running.server.name} is ready.`);
  await expect(page.getByRole('list', { name: 'Notices' })).toContainText(`Snapshot ${running.name} of ${running.server.name} is ready.`);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  // Only the affected server's list was polled: never the whole list again, never another server's.
  const log = await requestsSince(start);
  // The first load reads the servers and the whole list side by side, in either order; what
  // comes after both is polling.
  const firstLoad = Math.max(
    log.findIndex((r) => r.path === '/api/v1/servers/'),
    log.findIndex((r) => r.path === '/api/v1/snapshots/' && !new URLSearchParams(r.query).has('server_id')),
  );
  const polls = log.slice(firstLoad + 1).filter((r) => r.path === '/api/v1/snapshots/');
  expect(polls.length).toBeGreaterThan(0);
  for (const r of polls) expect(listOf(ANALYTICS)(r), `${r.path}?${r.query}`).toBe(true);
});

test('no requests are made while nothing is in progress', async ({ page }) => {
  await resetSimulator({ create_secs: 1 });
  const seeded = await inProgressOf(ANALYTICS);
  await expect
    .poll(async () => (await apiSnapshots(ANALYTICS)).find((s) => s.id === seeded.id)?.status, { timeout: 5_000 })
    .toBe('completed');

  await page.goto(`/servers/${ANALYTICS}`);
  await expect(statusCell(page, seeded.name)).toHaveText('Completed');
  await expect(page.getByText('updated just now')).toBeVisible();
  const loaded = (await apiRequests()).length;

  await page.waitForTimeout(2 * POLL_MS + 1_000);
  expect(await requestsSince(loaded)).toEqual([]);
});

test('a restoring server is followed on its own, and nothing else is asked for', async ({ page }) => {
  // legacy-mail (12350) is seeded restoring, forever; nothing else runs once the creation is done.
  await resetSimulator({ create_secs: 1 });
  const seeded = await inProgressOf(ANALYTICS);
  await expect
    .poll(async () => (await apiSnapshots(ANALYTICS)).find((s) => s.id === seeded.id)?.status, { timeout: 5_000 })
    .toBe('completed');

  await page.goto('/');
  const restoring = page.getByRole('region', { name: 'legacy-mail' });
  await expect(restoring.getByText('Restoring', { exact: true })).toBeVisible();
  const loaded = (await apiRequests()).length;

  await timeRequests(loaded, () => true, 2, 3 * POLL_MS);
  for (const r of await requestsSince(loaded)) {
    expect(`${r.method} ${r.path}`).toBe('GET /api/v1/servers/12350/');
  }
});

test('a hidden tab pauses polling, and refreshes once when visible again', async ({ page }) => {
  await resetSimulator({ create_secs: 600 });
  const running = await inProgressOf(ANALYTICS);
  const start = (await apiRequests()).length;

  await page.goto(`/servers/${ANALYTICS}`);
  await expect(statusCell(page, running.name)).toContainText('In progress');
  // Polling runs: the load's list request plus one poll.
  await timeRequests(start, listOf(ANALYTICS), 2, 2 * POLL_MS);

  await setTabHidden(page, true);
  // A poll already on the wire may still land; after that, silence.
  await page.waitForTimeout(500);
  const hidden = (await apiRequests()).length;
  await page.waitForTimeout(2 * POLL_MS + 1_000);
  expect(await requestsSince(hidden)).toEqual([]);

  await setTabHidden(page, false);
  const [back] = await timeRequests(hidden, listOf(ANALYTICS), 1, 1_000);
  expect(back).toBeDefined();
  // Exactly one refresh on coming back; polling then carries on at its interval.
  await page.waitForTimeout(POLL_MS / 2);
  expect((await requestsSince(hidden)).filter(listOf(ANALYTICS))).toHaveLength(1);
  await timeRequests(hidden, listOf(ANALYTICS), 2, POLL_MS + 2_000);
});

test.describe('with API errors', () => {
  test.use({
    allowedConsoleErrors: [/Failed to load resource: the server responded with a status of (429|500)/],
  });

  test('Retry-After is honoured, and polling recovers after it', async ({ page }) => {
    test.setTimeout(90_000);
    await resetSimulator({ create_secs: 600 });
    const running = await inProgressOf(ANALYTICS);

    await page.goto(`/servers/${ANALYTICS}`);
    await expect(statusCell(page, running.name)).toContainText('In progress');
    // Longer than the first backoff step (2 intervals, +20% jitter at most), so only
    // Retry-After can explain the wait.
    const retryAfterSecs = 15;
    await setFaults({ kinds: ['429'], retry_after_secs: retryAfterSecs, path_prefix: '/api/v1/snapshots/', count: 1 });
    const from = (await apiRequests()).length;

    const [throttled, next] = await timeRequests(from, listOf(ANALYTICS), 2, POLL_MS + retryAfterSecs * 1_000 + 5_000);
    const log = (await requestsSince(from)).filter(listOf(ANALYTICS));
    expect(log[0]).toMatchObject({ status: 429, fault: '429' });
    expect(log[1]).toMatchObject({ status: 200, fault: null });
    // The log is read every ~50 ms, so each time may be late by that much.
    expect(next - throttled).toBeGreaterThanOrEqual(retryAfterSecs * 1_000 - 150);

    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(statusCell(page, running.name)).toContainText('In progress');
  });

  test('a Retry-After holds the polling of every server, not only the one refused', async ({ page }) => {
    test.setTimeout(90_000);
    await resetSimulator({ create_secs: 600 });
    // Two servers creating: analytics-worker's seeded snapshot and a new one of web-server-01.
    const created = await fetch(`${SIM_URL}/api/v1/snapshots/`, {
      method: 'POST',
      headers: { authorization: 'Bearer vps_demo_alice', 'content-type': 'application/json' },
      body: JSON.stringify({ server_id: WEB, name: 'second-job' }),
    });
    expect(created.status).toBe(201);
    await page.goto('/');
    await expect(statusCell(page, 'second-job')).toContainText('In progress');
    await expect(statusCell(page, (await inProgressOf(ANALYTICS)).name)).toContainText('In progress');

    const retryAfterSecs = 12;
    await setFaults({ kinds: ['429'], retry_after_secs: retryAfterSecs, method: 'GET', path_prefix: '/api/v1/snapshots/', count: 1 });
    const from = (await apiRequests()).length;
    const [throttled] = await timeRequests(from, (r) => r.status === 429, 1, 3 * POLL_MS);
    // Nothing at all is asked of the API while its Retry-After lasts (less the log's 50 ms
    // resolution and a margin), though the other server's check was due in the same round.
    await page.waitForTimeout(Math.max(0, throttled + (retryAfterSecs - 1) * 1_000 - Date.now()));
    const after = (await requestsSince(from)).filter((r) => r.path.startsWith('/api/'));
    expect(after.map((r) => r.status)).toEqual([429]);
    // Then both servers are checked again.
    await timeRequests(from, (r) => r.status === 200 && (listOf(WEB)(r) || listOf(ANALYTICS)(r)), 2, 2 * POLL_MS + 5_000);
    await expect(statusCell(page, 'second-job')).toContainText('In progress');
  });

  test('a failed Refresh stays said after a poll of one server succeeds: the rest was not read', async ({ page }) => {
    test.setTimeout(60_000);
    await resetSimulator({ create_secs: 600 });
    const running = await inProgressOf(ANALYTICS);
    await page.goto('/');
    await expect(statusCell(page, running.name)).toContainText('In progress');
    // The full list's read fails once (a poll reads one server's list, with server_id).
    await page.route(
      (url) => url.pathname === '/api/v1/snapshots/' && !url.searchParams.has('server_id'),
      (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '{"detail": "Internal server error."}' }),
      { times: 1 },
    );
    await page.getByRole('button', { name: 'Refresh' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText("Couldn't refresh");
    const from = (await apiRequests()).length;
    await timeRequests(from, (r) => listOf(ANALYTICS)(r) && r.status === 200, 1, 3 * POLL_MS);
    await page.waitForTimeout(500);
    await expect(alert).toContainText("Couldn't refresh");
  });

  test('the wait after a 429 is shown while it lasts', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    const running = await inProgressOf(ANALYTICS);

    await page.goto(`/servers/${ANALYTICS}`);
    await expect(statusCell(page, running.name)).toContainText('In progress');
    await setFaults({ kinds: ['429'], retry_after_secs: 20, path_prefix: '/api/v1/snapshots/', count: 1 });

    const alert = page.getByRole('alert');
    await expect(alert).toContainText("Couldn't refresh: The API is busy; trying again in 20 s.", { timeout: 2 * POLL_MS });
    // The data stays on screen.
    await expect(statusCell(page, running.name)).toContainText('In progress');
  });

  test('errors back off, each wait longer than the last', async ({ page }) => {
    test.setTimeout(90_000);
    await resetSimulator({ create_secs: 600 });
    const running = await inProgressOf(ANALYTICS);

    await page.goto(`/servers/${ANALYTICS}`);
    await expect(statusCell(page, running.name)).toContainText('In progress');
    await setFaults({ kinds: ['500'], path_prefix: '/api/v1/snapshots/' });
    const from = (await apiRequests()).length;

    // Poll 1 fails after the normal interval; then ~2x (±20%), then ~4x (±20%).
    const [first, second, third] = await timeRequests(from, listOf(ANALYTICS), 3, POLL_MS * (1.2 + 2.4 + 4.8) + 3_000);
    const gap1 = second - first;
    const gap2 = third - second;
    expect(gap1).toBeGreaterThanOrEqual(2 * POLL_MS * 0.8 - 150);
    expect(gap1).toBeLessThanOrEqual(2 * POLL_MS * 1.2 + 1_000);
    expect(gap2).toBeGreaterThanOrEqual(4 * POLL_MS * 0.8 - 150);
    expect(gap2).toBeGreaterThan(gap1);
    await expect(page.getByRole('alert')).toContainText("Couldn't refresh");
    // What was loaded stays on screen.
    await expect(statusCell(page, running.name)).toContainText('In progress');

    await clearFaults();
    await page.getByRole('button', { name: 'Try again now' }).click();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
});

test('"updated … ago" counts up, and Refresh reads the list again', async ({ page }) => {
  await resetSimulator({ create_secs: 600 });
  const [newest] = await apiSnapshots(WEB);
  if (!newest) throw new Error('web-server-01 should have snapshots');

  await page.goto(`/servers/${WEB}`);
  await expect(row(page, newest.name)).toBeVisible();
  const updated = page.getByText(/^updated /);
  await expect(updated).toHaveText('updated just now');
  await expect(updated).toHaveText(/^updated \d+ s ago$/, { timeout: 8_000 });
  const before = (await apiRequests()).length;

  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(updated).toHaveText('updated just now');
  const log = await requestsSince(before);
  expect(log.filter(listOf(WEB))).toHaveLength(1);
});

test('never more than one request in flight', async ({ page }) => {
  await resetSimulator({ create_secs: 600 });
  const [newest] = await apiSnapshots(WEB);
  if (!newest) throw new Error('web-server-01 should have snapshots');

  await page.goto(`/servers/${WEB}`);
  await expect(row(page, newest.name)).toBeVisible();
  await setFaults({ kinds: ['latency'], latency_ms: 2_000, path_prefix: '/api/v1/snapshots/' });
  const before = (await apiRequests()).length;

  const refresh = page.getByRole('button', { name: 'Refresh' });
  await refresh.click();
  await expect(refresh).toHaveAttribute('aria-busy', 'true');
  // Seen and heard: the press was taken.
  await expect(refresh).toHaveText('Refreshing…');
  await refresh.click();
  await refresh.click();
  await expect(refresh).toHaveAttribute('aria-busy', 'false', { timeout: 8_000 });
  await expect(refresh).toHaveText('Refresh');
  // One list request answered, and nothing else started behind it.
  await page.waitForTimeout(500);
  expect((await requestsSince(before)).filter(listOf(WEB))).toHaveLength(1);
});

test('a poll that changes one status updates that row in place: its status, size and actions only', async ({
  page,
}) => {
  await resetSimulator({ create_secs: 8 });
  const running = await inProgressOf(ANALYTICS);
  const others = (await apiSnapshots(ANALYTICS)).filter((s) => s.id !== running.id);
  expect(others.length).toBeGreaterThan(0);

  await page.goto(`/servers/${ANALYTICS}`);
  await expect(statusCell(page, running.name)).toContainText('In progress');
  // Tag every row and cell element (a redrawn one is a new element without the tag), and note
  // which cells anything inside the table changes in: "snapshot id:column".
  await page.evaluate(() => {
    const root = document.querySelector('#snapshot-panel')?.shadowRoot;
    if (!root) throw new Error('the panel has no open shadow root');
    for (const el of root.querySelectorAll('tbody tr, tbody th, tbody td')) (el as unknown as { __kept: boolean }).__kept = true;
    const changed = new Set<string>();
    (window as unknown as { __changed: Set<string> }).__changed = changed;
    new MutationObserver((records) => {
      for (const m of records) {
        const element = m.target instanceof Element ? m.target : m.target.parentElement;
        const tr = element?.closest('tbody tr');
        // The running clocks tick every second by design.
        if (!element || !tr || element.closest('[data-ticking]')) continue;
        const cell = element.closest('th, td');
        changed.add(`${tr.getAttribute('data-snapshot-id')}:${cell ? Array.from(tr.children).indexOf(cell) : 'row'}`);
      }
    }).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  });

  await expect(statusCell(page, running.name)).toHaveText('Completed', { timeout: 8_000 + 2 * POLL_MS });
  await expect(row(page, running.name).getByRole('cell').nth(2)).not.toHaveText('—');
  const notRedrawn = await page.evaluate(() => {
    const root = document.querySelector('#snapshot-panel')?.shadowRoot;
    return Array.from(root?.querySelectorAll('tbody tr, tbody th, tbody td') ?? []).every(
      (el) => (el as unknown as { __kept?: boolean }).__kept === true,
    );
  });
  expect(notRedrawn, 'every row and cell is the element it was').toBe(true);
  // Columns: 0 select, 1 name, 2 status, 3 size, 4 created, 5 description, 6 actions.
  const changed = await page.evaluate(() =>
    Array.from((window as unknown as { __changed: Set<string> }).__changed).sort(),
  );
  expect(changed).toEqual([`${running.id}:2`, `${running.id}:3`, `${running.id}:6`]);
});

test('a poll that changes nothing changes nothing in the DOM', async ({ page }) => {
  await resetSimulator({ create_secs: 600 });
  const running = await inProgressOf(ANALYTICS);

  await page.goto(`/servers/${ANALYTICS}`);
  await expect(statusCell(page, running.name)).toContainText('In progress');
  await page.evaluate(() => {
    const root = document.querySelector('#snapshot-panel')?.shadowRoot;
    if (!root) throw new Error('the panel has no open shadow root');
    const seen: string[] = [];
    (window as unknown as { __mutations: string[] }).__mutations = seen;
    const describe = (node: Node) =>
      node instanceof Element ? `<${node.tagName.toLowerCase()} class="${node.className}">` : `${node.nodeName} "${node.textContent}"`;
    new MutationObserver((records) => {
      for (const m of records) {
        const element = m.target instanceof Element ? m.target : m.target.parentElement;
        // The running clocks tick every second by design.
        if (element?.closest('[data-ticking]')) continue;
        seen.push(`${m.type} ${m.attributeName ?? ''} on ${describe(m.target)}`);
      }
    }).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const from = (await apiRequests()).length;

  // Three polls: by the time the third is answered, the first two have been applied.
  await timeRequests(from, listOf(ANALYTICS), 3, 3 * POLL_MS + 3_000);
  expect((await requestsSince(from)).every((r) => r.method === 'GET')).toBe(true);
  const mutations = await page.evaluate(() => (window as unknown as { __mutations: string[] }).__mutations);
  expect(mutations).toEqual([]);
  await expect(statusCell(page, running.name)).toContainText('In progress');
});

test('a creation running past 10 minutes says it is taking longer than usual', async ({ page }) => {
  await resetSimulator({ create_secs: 3_600 });
  const running = await inProgressOf(ANALYTICS);
  // The browser's clock runs 11 minutes ahead of the simulator's: the snapshot it reports as
  // just started has, to the panel, been running for 11 minutes.
  await page.clock.install({ time: Date.now() + 11 * 60_000 });

  await page.goto(`/servers/${ANALYTICS}`);
  const status = statusCell(page, running.name);
  await expect(status).toContainText('In progress');
  await expect(status).toContainText(/11:\d\d elapsed: taking longer than the usual 3–10 minutes/);
});

test('on the documented durations, a snapshot just started is checked once early and then rarely, not every few seconds', async ({
  page,
}) => {
  // The provider's schedule, as a deployment without poll-seconds runs it: a create is checked
  // 30 s in (in case the API is faster than its 3-10 minutes), then at 90 s and 3 min. The
  // browser's clock is faked and run ahead; the simulator's job ends after 1 real second.
  await resetSimulator({ create_secs: 1 });
  const running = await inProgressOf(ANALYTICS);
  await configureDeployment(page, { meta: { 'poll-seconds': 'auto' } });
  await page.clock.install();

  await page.goto(`/servers/${ANALYTICS}`);
  await expect(statusCell(page, running.name)).toContainText('In progress');
  await expect
    .poll(async () => (await apiSnapshots(ANALYTICS)).find((s) => s.id === running.id)?.status, { timeout: 5_000 })
    .toBe('completed');
  // From here on, every request in the log is the panel's.
  const loaded = (await apiRequests()).length;

  // 25 s of the page's time: no check yet, though the job is done.
  await page.clock.runFor(25_000);
  await page.waitForTimeout(500);
  expect((await requestsSince(loaded)).filter(listOf(ANALYTICS))).toEqual([]);
  await expect(statusCell(page, running.name)).toContainText('In progress');

  // The early check, at 30 s, finds it done.
  await page.clock.runFor(6_000);
  await expect(statusCell(page, running.name)).toHaveText('Completed');
  await expect(page.getByRole('status')).toHaveText(`Snapshot ${running.name} of ${running.server.name} is ready.`);
  expect((await requestsSince(loaded)).filter(listOf(ANALYTICS))).toHaveLength(1);
});

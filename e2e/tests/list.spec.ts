// The snapshot list per server: groups from the servers endpoint (or from the snapshots when it
// fails), what each row shows, the views (one server, the filter) and the address bar, and the
// loading, empty and error states. Expected values are read from the simulator's API, never
// written down here, except the panel's own words.
import { type Locator, type Page } from '@playwright/test';
import { test, expect, resetSimulator, setFaults, clearFaults, apiRequests, SIM_URL } from './support';

interface ApiServer {
  id: number;
  name: string;
  status: string;
  hostname: string;
  ip_address: string;
}

interface ApiSnapshot {
  id: number;
  server: { id: number; name: string };
  name: string;
  status: string;
  size_mb: number | null;
  created_at: string;
  description?: string | null;
}

/** Reads a whole list from the simulator, as alice (the token the proxy adds in CI). */
async function apiList<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let url: string | null = `${SIM_URL}/api/v1/${path}`;
  while (url) {
    const response = await fetch(url, { headers: { authorization: 'Bearer vps_demo_alice' } });
    expect(response.status, `GET ${url}`).toBe(200);
    const page = (await response.json()) as { results: T[]; next: string | null };
    items.push(...page.results);
    url = page.next ? `${SIM_URL}${new URL(page.next).pathname}${new URL(page.next).search}` : null;
  }
  return items;
}

const apiServers = () => apiList<ApiServer>('servers/');
const apiSnapshots = (serverId?: number) =>
  apiList<ApiSnapshot>(serverId === undefined ? 'snapshots/' : `snapshots/?server_id=${serverId}`);

/** A snapshot as the panel should order them: newest first, ties by id, newest first. */
function newestFirst(list: ApiSnapshot[]): ApiSnapshot[] {
  return [...list].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id);
}

/**
 * How a size in MB reads: 5120 → "5.0 GB", 512 → "512 MB", null → "—". A size exactly halfway
 * between two tenths of a GB (11520 MB = 11.25 GB) may round either way.
 */
function sizeText(mb: number | null): RegExp {
  if (mb === null) return /^—$/;
  if (mb < 1024) return new RegExp(`^${mb} MB$`);
  const tenths = (mb * 10) / 1024;
  const options = Number.isInteger(tenths * 2) && !Number.isInteger(tenths)
    ? [Math.floor(tenths), Math.ceil(tenths)]
    : [Math.round(tenths)];
  return new RegExp(`^(${options.map((t) => (t / 10).toFixed(1)).join('|')}) GB$`);
}

/** The words the panel uses for the API's server statuses. */
const SERVER_STATUS_LABEL: Record<string, string> = {
  active: 'Running',
  stopped: 'Stopped',
  suspended: 'Suspended',
  restoring: 'Restoring',
};

/** The API's list `endpoint` ("servers/") as the simulator answers it, but item `id` with `status`. */
async function answerWithStatus(page: Page, endpoint: string, id: number, status: string) {
  await page.route(
    (url) => url.pathname.endsWith(`/api/v1/${endpoint}`),
    async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      for (const item of body.results) if (item.id === id) item.status = status;
      await route.fulfill({ response, json: body });
    },
  );
}

function serverRegion(page: Page, name: string): Locator {
  return page.getByRole('region', { name, exact: true });
}

/** A snapshot's row, found by its row header (the snapshot's name). */
function snapshotRow(scope: Page | Locator, name: string): Locator {
  const page = 'goto' in scope ? scope : scope.page();
  return scope.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
}

/** The row's cells, by the table's columns: Select, Status, Size, Created, Description, Actions. */
const STATUS = 1;
const SIZE = 2;
const CREATED = 3;
const DESCRIPTION = 4;

/** An exact local time as a person reads it, in `timeZone`: "16 Jan 2025, 00:00". */
function exactLocalTime(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute}`;
}

test.describe('the list per server', () => {
  test('the list renders per server from the seeded data', async ({ page }) => {
    // Long enough that the in-progress snapshot stays in progress for the whole test.
    await resetSimulator({ create_secs: 600 });
    const servers = await apiServers();
    const snapshots = await apiSnapshots();
    expect(servers.length).toBeGreaterThan(1);

    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'All servers' })).toBeVisible();
    // One group per server, in the order the API lists them, including servers without snapshots.
    await expect(page.getByRole('region')).toHaveCount(servers.length);

    for (const server of servers) {
      const region = serverRegion(page, server.name);
      await expect(region.getByRole('heading', { name: server.name })).toBeVisible();
      await expect(region.getByText(SERVER_STATUS_LABEL[server.status], { exact: true })).toBeVisible();
      const own = newestFirst(snapshots.filter((s) => s.server.id === server.id));
      await expect(region.getByText(`${own.length} of 5 snapshots`, { exact: true })).toBeVisible();
      if (own.length === 0) {
        await expect(region.getByRole('table')).toHaveCount(0);
        continue;
      }
      // Sorted newest first.
      await expect(region.getByRole('rowheader')).toHaveText(own.map((s) => s.name));
      for (const snapshot of own) {
        const cells = snapshotRow(region, snapshot.name).getByRole('cell');
        await expect(cells.nth(SIZE)).toHaveText(sizeText(snapshot.size_mb));
      }
    }
  });

  test('status badges: in progress with a spinner and a running clock, completed, failed, unknown as itself', async ({
    page,
  }) => {
    await resetSimulator({ create_secs: 600 });
    const snapshots = await apiSnapshots();
    const inProgress = snapshots.find((s) => s.status === 'in_progress');
    const failed = snapshots.find((s) => s.status === 'failed');
    const completed = snapshots.find((s) => s.status === 'completed');
    if (!inProgress || !failed || !completed) throw new Error('the seed lacks a status this test needs');
    // The API may send statuses it never documented: make one snapshot come back with one.
    const odd = snapshots.find((s) => s.status === 'completed' && s.id !== completed.id);
    if (!odd) throw new Error('the seed needs two completed snapshots');
    await answerWithStatus(page, 'snapshots/', odd.id, 'awaiting_upload');

    await page.goto('/');

    const running = snapshotRow(page, inProgress.name).getByRole('cell').nth(STATUS);
    await expect(running).toContainText('In progress');
    await expect(running.locator('.sp-spinner')).toBeVisible();
    const clock = running.getByText(/^\d+:\d\d elapsed/);
    await expect(clock).toBeVisible();
    const first = await clock.textContent();
    await expect(clock).not.toHaveText(first ?? '', { timeout: 5_000 });
    // While in progress, the size is not known yet.
    await expect(snapshotRow(page, inProgress.name).getByRole('cell').nth(SIZE)).toHaveText('—');

    await expect(snapshotRow(page, completed.name).getByRole('cell').nth(STATUS)).toHaveText('Completed');
    await expect(snapshotRow(page, failed.name).getByRole('cell').nth(STATUS)).toHaveText('Failed');
    await expect(snapshotRow(page, failed.name).getByRole('cell').nth(SIZE)).toHaveText(sizeText(failed.size_mb));
    // An unknown status is shown as itself, and the row stays.
    await expect(snapshotRow(page, odd.name).getByRole('cell').nth(STATUS)).toHaveText(/awaiting.upload/i);
  });

  test('a server status the panel does not know is shown in words and styled as "other"', async ({ page }) => {
    await resetSimulator();
    const server = (await apiServers()).find((s) => s.id === 12345);
    if (!server) throw new Error('the seed lacks server 12345');
    // An undocumented status with spaces in it: as text it is fine; as a class name it would
    // have become several classes.
    await answerWithStatus(page, 'servers/', server.id, 'being moved');
    await page.goto('/');
    const status = serverRegion(page, server.name).locator('.sp-server-status');
    await expect(status).toHaveText(/being moved/i);
    expect(await status.evaluate((el) => Array.from(el.classList))).toEqual([
      'sp-server-status',
      'sp-server-status--other',
    ]);
  });

  test('snapshots are sorted newest first, whatever order the API sends', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    const servers = await apiServers();
    const snapshots = await apiSnapshots();
    await page.route(
      (url) => url.pathname.endsWith('/api/v1/snapshots/'),
      async (route) => {
        const response = await route.fetch();
        const body = await response.json();
        body.results.reverse();
        await route.fulfill({ response, json: body });
      },
    );

    await page.goto('/');
    for (const server of servers) {
      const own = newestFirst(snapshots.filter((s) => s.server.id === server.id));
      if (own.length < 2) continue;
      await expect(serverRegion(page, server.name).getByRole('rowheader')).toHaveText(own.map((s) => s.name));
    }
  });

  test('descriptions are shown as text, a missing one as a dash', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    const snapshots = await apiSnapshots();
    const markup = snapshots.find((s) => s.description?.includes('<'));
    const missing = snapshots.filter((s) => !s.description);
    if (!markup || missing.length === 0) throw new Error('the seed lacks the descriptions this test needs');

    await page.goto('/');
    const cell = snapshotRow(page, markup.name).getByRole('cell').nth(DESCRIPTION);
    await expect(cell).toHaveText(markup.description ?? '');
    await expect(cell.locator('b')).toHaveCount(0);
    for (const s of missing) {
      await expect(snapshotRow(page, s.name).getByRole('cell').nth(DESCRIPTION)).toHaveText('—');
    }
  });

  test.describe('in another time zone', () => {
    const timeZone = 'Asia/Kolkata';
    test.use({ timezoneId: timeZone });

    test('created time is relative, with the exact local time on hover and on focus', async ({ page }) => {
      await resetSimulator({ create_secs: 600 });
      const own = newestFirst(await apiSnapshots(12345));
      const [newest] = own;
      const servers = await apiServers();
      const server = servers.find((s) => s.id === 12345);
      if (!newest || !server) throw new Error('web-server-01 should have snapshots');
      const exact = exactLocalTime(newest.created_at, timeZone);
      const inProgress = (await apiSnapshots()).find((s) => s.status === 'in_progress');
      if (!inProgress) throw new Error('the seed should have a snapshot in progress');

      await page.goto('/');
      const region = serverRegion(page, server.name);
      const created = snapshotRow(region, newest.name).getByRole('cell').nth(CREATED);
      const time = created.getByRole('time');
      // Read out as the relative time followed by the exact one (visually hidden text).
      await expect(time).toHaveText(new RegExp(`^(.+ ago|yesterday), ${exact.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
      // A snapshot started a moment ago reads "just now".
      await expect(snapshotRow(page, inProgress.name).getByRole('cell').nth(CREATED).getByRole('time')).toHaveText(
        /^just now, /,
      );

      // The tooltip is drawn by CSS from the <time> itself: what a sighted person sees is its
      // ::after box, shown only while the time is hovered or focused.
      const tip = () =>
        time.evaluate((el) => {
          const after = getComputedStyle(el, '::after');
          // `content: "shown" / "alternative"`: what is drawn is the part before the slash.
          return { text: after.content.split(' / ')[0], shown: after.display !== 'none' };
        });
      await expect.poll(tip).toEqual({ text: JSON.stringify(exact), shown: false });
      await time.hover();
      await expect.poll(tip).toEqual({ text: JSON.stringify(exact), shown: true });
      await page.mouse.move(0, 0);
      await expect.poll(tip).toEqual({ text: JSON.stringify(exact), shown: false });

      // Keyboard: from the server's New snapshot button, Tab passes the server's and the row's
      // selection boxes and reaches the newest snapshot's time.
      await region.getByRole('button', { name: `New snapshot of ${server.name}` }).focus();
      await page.keyboard.press('Tab');
      await expect(region.getByRole('checkbox', { name: `Select all snapshots of ${server.name}` })).toBeFocused();
      await page.keyboard.press('Tab');
      await expect(region.getByRole('checkbox', { name: `Select ${newest.name}`, exact: true })).toBeFocused();
      await page.keyboard.press('Tab');
      await expect(time).toBeFocused();
      await expect.poll(tip).toEqual({ text: JSON.stringify(exact), shown: true });
      // The tooltip is for the eye: a screen reader, which already hears the exact time from
      // the hidden text, must not hear it a second time from the tooltip (Chromium's own
      // accessibility tree, as assistive technology gets it).
      const cdp = await page.context().newCDPSession(page);
      const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
        nodes: { role?: { value?: string }; name?: { value?: string } }[];
      };
      await cdp.detach();
      const spoken = nodes
        .filter((n) => n.role?.value === 'time' || n.role?.value === 'cell')
        .map((n) => n.name?.value ?? '')
        .filter((name) => name.includes(exact));
      expect(spoken.length, 'the focused time and its cell are in the tree').toBeGreaterThan(0);
      for (const name of spoken) expect(name.split(exact).length - 1, name).toBe(1);
    });
  });
});

test.describe('views and the address bar', () => {
  test('an address the panel does not know says so, keeps the address, and links back to every server', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    await page.goto('/servers/abc');
    await expect(page.getByRole('heading', { level: 2, name: 'Page not found' })).toBeVisible();
    await expect(page.getByText('There is no page at “servers/abc”.')).toBeVisible();
    await expect(page.getByRole('region')).toHaveCount(0);
    await expect(page).toHaveURL(/\/servers\/abc$/);
    await page.getByRole('link', { name: '← All servers' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'All servers' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'web-server-01' })).toBeVisible();
    await expect(page).toHaveURL(/\/$/);
  });

  test('a deep link opens the right view, asking the API for that server only', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    const server = (await apiServers()).find((s) => s.id === 12345);
    if (!server) throw new Error('web-server-01 is missing from the seed');
    const own = newestFirst(await apiSnapshots(12345));
    const before = (await apiRequests()).length; // this test's own reads are in the log too

    await page.goto('/servers/12345');
    await expect(page.getByRole('link', { name: '← All servers' })).toBeVisible();
    await expect(page.getByRole('region')).toHaveCount(1);
    const region = serverRegion(page, server.name);
    await expect(region.getByRole('rowheader')).toHaveText(own.map((s) => s.name));

    const gets = (await apiRequests()).slice(before).filter((r) => r.method === 'GET');
    const snapshotGets = gets.filter((r) => r.path === '/api/v1/snapshots/');
    expect(snapshotGets.length).toBeGreaterThan(0);
    for (const r of snapshotGets) expect(new URLSearchParams(r.query).get('server_id')).toBe('12345');
    expect(gets.some((r) => r.path === '/api/v1/servers/')).toBe(false);

    // A bookmark (a fresh load of the same address) reopens the same view.
    await page.reload();
    await expect(page).toHaveURL(/\/servers\/12345$/);
    await expect(page.getByRole('region')).toHaveCount(1);
    await expect(region.getByRole('rowheader')).toHaveText(own.map((s) => s.name));
  });

  test('back and forward move between all servers and one server', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    const servers = await apiServers();
    const server = servers.find((s) => s.id === 12345);
    if (!server) throw new Error('web-server-01 is missing from the seed');

    await page.goto('/');
    await expect(page.getByRole('region')).toHaveCount(servers.length);
    // Marks this document: a full reload would lose the mark.
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    await expect(page).toHaveTitle('Snapshots · VPS.org');
    await serverRegion(page, server.name).getByRole('link', { name: server.name }).click();
    await expect(page).toHaveURL(/\/servers\/12345$/);
    await expect(page.getByRole('region')).toHaveCount(1);
    await expect(serverRegion(page, server.name)).toBeVisible();
    // The window's title, and so the history entry and the tab, names the server.
    await expect(page).toHaveTitle(`${server.name} · Snapshots · VPS.org`);

    await page.goBack();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { name: 'All servers' })).toBeVisible();
    await expect(page).toHaveTitle('Snapshots · VPS.org');
    // Back where the person was: on the server they had opened.
    await expect(serverRegion(page, server.name).getByRole('link', { name: server.name })).toBeFocused();
    await expect(page.getByRole('region')).toHaveCount(servers.length);

    await page.goForward();
    await expect(page).toHaveURL(/\/servers\/12345$/);
    await expect(page.getByRole('region')).toHaveCount(1);

    await page.getByRole('link', { name: '← All servers' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('region')).toHaveCount(servers.length);
    // The page's own way back returns to the server too.
    await expect(serverRegion(page, server.name).getByRole('link', { name: server.name })).toBeFocused();
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  });

  test('the filter narrows the list by name and is kept in the address bar', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    const servers = await apiServers();
    const snapshots = await apiSnapshots();
    const term = 'Nightly'; // case does not matter
    const matching = snapshots.filter((s) => s.name.toLowerCase().includes(term.toLowerCase()));
    const matchingServers = servers.filter((server) => matching.some((s) => s.server.id === server.id));
    expect(matching.length).toBeGreaterThan(0);
    expect(matchingServers.length).toBeLessThan(servers.length);

    await page.goto('/');
    await expect(page.getByRole('region')).toHaveCount(servers.length);
    const filter = page.getByRole('searchbox', { name: 'Filter servers and snapshots' });
    await filter.fill(term);
    await expect(page).toHaveURL(new RegExp(`\\?q=${term}$`));
    await expect(page.getByRole('region')).toHaveCount(matchingServers.length);
    await expect(page.getByRole('rowheader')).toHaveText(newestFirst(matching).map((s) => s.name));
    // The slot meter still counts every snapshot of the server.
    for (const server of matchingServers) {
      const total = snapshots.filter((s) => s.server.id === server.id).length;
      await expect(serverRegion(page, server.name).getByText(`${total} of 5 snapshots`, { exact: true })).toBeVisible();
    }

    // A bookmark of the filtered view reopens it.
    await page.reload();
    await expect(filter).toHaveValue(term);
    await expect(page.getByRole('region')).toHaveCount(matchingServers.length);
    await expect(page.getByRole('rowheader')).toHaveText(newestFirst(matching).map((s) => s.name));

    await filter.fill('no-such-snapshot-anywhere');
    await expect(page.getByRole('region')).toHaveCount(0);
    await expect(page.getByText('No server or snapshot matches “no-such-snapshot-anywhere”.')).toBeVisible();

    await filter.fill('');
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('region')).toHaveCount(servers.length);
  });

  test('the filter finds a server by its name, host name or address, with all its snapshots', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    const servers = await apiServers();
    const snapshots = await apiSnapshots();
    // A server with snapshots, none of them named like the server.
    const server = servers.find((s) => {
      const own = snapshots.filter((snapshot) => snapshot.server.id === s.id);
      return own.length > 0 && own.every((snapshot) => !snapshot.name.includes(s.name));
    });
    if (!server) throw new Error('the seed has no server whose snapshots are named otherwise');
    const own = newestFirst(snapshots.filter((s) => s.server.id === server.id)).map((s) => s.name);

    await page.goto('/');
    const filter = page.getByRole('searchbox', { name: 'Filter servers and snapshots' });
    for (const typed of [server.name.toUpperCase(), server.hostname, server.ip_address]) {
      await filter.fill(typed);
      const shown = servers.filter(
        (s) => [s.name, s.hostname, s.ip_address].some((text) => text.toLowerCase().includes(typed.toLowerCase())) ||
          snapshots.some((snapshot) => snapshot.server.id === s.id && snapshot.name.toLowerCase().includes(typed.toLowerCase())),
      );
      await expect(page.getByRole('region'), typed).toHaveCount(shown.length);
      await expect(serverRegion(page, server.name).getByRole('rowheader'), typed).toHaveText(own);
    }

    // A server found by name that has no snapshots is listed, and says it has none yet.
    const empty = servers.find((s) => !snapshots.some((snapshot) => snapshot.server.id === s.id));
    if (!empty) throw new Error('the seed has no server without snapshots');
    await filter.fill(empty.name);
    await expect(serverRegion(page, empty.name)).toContainText(`${empty.name} has no snapshots yet.`);
    await expect(serverRegion(page, empty.name)).not.toContainText('match the filter');
  });
});

test.describe('states', () => {
  test('the snapshots and the servers are read side by side, not one after the other', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    const servers = await apiServers();
    // The snapshots answer slowly: a panel that waited for them would ask for the servers only
    // after they came.
    await setFaults({ kinds: ['latency'], latency_ms: 1_500, path_prefix: '/api/v1/snapshots/' });
    const pending = new Set<string>();
    const askedWhileSnapshotsPending: string[] = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (!pathname.startsWith('/api/')) return;
      if (pending.has('/api/v1/snapshots/')) askedWhileSnapshotsPending.push(pathname);
      pending.add(pathname);
    });
    page.on('requestfinished', (request) => pending.delete(new URL(request.url()).pathname));

    await page.goto('/');
    await expect(page.getByRole('region')).toHaveCount(servers.length);
    expect(askedWhileSnapshotsPending).toContain('/api/v1/servers/');
    await clearFaults();
  });

  test('a server with no snapshots invites the first one', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    const server = (await apiServers()).find((s) => s.id === 12347);
    if (!server) throw new Error('staging-app is missing from the seed');
    expect(await apiSnapshots(server.id)).toEqual([]);

    await page.goto(`/servers/${server.id}`);
    const region = serverRegion(page, server.name);
    await expect(region.getByText(`${server.name} has no snapshots yet.`)).toBeVisible();
    await expect(region.getByText('0 of 5 snapshots', { exact: true })).toBeVisible();
    await expect(region.getByRole('table')).toHaveCount(0);
    await region.getByRole('button', { name: `Take the first snapshot of ${server.name}` }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
  });

  test('a server the servers list leaves out still shows its snapshots, under the name they give it', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    // Gone from the servers list (deleted, or past its last page) while its snapshots remain.
    await page.route(
      (url) => url.pathname === '/api/v1/servers/',
      async (route) => {
        const response = await route.fetch();
        const body = await response.json();
        body.results = body.results.filter((s: { name: string }) => s.name !== 'edge-cache');
        body.count = body.results.length;
        await route.fulfill({ response, json: body });
      },
    );
    await page.goto('/');
    const edge = serverRegion(page, 'edge-cache');
    await expect(edge.getByRole('rowheader', { name: 'edge-baseline' })).toBeVisible();
    await expect(page.locator('tr[data-snapshot-id]')).toHaveCount((await apiSnapshots()).length);
  });

  test.describe('when the servers endpoint fails', () => {
    test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 500/] });

    test('snapshots are grouped by their own server instead', async ({ page }) => {
      await resetSimulator({ create_secs: 600 });
      const servers = await apiServers();
      const snapshots = await apiSnapshots();
      const named = [...new Map(snapshots.map((s) => [s.server.id, s.server.name])).entries()].sort(
        ([a], [b]) => a - b,
      );
      const empty = servers.filter((server) => !snapshots.some((s) => s.server.id === server.id));
      expect(empty.length).toBeGreaterThan(0);
      await setFaults({ kinds: ['500'], path_prefix: '/api/v1/servers/' });

      await page.goto('/');
      await expect(page.getByText(/Server details could not be loaded/)).toBeVisible();
      await expect(page.getByRole('region')).toHaveCount(named.length);
      for (const [id, name] of named) {
        const own = newestFirst(snapshots.filter((s) => s.server.id === id));
        const region = serverRegion(page, name);
        await expect(region.getByRole('rowheader')).toHaveText(own.map((s) => s.name));
        await expect(region.getByText(`${own.length} of 5 snapshots`, { exact: true })).toBeVisible();
      }
      for (const server of empty) await expect(serverRegion(page, server.name)).toHaveCount(0);
      // The fault really hit the servers endpoint.
      expect((await apiRequests()).some((r) => r.path === '/api/v1/servers/' && r.fault === '500')).toBe(true);
    });
  });

  test('loading shows on the first load only; a refresh keeps the data on screen', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    const server = (await apiServers()).find((s) => s.id === 12345);
    if (!server) throw new Error('web-server-01 is missing from the seed');
    await setFaults({ kinds: ['latency'], latency_ms: 1_500, path_prefix: '/api/v1/snapshots/' });

    await page.goto(`/servers/${server.id}`);
    const loading = page.getByText('Loading snapshots…');
    await expect(loading).toBeVisible();
    const region = serverRegion(page, server.name);
    await expect(region).toBeVisible();
    await expect(loading).toHaveCount(0);

    const refresh = page.getByRole('button', { name: 'Refresh' });
    await refresh.click();
    await expect(refresh).toHaveAttribute('aria-busy', 'true');
    await expect(loading).toHaveCount(0);
    await expect(region.getByRole('rowheader').first()).toBeVisible();
    await expect(refresh).toHaveAttribute('aria-busy', 'false');
    await expect(loading).toHaveCount(0);
    await expect(region.getByRole('rowheader').first()).toBeVisible();
  });

  test.describe('with errors', () => {
    test.use({
      allowedConsoleErrors: [/Failed to load resource: the server responded with a status of (502|404)/],
    });

    test('an error is shown in words, and Try again recovers', async ({ page }) => {
      await resetSimulator({ create_secs: 600 });
      const servers = await apiServers();
      await setFaults({ kinds: ['html502'], path_prefix: '/api/v1/snapshots/' });

      await page.goto('/');
      const alert = page.getByRole('alert');
      await expect(alert.getByRole('heading', { name: "The snapshots couldn't be loaded" })).toBeVisible();
      await expect(alert).toContainText('HTTP 502');
      // The proxy's HTML error page is never shown to a person.
      await expect(alert).not.toContainText('<');
      await expect(alert).not.toContainText('nginx');
      await expect(page.getByRole('region')).toHaveCount(0);

      await clearFaults();
      await alert.getByRole('button', { name: 'Try again' }).click();
      await expect(page.getByRole('region')).toHaveCount(servers.length);
      await expect(page.getByRole('alert')).toHaveCount(0);
    });

    test('a deep link to a server that is not in the account says so', async ({ page }) => {
      await resetSimulator({ create_secs: 600 });
      expect((await apiServers()).some((s) => s.id === 99999)).toBe(false);

      await page.goto('/servers/99999');
      const alert = page.getByRole('alert');
      await expect(alert.getByRole('heading', { name: "The snapshots couldn't be loaded" })).toBeVisible();
      await expect(alert).toContainText('There is no server 99999 in this account.');
      await expect(alert.getByRole('button', { name: 'Try again' })).toBeVisible();
    });
  });
});

test.describe('a wide screen, 1280×800', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  /** How many lines an element's first text takes (what follows may be for screen readers). */
  function lines(cell: Locator): Promise<number> {
    return cell.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el.firstChild ?? el);
      return new Set(Array.from(range.getClientRects()).map((box) => Math.round(box.top))).size;
    });
  }

  test('a snapshot’s name and when it was taken are each on one line', async ({ page }) => {
    await resetSimulator();
    await page.goto('/');
    const row = page.getByRole('row').filter({ hasText: 'weekly-snapshot-2025-01-08' });
    await expect(row).toBeVisible();
    expect(await lines(row.getByRole('rowheader')), 'the name').toBe(1);
    expect(await lines(row.locator('time')), 'when it was taken').toBe(1);
  });

  test('the columns of every server line up down the page', async ({ page }) => {
    await resetSimulator();
    await page.goto('/');
    await expect(page.getByRole('region', { name: 'edge-cache' })).toBeVisible();
    const starts = await page.getByRole('columnheader', { name: 'Description' }).evaluateAll((heads) =>
      heads.map((head) => Math.round(head.getBoundingClientRect().left)),
    );
    expect(starts.length).toBeGreaterThan(4);
    expect(new Set(starts).size, `the Description columns start at ${starts.join(', ')}`).toBe(1);
  });
});

test.describe('a tablet, 640×900: rows are cards', () => {
  test.use({ viewport: { width: 640, height: 900 } });

  test('a long description takes the card’s width, not half of it', async ({ page }) => {
    await resetSimulator();
    await page.goto('/');
    const card = page.getByRole('row').filter({ hasText: 'edge-baseline' });
    await expect(card).toBeVisible();
    const row = await card.boundingBox();
    const description = await card.getByRole('cell').filter({ hasText: 'Baseline of the edge cache' }).boundingBox();
    expect(row && description, 'the card and its description are drawn').toBeTruthy();
    if (row && description) {
      expect(description.width, `the description is ${description.width} of the card's ${row.width} px`).toBeGreaterThan(row.width * 0.6);
    }
  });
});

// Issue 7, auth modes, end to end against the release build behind the real nginx:
// - token: the sign-in screen checks the token with GET account/me (a wrong one really gets the
//   simulator's 401: nginx adds alice's token only when the browser sends none), shows who is
//   signed in, keeps the token in memory or, when ticked, in sessionStorage (never localStorage),
//   and forgets it on sign-out (the host page hears `snapshot-panel:signed-out`);
// - proxy (and auto, the deployment's default): the panel sends no token and asks for none;
// - host: the embedding page hands the token in with mount() and rotates it with setToken();
// - a 401 in mid-session: a sign-in dialog over the page, which keeps its place and what was
//   typed (token mode); a notice (proxy mode); an event to the host, and the panel waits (host);
// - a 403 says which permission the token lacks.
// Token and proxy mode are set by editing the deployed index.html's
// `<meta name="snapshot-panel:auth">` (configureDeployment): the deployment's configuration
// changed without a rebuild.
import type { Locator, Page, Request } from '@playwright/test';
import { test, expect, resetSimulator, apiRequests, SIM_URL } from './support';
import { configureDeployment, exposeLoader } from './deployment';

const REFUSED = 'That token was not accepted. Check it and try again.';
const NO_WRITE =
  'Not allowed: You do not have permission to perform this action: your token lacks the snapshots:write permission.';

/** The sign-in form, on its own screen or in the dialog over the page. */
function signInForm(scope: Page | Locator) {
  return {
    heading: scope.getByRole('heading', { name: 'Sign in' }),
    token: scope.getByLabel('API token'),
    remember: scope.getByRole('checkbox', { name: 'Remember in this tab' }),
    submit: scope.getByRole('button', { name: 'Sign in' }),
  };
}

/** The session ends: the API refuses the next call (a Refresh's) with 401, once. */
async function sessionEndsOnRefresh(page: Page): Promise<Locator> {
  await page.route(
    '**/api/**',
    (route) => route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ detail: 'Invalid token.' }) }),
    { times: 1 },
  );
  await page.getByRole('button', { name: 'Refresh' }).click();
  return page.getByRole('dialog', { name: 'Sign in' });
}

async function signIn(scope: Page | Locator, token: string, remember = false) {
  const form = signInForm(scope);
  await form.token.fill(token);
  if (remember) await form.remember.check();
  await form.submit.click();
}

/** Mounts a panel in host mode with `token` into a new `#host-mode` element of the page (whose
 * loader is exposed), counting the `snapshot-panel:unauthorized` events it sends; whether it
 * has its shadow root. */
async function mountInHostMode(page: Page, token: string): Promise<boolean> {
  return page.evaluate((token) => {
    const element = document.createElement('div');
    element.id = 'host-mode';
    (window as unknown as { __unauthorized: number }).__unauthorized = 0;
    element.addEventListener('snapshot-panel:unauthorized', () => {
      (window as unknown as { __unauthorized: number }).__unauthorized += 1;
    });
    document.body.append(element);
    window.__loader.mount(element, { auth: 'host', token });
    return element.shadowRoot !== null;
  }, token);
}

/** Everything the page keeps in sessionStorage and localStorage, and its cookies. */
async function storedText(page: Page) {
  return page.evaluate(() => {
    const dump = (storage: Storage) =>
      Object.fromEntries(Array.from({ length: storage.length }, (_, i) => storage.key(i) ?? '').map((k) => [k, storage.getItem(k)]));
    return { session: dump(sessionStorage), local: dump(localStorage), cookies: document.cookie };
  });
}

/** The Authorization header of every /api/ request the page sends from now on. */
function recordAuthorization(page: Page): Array<Promise<string | undefined>> {
  const sent: Array<Promise<string | undefined>> = [];
  page.on('request', (request: Request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) {
      sent.push(request.allHeaders().then((h) => h['authorization']));
    }
  });
  return sent;
}

/** Records the panel's events (`snapshot-panel:*`) as the page hears them, in every document. */
async function recordPanelEvents(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __panelEvents: string[] }).__panelEvents = seen;
    for (const name of ['snapshot-created', 'restore-started', 'restore-finished', 'signed-out', 'unauthorized']) {
      document.addEventListener(`snapshot-panel:${name}`, () => seen.push(name));
    }
  });
}

async function panelEvents(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __panelEvents: string[] }).__panelEvents);
}

test.describe('token mode', () => {
  test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 401/] });

  test('a sign-in screen checks the token with account/me; a wrong one is refused by the API; the panel shows who is signed in; memory only', async ({
    page,
  }) => {
    await resetSimulator({ create_secs: 600 });
    await configureDeployment(page, { meta: { auth: 'token' } });
    const sent = recordAuthorization(page);
    const logged: string[] = [];
    page.on('console', (message) => logged.push(message.text()));
    await page.goto('/');

    const form = signInForm(page);
    await expect(form.heading).toBeVisible();
    await expect(form.token).toBeFocused();
    await expect(form.token).toHaveAttribute('type', 'password');
    await expect(form.remember).not.toBeChecked();
    await expect(form.submit).toBeDisabled();
    // Nothing is asked of the API before a token is given: token mode never relies on the proxy.
    expect(await apiRequests()).toEqual([]);

    // A wrong token goes to the API, which refuses it (nginx passes the browser's own header).
    await signIn(page, 'vps_not_a_real_token');
    await expect(page.getByRole('alert')).toHaveText(REFUSED);
    expect((await apiRequests()).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /api/v1/account/me/ 401',
    ]);
    await expect(form.heading).toBeVisible();

    // Bob's token: checked, then bob's own servers (not alice's, whose token nginx would add).
    await signIn(page, 'vps_demo_bob');
    await expect(page.getByText('Signed in as Bob Example')).toBeVisible();
    const bob = page.getByRole('region', { name: 'bob-web' });
    await expect(bob).toContainText('bob-nightly');
    await expect(page.getByRole('region')).toHaveCount(1);
    await expect(form.heading).toHaveCount(0);
    const log = await apiRequests();
    expect(log.slice(0, 2).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /api/v1/account/me/ 401',
      'GET /api/v1/account/me/ 200',
    ]);
    expect(log.every((r) => r.status === 200 || r.path === '/api/v1/account/me/')).toBe(true);
    const headers = await Promise.all(sent);
    expect(headers[0]).toBe('Bearer vps_not_a_real_token');
    expect(headers.slice(1).every((h) => h === 'Bearer vps_demo_bob'), headers.join(', ')).toBe(true);

    // Kept in memory only: not in either storage, a cookie or the address.
    const stored = await storedText(page);
    expect(JSON.stringify(stored)).not.toContain('vps_');
    expect(stored.local).toEqual({});
    expect(page.url()).not.toContain('vps_');
    expect(logged.filter((text) => text.includes('vps_')), 'the token in the console').toEqual([]);

    // A reload forgets it: sign in again.
    await page.reload();
    await expect(form.heading).toBeVisible();
    await expect(page.getByText('Signed in as')).toHaveCount(0);
    await expect(page.getByRole('region')).toHaveCount(0);
  });

  test('"Remember in this tab" keeps the token in sessionStorage across a reload (never localStorage); signing out forgets it and tells the page', async ({
    page,
  }) => {
    await resetSimulator({ create_secs: 600 });
    await configureDeployment(page, { meta: { auth: 'token' } });
    await recordPanelEvents(page);
    await page.goto('/servers/12345');

    await signIn(page, 'vps_demo_alice', true);
    await expect(page.getByText('Signed in as Alice Example')).toBeVisible();
    // The deep link survived sign-in.
    await expect(page).toHaveURL(/\/servers\/12345$/);
    await expect(page.getByRole('region')).toHaveCount(1);
    await expect(page.getByRole('region', { name: 'web-server-01' })).toContainText('pre-migration-snapshot');
    let stored = await storedText(page);
    expect(stored.session).toEqual({ 'snapshot-panel:token:/api/v1/': 'vps_demo_alice' });
    expect(stored.local).toEqual({});
    expect(stored.cookies).toBe('');

    // Remembered: a reload goes straight back in, on the same view.
    await page.reload();
    await expect(page.getByText('Signed in as Alice Example')).toBeVisible();
    await expect(page.getByRole('region', { name: 'web-server-01' })).toBeVisible();
    await expect(signInForm(page).heading).toHaveCount(0);
    expect((await storedText(page)).local).toEqual({});

    // Signing out forgets it everywhere and tells the page.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(signInForm(page).heading).toBeVisible();
    await expect(page.getByText('Signed in as')).toHaveCount(0);
    await expect(page.getByRole('region')).toHaveCount(0);
    stored = await storedText(page);
    expect(JSON.stringify(stored)).not.toContain('vps_');
    expect(await panelEvents(page)).toEqual(['signed-out']);
    await page.reload();
    await expect(signInForm(page).heading).toBeVisible();
    await expect(page.getByRole('region')).toHaveCount(0);
  });

  test('a token remembered for another API is never sent to this one: the panel asks for its own', async ({ page }) => {
    await resetSimulator();
    await configureDeployment(page, { meta: { auth: 'token' } });
    await page.addInitScript(() => sessionStorage.setItem('snapshot-panel:token:https://other.example/api/v1/', 'vps_demo_bob'));
    const sent = recordAuthorization(page);
    await page.goto('/');
    await expect(signInForm(page).heading).toBeVisible();
    await signIn(page, 'vps_demo_alice', true);
    await expect(page.getByText('Signed in as Alice Example')).toBeVisible();
    await expect(page.getByRole('region', { name: 'web-server-01' })).toBeVisible();
    // Every request carried the token typed for this API, none the other API's.
    const headers = await Promise.all(sent);
    expect(headers.length).toBeGreaterThan(0);
    expect(new Set(headers)).toEqual(new Set(['Bearer vps_demo_alice']));
    expect((await storedText(page)).session).toEqual({
      'snapshot-panel:token:https://other.example/api/v1/': 'vps_demo_bob',
      'snapshot-panel:token:/api/v1/': 'vps_demo_alice',
    });
  });

  test('a token pasted with invisible characters: around it they are dropped; inside it the form says so, sends nothing, and the next try works', async ({
    page,
  }) => {
    await resetSimulator({ create_secs: 600 });
    await configureDeployment(page, { meta: { auth: 'token' } });
    const thrown: string[] = [];
    page.on('pageerror', (error) => thrown.push(error.message));
    await page.goto('/');
    const form = signInForm(page);

    // Copied from a chat, with a zero-width space inside: the browser could not even send it.
    await signIn(page, 'vps_demo\u200b_bob');
    await expect(page.getByRole('alert')).toHaveText(
      "The token has an invisible character (U+200B) inside it, which a token can't have. Copy it again from your VPS.org account.",
    );
    await expect(form.token).toHaveValue('vps_demo\u200b_bob');
    await expect(form.token).toHaveAttribute('aria-invalid', 'true');
    await expect(form.submit).toHaveText('Sign in');
    expect(await apiRequests(), 'nothing was sent').toEqual([]);

    // Copied again, this time with a byte-order mark and a zero-width space around it.
    await signIn(page, '\ufeffvps_demo_bob\u200b');
    await expect(page.getByText('Signed in as Bob Example')).toBeVisible();
    const checks = (await apiRequests()).filter((r) => r.path === '/api/v1/account/me/');
    expect(checks.map((r) => `${r.method} ${r.path} ${r.status}`), 'only the cleaned token was checked').toEqual([
      'GET /api/v1/account/me/ 200',
    ]);
    expect(thrown, 'no script error').toEqual([]);
  });

  test('a 401 in mid-session opens a sign-in dialog over the page: the address and the typed name survive', async ({
    page,
  }) => {
    await resetSimulator({ create_secs: 600 });
    await configureDeployment(page, { meta: { auth: 'token' } });
    await page.goto('/servers/22222');
    await signIn(page, 'vps_demo_bob');
    await expect(page.getByText('Signed in as Bob Example')).toBeVisible();
    const bob = page.getByRole('region', { name: 'bob-web' });
    await expect(bob).toContainText('bob-nightly');

    await bob.getByRole('button', { name: 'New snapshot of bob-web' }).click();
    const create = page.getByRole('dialog', { name: 'New snapshot of bob-web' });
    const name = create.getByRole('textbox', { name: 'Name' });
    await name.fill('before-the-401');
    await create.getByRole('textbox', { name: 'Description (optional)' }).fill('typed before the session ended');

    // The session ends: the next API call (the create) is refused with 401, once. The simulator
    // has no 401 fault, so the browser's request is answered here, as the API would answer it.
    const before = (await apiRequests()).length;
    await page.route(
      '**/api/**',
      (route) =>
        route.fulfill({
          status: 401,
          contentType: 'application/json',
          headers: { 'WWW-Authenticate': 'Bearer realm="api"' },
          body: JSON.stringify({ detail: 'Invalid token.' }),
        }),
      { times: 1 },
    );
    await create.getByRole('button', { name: 'Create snapshot' }).click();

    const again = page.getByRole('dialog', { name: 'Sign in' });
    await expect(again).toBeVisible();
    await expect(again).toContainText('Your session has ended. Sign in again to carry on where you were.');
    // Escape, or a click beside it, would sign out and drop the page: it stays.
    await page.keyboard.press('Escape');
    await page.mouse.click(5, 5);
    await expect(again).toBeVisible();
    // Over the page, which is still there, at the same address.
    await expect(page).toHaveURL(/\/servers\/22222$/);
    await expect(bob).toContainText('bob-nightly');
    await expect(create).toBeVisible();
    expect((await apiRequests()).length, 'the refused create never reached the API').toBe(before);

    // A wrong token is refused by the API itself, and the dialog stays.
    await signIn(again, 'vps_expired_token');
    await expect(again.getByRole('alert')).toHaveText(REFUSED);

    await signIn(again, 'vps_demo_bob');
    await expect(again).toBeHidden();
    await expect(page).toHaveURL(/\/servers\/22222$/);
    await expect(page.getByText('Signed in as Bob Example')).toBeVisible();
    // The form is as it was left: send it.
    await expect(create).toBeVisible();
    await expect(name).toHaveValue('before-the-401');
    await expect(create.getByRole('textbox', { name: 'Description (optional)' })).toHaveValue('typed before the session ended');
    await create.getByRole('button', { name: 'Create snapshot' }).click();
    await expect(create).toBeHidden();
    await expect(bob.getByRole('rowheader', { name: 'before-the-401' })).toBeVisible();
    const posts = (await apiRequests()).filter((r) => r.method === 'POST');
    expect(posts.map((r) => `${r.path} ${r.status}`)).toEqual(['/api/v1/snapshots/ 201']);
  });

  test('signed in as someone else over an open dialog: the dialog about the last account\'s snapshot closes', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    await configureDeployment(page, { meta: { auth: 'token' } });
    await page.goto('/');
    await signIn(page, 'vps_demo_alice');
    await expect(page.getByText('Signed in as Alice Example')).toBeVisible();
    await page.getByRole('button', { name: 'Delete weekly-snapshot-2025-01-08' }).click();
    const remove = page.getByRole('dialog', { name: 'Delete weekly-snapshot-2025-01-08?' });
    await page.route(
      '**/api/v1/snapshots/*/',
      (route) => route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ detail: 'Invalid token.' }) }),
      { times: 1 },
    );
    await remove.getByRole('button', { name: 'Delete snapshot' }).click();
    const again = page.getByRole('dialog', { name: 'Sign in' });
    await expect(again).toBeVisible();
    await signIn(again, 'vps_demo_bob');
    await expect(page.getByText('Signed in as Bob Example')).toBeVisible();
    await expect(page.getByRole('region', { name: 'bob-web' })).toBeVisible();
    // Bob's token is never sent to delete alice's snapshot.
    await expect(remove).toHaveCount(0);
    expect((await apiRequests()).filter((r) => r.method === 'DELETE')).toEqual([]);
    const weekly = await fetch(`${SIM_URL}/api/v1/snapshots/?server_id=12345`, { headers: { Authorization: 'Bearer vps_demo_alice' } });
    expect(JSON.stringify(await weekly.json())).toContain('weekly-snapshot-2025-01-08');
  });
});

test.describe('auto mode (the deployment as shipped)', () => {
  test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 401/] });

  test('a 401 in mid-session opens the sign-in dialog over the page, which keeps its address and filter', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    await page.goto('/?q=nightly');
    await expect(page.getByRole('region', { name: 'db-primary' })).toContainText('db-nightly-1');
    await expect(signInForm(page).heading).toHaveCount(0);

    const again = await sessionEndsOnRefresh(page);
    await expect(again).toContainText('Your session has ended. Sign in again to carry on where you were.');
    await expect(page.getByRole('region', { name: 'db-primary' })).toBeVisible();

    // Signed in as bob now: the same view, with bob's data.
    await signIn(again, 'vps_demo_bob');
    await expect(again).toBeHidden();
    await expect(page.getByText('Signed in as Bob Example')).toBeVisible();
    await expect(page.getByRole('region', { name: 'bob-web' })).toContainText('bob-nightly');
    await expect(page.getByRole('region', { name: 'db-primary' })).toHaveCount(0);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/?q=nightly');
    await expect(page.getByRole('searchbox', { name: 'Filter servers and snapshots' })).toHaveValue('nightly');
  });

  test('signed in again over the create dialog: what was typed stays, the old error goes, the focus is back in it', async ({
    page,
  }) => {
    await resetSimulator({ create_secs: 600 });
    await page.goto('/');
    await expect(page.getByRole('region', { name: 'web-server-01' })).toBeVisible();
    await page.getByRole('button', { name: 'New snapshot…' }).click();
    const create = page.getByRole('dialog', { name: 'New snapshot' });
    await create.getByRole('textbox', { name: 'Name' }).fill('kept-through-sign-in');
    await page.route('**/api/v1/snapshots/', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ detail: 'Invalid token.' }) })
        : route.fallback(),
    );
    await create.getByRole('button', { name: 'Create snapshot' }).click();
    const again = page.getByRole('dialog', { name: 'Sign in' });
    await expect(again).toBeVisible();
    await page.unroute('**/api/v1/snapshots/');
    await signInForm(again).token.fill('vps_demo_alice');
    await page.keyboard.press('Enter');
    await expect(again).toBeHidden();

    await expect(create.getByRole('textbox', { name: 'Name' })).toHaveValue('kept-through-sign-in');
    await expect(create.getByText(/session has ended/)).toHaveCount(0);
    const focusedInCreate = () =>
      page.evaluate(() => {
        let active = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        return active?.closest('dialog')?.getAttribute('aria-labelledby') ?? active?.tagName ?? null;
      });
    await expect.poll(focusedInCreate).toBe('create-title');
    // The next press is a fresh try, and it goes through.
    await create.getByRole('button', { name: 'Create snapshot' }).click();
    await expect(create).toBeHidden();
    await expect(page.getByRole('row').filter({ hasText: 'kept-through-sign-in' })).toHaveCount(1);
  });

  test('the sign-in dialog after a 401 has its own way to sign out instead', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    await page.goto('/');
    await expect(page.getByRole('region', { name: 'db-primary' })).toBeVisible();
    const again = await sessionEndsOnRefresh(page);
    await expect(again).toBeVisible();
    await again.getByRole('button', { name: 'Sign out' }).click();
    await expect(again).toBeHidden();
    await expect(signInForm(page).heading).toBeVisible();
    await expect(page.getByRole('region', { name: 'db-primary' })).toHaveCount(0);
  });

  test('signing out while a sign-in is checked: its answer neither signs back in nor remembers the token', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    await page.goto('/');
    await expect(page.getByRole('region', { name: 'db-primary' })).toBeVisible();
    const again = await sessionEndsOnRefresh(page);
    await expect(again).toBeVisible();
    let answered!: () => void;
    const answer = new Promise<void>((resolve) => (answered = resolve));
    await page.route('**/api/v1/account/me/', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await route.continue().catch(() => undefined);
      answered();
    });
    await signIn(again, 'vps_demo_alice', true);
    await expect(again.getByRole('button', { name: 'Checking…' })).toBeVisible();
    await again.getByRole('button', { name: 'Sign out' }).click();
    await expect(signInForm(page).heading).toBeVisible();
    await answer;
    await page.waitForTimeout(300);
    await expect(signInForm(page).heading).toBeVisible();
    await expect(page.getByText('Signed in as')).toHaveCount(0);
    await expect(page.getByRole('region')).toHaveCount(0);
    expect(JSON.stringify(await storedText(page))).not.toContain('vps_');
  });
});

test.describe('a token revoked while a job is followed', () => {
  test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 401/] });

  test('the poll that meets the 401 opens the sign-in dialog, and nothing more is asked until the person signs in', async ({
    page,
  }) => {
    await resetSimulator({ create_secs: 600 });
    await page.goto('/');
    // The seeded in-progress snapshot is followed every 5 s.
    await expect(page.getByRole('region', { name: 'analytics-worker' }).getByText('In progress', { exact: true })).toBeVisible();
    const refused: string[] = [];
    await page.route('**/api/**', (route) => {
      refused.push(route.request().url());
      return route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ detail: 'Invalid token.' }) });
    });
    const again = page.getByRole('dialog', { name: 'Sign in' });
    await expect(again).toBeVisible({ timeout: 15_000 });
    const before = refused.length;
    await page.waitForTimeout(4000);
    expect(refused.length - before, 'requests after the sign-in dialog opened').toBe(0);
    expect(before).toBeLessThanOrEqual(2);

    // Signing in again picks the polling up.
    await page.unrouteAll();
    await signIn(again, 'vps_demo_alice');
    await expect(again).toBeHidden();
    await expect(page.getByText('Signed in as Alice Example')).toBeVisible();
  });
});

test.describe('403', () => {
  test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 403/] });

  test('a read-only token: deleting or creating says which permission is missing, and stays signed in', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    await configureDeployment(page, { meta: { auth: 'token' } });
    await page.goto('/');
    await signIn(page, 'vps_readonly_carol');
    await expect(page.getByText('Signed in as Carol Example')).toBeVisible();
    const carol = page.getByRole('region', { name: 'carol-app' });
    await expect(carol).toContainText('carol-base');

    await carol.getByRole('button', { name: 'Delete carol-base' }).click();
    const del = page.getByRole('dialog', { name: 'Delete carol-base?' });
    await del.getByRole('button', { name: 'Delete snapshot' }).click();
    await expect(del.getByRole('alert')).toHaveText(NO_WRITE);
    await expect(del.getByRole('alert')).toContainText('snapshots:write');
    // Not allowed is not signed out.
    await expect(page.getByRole('dialog', { name: 'Sign in' })).toHaveCount(0);
    await del.getByRole('button', { name: 'Cancel' }).click();
    await expect(carol.getByRole('rowheader', { name: 'carol-base' })).toBeVisible();

    await carol.getByRole('button', { name: 'New snapshot of carol-app' }).click();
    const create = page.getByRole('dialog', { name: 'New snapshot of carol-app' });
    await create.getByRole('textbox', { name: 'Name' }).fill('carol-try');
    await create.getByRole('button', { name: 'Create snapshot' }).click();
    await expect(create.getByRole('alert')).toContainText('your token lacks the snapshots:write permission.');
    await expect(page.getByText('Signed in as Carol Example')).toBeVisible();
    await expect(signInForm(page).heading).toHaveCount(0);

    const refused = (await apiRequests()).filter((r) => r.method !== 'GET');
    expect(refused.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'DELETE /api/v1/snapshots/950/ 403',
      'POST /api/v1/snapshots/ 403',
    ]);
  });
});

test.describe('proxy mode', () => {
  for (const mode of ['proxy', 'auto'] as const) {
    test(`${mode}: the reverse proxy injects the token; the panel sends none and shows no sign-in${
      mode === 'auto' ? ' (the deployment as shipped)' : ''
    }`, async ({ page }) => {
      await resetSimulator({ create_secs: 600 });
      if (mode === 'proxy') await configureDeployment(page, { meta: { auth: 'proxy' } });
      const sent = recordAuthorization(page);
      await page.goto('/servers/12345');
      await expect(page.getByRole('region', { name: 'web-server-01' })).toContainText('pre-migration-snapshot');
      await expect(page.getByText('Signed in as Alice Example')).toBeVisible();
      await expect(signInForm(page).heading).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
      const headers = await Promise.all(sent);
      expect(headers.length).toBeGreaterThan(0);
      expect(headers.every((h) => h === undefined), 'no Authorization header from the browser').toBe(true);
      // The simulator has no default token: these answers exist because nginx added alice's.
      const log = await apiRequests();
      expect(log.length).toBe(headers.length);
      expect(log.every((r) => r.status === 200)).toBe(true);
      expect(JSON.stringify(await storedText(page))).not.toContain('vps_');
    });
  }

  test.describe('a 401 in mid-session', () => {
    test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 401/] });

    test('proxy: says the proxy’s token was refused, never asks the person, keeps the page', async ({ page }) => {
      await resetSimulator({ create_secs: 600 });
      await configureDeployment(page, { meta: { auth: 'proxy' } });
      await page.goto('/servers/12345');
      const web = page.getByRole('region', { name: 'web-server-01' });
      await expect(web).toContainText('pre-migration-snapshot');
      await page.route(
        '**/api/**',
        (route) =>
          route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ detail: 'Invalid token.' }) }),
        { times: 1 },
      );
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'The API refused the token that the proxy in front of it adds.' })).toBeVisible();
      await expect(signInForm(page).heading).toHaveCount(0);
      await expect(page).toHaveURL(/\/servers\/12345$/);
      await expect(web).toContainText('pre-migration-snapshot');
    });
  });
});

test.describe('host mode', () => {
  test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 401/] });

  test('the host page hands the token in with mount(), rotates it with setToken(), and hears of a 401 while the panel waits', async ({
    page,
  }) => {
    await resetSimulator({ create_secs: 600 });
    await page.goto('/examples/host/');
    // The example's own panel (proxy mode) is up: the loader has run.
    await expect(page.locator('#panel').getByRole('region', { name: 'web-server-01' })).toBeVisible();
    const sent = recordAuthorization(page);

    await exposeLoader(page);
    const mounted = await mountInHostMode(page, 'vps_demo_bob');
    expect(mounted).toBe(true);
    const panel = page.locator('#host-mode');
    await expect(panel.getByRole('region', { name: 'bob-web' })).toContainText('bob-nightly');
    await expect(panel.getByText('Signed in as Bob Example')).toBeVisible();
    // The host owns the token: no sign-in, no sign-out.
    await expect(panel.getByRole('heading', { name: 'Sign in' })).toHaveCount(0);
    await expect(panel.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
    expect((await Promise.all(sent)).every((h) => h === 'Bearer vps_demo_bob')).toBe(true);
    sent.length = 0;

    // Rotation: the next request carries the new token.
    const setToken = (token: string) =>
      page.evaluate((token) => {
        const loader = window.__loader;
        return loader.setToken(document.getElementById('host-mode') as HTMLElement, token);
      }, token);
    expect(await setToken('vps_demo_alice')).toBe(true);
    // A new token may belong to someone else: the panel says whose it is now.
    await expect(panel.getByText('Signed in as Alice Example')).toBeVisible();
    await panel.getByRole('button', { name: 'Refresh' }).click();
    await expect(panel.getByRole('region', { name: 'web-server-01' })).toBeVisible();
    await expect(panel.getByRole('region', { name: 'bob-web' })).toHaveCount(0);
    const rotated = await Promise.all(sent);
    expect(rotated.length).toBeGreaterThan(0);
    expect(rotated.every((h) => h === 'Bearer vps_demo_alice'), rotated.join(', ')).toBe(true);

    // The token stops working: the API refuses it (for real, through nginx), the host is told,
    // and the panel waits with its page as it was, asking the person for nothing.
    expect(await setToken('vps_revoked_token')).toBe(true);
    await panel.getByRole('button', { name: 'Refresh' }).click();
    await expect(panel.getByRole('alert').filter({ hasText: 'The API refused the token the page gave. Waiting for a new one from the page…' })).toBeVisible();
    // Told once, though each of the Refresh's reads met the 401.
    await expect
      .poll(async () => (await apiRequests()).filter((r) => r.path.startsWith('/api/v1/') && r.status === 401).length)
      .toBeGreaterThan(1);
    expect(await page.evaluate(() => (window as unknown as { __unauthorized: number }).__unauthorized)).toBe(1);
    await expect(panel.getByRole('heading', { name: 'Sign in' })).toHaveCount(0);
    await expect(panel.getByRole('region', { name: 'web-server-01' })).toBeVisible();
    // The example page's own log heard it too (the event bubbles out of the shadow root).
    await expect(page.locator('#host-events')).toContainText('unauthorized');
    expect((await apiRequests()).some((r) => r.path.startsWith('/api/v1/') && r.status === 401)).toBe(true);

    // A new token from the host: the panel carries on by itself.
    expect(await setToken('vps_demo_bob')).toBe(true);
    await expect(panel.getByRole('alert').filter({ hasText: 'The API refused the token the page gave.' })).toHaveCount(0);
    await expect(panel.getByText('Signed in as Bob Example')).toBeVisible();
    await expect(panel.getByRole('region', { name: 'bob-web' })).toContainText('bob-nightly');
    await expect(panel.getByRole('region', { name: 'web-server-01' })).toHaveCount(0);
    expect(new URL(page.url()).pathname).toBe('/examples/host/');
  });

  test('a token the host hands in with a character no token has is refused like a wrong one, and the next one works', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    const thrown: string[] = [];
    page.on('pageerror', (error) => thrown.push(error.message));
    await page.goto('/examples/host/');
    await expect(page.locator('#panel').getByRole('region', { name: 'web-server-01' })).toBeVisible();
    await exposeLoader(page);
    // A zero-width space inside it: outside what a header can carry, the browser would throw.
    await mountInHostMode(page, 'vps_demo\u200b_bob');
    // As a wrong token is: the host hears of it, and the panel waits for another.
    await expect.poll(() => page.evaluate(() => (window as unknown as { __unauthorized: number }).__unauthorized)).toBeGreaterThan(0);
    await expect(page.locator('#host-mode').getByRole('region')).toHaveCount(0);
    await page.evaluate(() => window.__loader.setToken(document.getElementById('host-mode') as HTMLElement, 'vps_demo_bob'));
    await expect(page.locator('#host-mode').getByRole('region', { name: 'bob-web' })).toContainText('bob-nightly');
    expect(thrown, 'no script error').toEqual([]);
  });

  test('a host that has not given a token yet: the panel says it waits for one, not that one expired', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    await page.goto('/examples/host/');
    await expect(page.locator('#panel').getByRole('region', { name: 'web-server-01' })).toBeVisible();
    await exposeLoader(page);
    // The API refuses a request without a token (the test's nginx would add one).
    await page.route('**/api/v1/**', (route) =>
      route.request().headers()['authorization']
        ? route.continue()
        : route.fulfill({ status: 401, contentType: 'application/json', body: '{"detail": "Authentication credentials were not provided."}' }),
    );
    await page.evaluate(() => {
      const element = document.createElement('div');
      element.id = 'host-waiting';
      document.body.append(element);
      window.__loader.mount(element, { auth: 'host' });
    });
    const panel = page.locator('#host-waiting');
    await expect(panel.getByRole('alert').filter({ hasText: 'Waiting for the page to give an API token…' })).toBeVisible();
    await expect(panel.getByText('The snapshots will show once the API accepts a token.')).toBeVisible();
    await expect(panel.getByText('refused')).toHaveCount(0);
    await page.evaluate(() => window.__loader.setToken(document.getElementById('host-waiting') as HTMLElement, 'vps_demo_bob'));
    await expect(panel.getByRole('region', { name: 'bob-web' })).toContainText('bob-nightly');
  });

  test('a token refused from the first load is not sent again to ask whose it is; the next one the host hands in is', async ({
    page,
  }) => {
    await resetSimulator({ create_secs: 600 });
    await page.goto('/examples/host/');
    await expect(page.locator('#panel').getByRole('region', { name: 'web-server-01' })).toBeVisible();
    await exposeLoader(page);
    await page.evaluate(() => {
      const loader = window.__loader;
      const element = document.createElement('div');
      element.id = 'host-refused';
      document.body.append(element);
      loader.mount(element, { auth: 'host', token: 'vps_revoked_token' });
    });
    const panel = page.locator('#host-refused');
    await expect(panel.getByRole('alert').filter({ hasText: 'The API refused the token the page gave. Waiting for a new one from the page…' })).toBeVisible();
    // Long enough for a question the load left for later to have been asked and answered.
    await page.waitForTimeout(1000);
    const refusedMe = (await apiRequests()).filter((r) => r.path === '/api/v1/account/me/' && r.status === 401);
    expect(refusedMe, 'account/me asked with the token the lists were refused with').toEqual([]);

    await page.evaluate(() => {
      const loader = window.__loader;
      return loader.setToken(document.getElementById('host-refused') as HTMLElement, 'vps_demo_bob');
    });
    await expect(panel.getByText('Signed in as Bob Example')).toBeVisible();
  });

  test('<snapshot-panel auth="host">: the token goes in as a property (never an attribute) and rotates the same way', async ({
    page,
  }) => {
    await resetSimulator({ create_secs: 600 });
    await page.goto('/examples/host/');
    await expect(page.locator('#panel').getByRole('region', { name: 'web-server-01' })).toBeVisible();
    const sent = recordAuthorization(page);
    await page.evaluate(() => {
      const element = document.createElement('snapshot-panel') as HTMLElement & { token?: string };
      element.id = 'element-host';
      element.setAttribute('auth', 'host');
      element.token = 'vps_demo_bob';
      document.body.append(element);
    });
    const panel = page.locator('#element-host');
    await expect(panel.getByRole('region', { name: 'bob-web' })).toContainText('bob-nightly');
    await expect(panel.getByRole('region')).toHaveCount(1);
    const attributes = await panel.evaluate((el) => el.getAttributeNames().map((n) => `${n}=${el.getAttribute(n)}`));
    expect(attributes).toEqual(['id=element-host', 'auth=host']);
    expect(await panel.evaluate((el) => (el as HTMLElement & { token?: string }).token), 'the token cannot be read back').toBeUndefined();
    expect((await Promise.all(sent)).every((h) => h === 'Bearer vps_demo_bob')).toBe(true);

    sent.length = 0;
    await panel.evaluate((el) => {
      (el as HTMLElement & { token?: string }).token = 'vps_readonly_carol';
    });
    await panel.getByRole('button', { name: 'Refresh' }).click();
    await expect(panel.getByRole('region', { name: 'carol-app' })).toContainText('carol-base');
    await expect(panel.getByRole('region', { name: 'bob-web' })).toHaveCount(0);
    const rotated = await Promise.all(sent);
    expect(rotated.length).toBeGreaterThan(0);
    expect(rotated.every((h) => h === 'Bearer vps_readonly_carol'), rotated.join(', ')).toBe(true);
  });
});

// Issue 7, static hosting, in a real browser: the release build behind the real nginx (built from
// deploy/nginx.conf by `cargo xtask test`) with its strict Content-Security-Policy, at `/` and at
// the sub-path `/admin/snapshots/`, deep links included, the API through nginx's proxy (which
// adds the token: the simulator runs without a default one), and ZERO `securitypolicyviolation`
// events while everything is rendered and every dialog opened. Also the runtime configuration:
// settings changed in the deployed index.html, without a rebuild, and invalid values explained
// inside the panel. (HTTP-level checks of the same nginx: deploy.spec.ts.)
import { test as plainTest, type Page, type Request } from '@playwright/test';
import { test, expect, resetSimulator, apiRequests } from './support';
import { STRICT_CSP, watchCsp, cspViolations, expectNoCspViolations, configureDeployment } from './deployment';

const ALL_SERVERS = [
  'web-server-01',
  'db-primary',
  'staging-app',
  'build-runner',
  'analytics-worker',
  'legacy-mail',
  'edge-cache',
];

/** Every /api/ request the page makes, with the Authorization header it sent (if any). */
function recordApiCalls(page: Page): Array<{ url: string; authorization: Promise<string | undefined> }> {
  const calls: Array<{ url: string; authorization: Promise<string | undefined> }> = [];
  page.on('request', (request: Request) => {
    if (new URL(request.url()).pathname.includes('/api/')) {
      calls.push({ url: request.url(), authorization: request.allHeaders().then((h) => h['authorization']) });
    }
  });
  return calls;
}

/**
 * The API really went through nginx's proxy: the browser called the panel's own origin under
 * /api/v1/ (never the sub-path, never the simulator) without a token, and the simulator, which
 * has no default token, answered those calls with success: nginx added the token.
 */
async function expectApiThroughProxy(page: Page, calls: ReturnType<typeof recordApiCalls>) {
  const origin = new URL(page.url()).origin;
  expect(calls.length, 'the page called the API').toBeGreaterThan(0);
  for (const call of calls) {
    expect(call.url.startsWith(`${origin}/api/v1/`), call.url).toBe(true);
    expect(await call.authorization, `${call.url} carried no token from the browser`).toBeUndefined();
  }
  const seen = await apiRequests();
  expect(seen.length, 'the simulator saw the calls').toBeGreaterThan(0);
  for (const r of seen) {
    expect(r.path.startsWith('/api/v1/'), r.path).toBe(true);
    expect(r.status ?? 0, `${r.method} ${r.path}`).toBeGreaterThanOrEqual(200);
    expect(r.status ?? 0, `${r.method} ${r.path}`).toBeLessThan(300);
  }
  expect(seen.some((r) => r.path === '/api/v1/snapshots/')).toBe(true);
}

// Without this, "zero violations" could mean a recorder that records nothing. Playwright's own
// `test`: the blocked inline style is logged as a console error, on purpose.
plainTest('the violation recorder does catch a violation of the strict CSP', async ({ page }) => {
  await resetSimulator();
  await watchCsp(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'All servers' })).toBeVisible();
  expect(await cspViolations(page)).toEqual([]);
  await page.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = 'body { outline: 1px solid red; }';
    document.head.append(style);
  });
  await expect.poll(async () => (await cspViolations(page)).map((v) => v.directive)).toEqual(['style-src-elem']);
});

/**
 * What in a document would need 'unsafe-inline' (or worse): an inline script, a `<style>`, a
 * `style=` attribute, an `on…=` handler or a `javascript:` URL. Parsed by the browser's own HTML
 * parser, from the bytes nginx serves, so nothing the app does later hides or adds any.
 */
async function inlineCode(page: Page, source: { path: string } | { html: string }): Promise<string[]> {
  return page.evaluate(async (source) => {
    const html = 'html' in source ? source.html : await (await fetch(source.path)).text();
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const found: string[] = [];
    for (const script of Array.from(doc.querySelectorAll('script'))) {
      if (!script.src) found.push(`inline <script>: ${script.textContent?.slice(0, 60)}`);
    }
    for (const el of Array.from(doc.querySelectorAll('*'))) {
      if (el.localName === 'style') found.push('<style> element');
      for (const attr of Array.from(el.attributes)) {
        if (attr.name === 'style') found.push(`style= on <${el.localName}>`);
        if (attr.name.startsWith('on')) found.push(`${attr.name}= on <${el.localName}>`);
        if (/^\s*javascript:/i.test(attr.value)) found.push(`javascript: URL on <${el.localName}>`);
      }
    }
    return found;
  }, source);
}

// Playwright's own `test`: parsing the made-up bad document below logs the strict CSP's
// refusals as console errors, on purpose.
plainTest('the served index.html holds no inline script, style or handler, at / and under the sub-path', async ({
  page,
}) => {
  await resetSimulator();
  const wasm: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('_bg.wasm')) wasm.push(request.url());
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'All servers' })).toBeVisible();
  // The loader's fetch takes over the wasm that index.html preloads: one download, not two.
  expect(wasm, 'requests for the wasm').toHaveLength(1);
  for (const path of ['/', '/admin/snapshots/', '/admin/snapshots/servers/12345']) {
    expect(await inlineCode(page, { path }), path).toEqual([]);
  }
  // Without this, "nothing found" could mean a checker that finds nothing.
  const bad =
    '<script>go()</script><style>p{}</style><p onclick="x()" style="color:red"><a href="javascript:y()">';
  expect(await inlineCode(page, { html: bad })).toEqual([
    'inline <script>: go()',
    '<style> element',
    'onclick= on <p>',
    'style= on <p>',
    'javascript: URL on <a>',
  ]);
});

test('at /: the strict CSP, every part of the panel rendered and every dialog opened, zero violations', async ({
  page,
}) => {
  await resetSimulator({ create_secs: 3, restore_secs: 3 });
  await watchCsp(page);
  const calls = recordApiCalls(page);
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toBe(STRICT_CSP);

  // Every server and its snapshots, the limit note, the failed and in-progress badges.
  for (const name of ALL_SERVERS) await expect(page.getByRole('region', { name })).toBeVisible();
  await expect(page.getByRole('region', { name: 'db-primary' })).toContainText(
    'This server has the most snapshots it can have.',
  );
  await expect(page.getByRole('region', { name: 'build-runner' })).toContainText('Failed');
  // A disabled action's tooltip.
  const stuck = page.getByRole('region', { name: 'legacy-mail' }).getByRole('button', { name: 'Restore mail-pre-cutover' });
  await stuck.focus();
  await expect(page.getByRole('region', { name: 'legacy-mail' }).getByRole('tooltip')).toBeVisible();

  // The filter, and the empty result.
  const filter = page.getByRole('searchbox', { name: 'Filter servers and snapshots' });
  await filter.fill('nightly');
  await expect(page.getByRole('region')).toHaveCount(1);
  await filter.fill('no-such-snapshot');
  await expect(page.getByText('No server or snapshot matches “no-such-snapshot”.')).toBeVisible();
  await filter.fill('');
  await expect(page.getByRole('region')).toHaveCount(ALL_SERVERS.length);

  // The create dialog from the top (a server select, a refused name), dismissed with Escape.
  await page.getByRole('button', { name: 'New snapshot…' }).click();
  const top = page.getByRole('dialog', { name: 'New snapshot' });
  await top.getByRole('textbox', { name: 'Name' }).fill('not valid');
  await expect(top).toContainText("Spaces aren't allowed; use - or _");
  await top.getByRole('textbox', { name: 'Name' }).press('Escape');
  await expect(top).toBeHidden();

  // A real creation, followed to Completed, with its notices.
  const staging = page.getByRole('region', { name: 'staging-app' });
  await staging.getByRole('button', { name: 'New snapshot of staging-app' }).click();
  const create = page.getByRole('dialog', { name: 'New snapshot of staging-app' });
  await create.getByRole('textbox', { name: 'Name' }).fill('csp-check');
  await create.getByRole('textbox', { name: 'Description (optional)' }).fill('Made under the strict CSP');
  await create.getByRole('button', { name: 'Create snapshot' }).click();
  await expect(create).toBeHidden();
  await expect(staging).toContainText('In progress');
  await expect(staging).toContainText('Completed', { timeout: 20_000 });
  const notices = page.getByRole('list', { name: 'Notices' });
  await expect(notices).toContainText('Snapshot csp-check of staging-app is ready.');

  // A real restore, its clock, and the server back to Running.
  const web = page.getByRole('region', { name: 'web-server-01' });
  await web.getByRole('button', { name: 'Restore weekly-snapshot-2025-01-08' }).click();
  const restore = page.getByRole('dialog', { name: 'Restore web-server-01 from weekly-snapshot-2025-01-08?' });
  await restore.getByRole('checkbox', { name: 'Take a snapshot of the current state first' }).uncheck();
  await restore.getByRole('textbox', { name: 'Type web-server-01 to confirm' }).fill('web-server-01');
  await restore.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(restore).toBeHidden();
  await expect(web.getByText('Restoring', { exact: true })).toBeVisible();
  await expect(web.getByText('Running', { exact: true })).toBeVisible({ timeout: 25_000 });

  // The delete confirmation, cancelled; a notice dismissed.
  await web.getByRole('button', { name: 'Delete pre-migration-snapshot' }).click();
  const del = page.getByRole('dialog', { name: 'Delete pre-migration-snapshot?' });
  await expect(del).toContainText('This cannot be undone.');
  await del.getByRole('button', { name: 'Cancel' }).click();
  await expect(del).toBeHidden();
  const dismiss = notices.getByRole('button', { name: /^Dismiss: / });
  const before = await dismiss.count();
  expect(before).toBeGreaterThan(0);
  await dismiss.first().click();
  await expect(dismiss).toHaveCount(before - 1);

  // One server's view and back.
  await web.getByRole('link', { name: 'web-server-01' }).click();
  await expect(page).toHaveURL(/\/servers\/12345$/);
  await page.getByRole('link', { name: '← All servers' }).click();
  await expect(page.getByRole('region')).toHaveCount(ALL_SERVERS.length);

  await expectNoCspViolations(page, '/');
  await expectApiThroughProxy(page, calls);
});

test('under /admin/snapshots/: a deep link opens the right view, links and Back stay under the sub-path, zero violations', async ({
  page,
}) => {
  await resetSimulator({ create_secs: 600 });
  await watchCsp(page);
  const calls = recordApiCalls(page);
  const response = await page.goto('/admin/snapshots/servers/12345');
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toBe(STRICT_CSP);

  // The deep link's view: web-server-01 alone, under its own heading.
  await expect(page.getByRole('heading', { level: 2, name: 'web-server-01' }).first()).toBeVisible();
  await expect(page.getByRole('region')).toHaveCount(1);
  const web = page.getByRole('region', { name: 'web-server-01' });
  await expect(web.getByRole('rowheader')).toHaveText(['pre-migration-snapshot', 'weekly-snapshot-2025-01-08']);
  expect(new URL(page.url()).pathname).toBe('/admin/snapshots/servers/12345');
  // Only that server was asked for.
  const reads = (await apiRequests()).filter((r) => r.path === '/api/v1/snapshots/');
  expect(reads.length).toBeGreaterThan(0);
  for (const r of reads) expect(new URLSearchParams(r.query).get('server_id')).toBe('12345');

  // Its links point under the sub-path.
  const back = page.getByRole('link', { name: '← All servers' });
  await expect(back).toHaveAttribute('href', '/admin/snapshots/');
  await expect(web.getByRole('link', { name: 'web-server-01' })).toHaveAttribute('href', '/admin/snapshots/servers/12345');
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  // In-panel navigation stays under the sub-path.
  await back.click();
  await expect(page).toHaveURL(/\/admin\/snapshots\/$/);
  await expect(page.getByRole('heading', { name: 'All servers' })).toBeVisible();
  await expect(page.getByRole('region')).toHaveCount(ALL_SERVERS.length);
  const db = page.getByRole('region', { name: 'db-primary' }).getByRole('link', { name: 'db-primary' });
  await expect(db).toHaveAttribute('href', '/admin/snapshots/servers/12346');
  await db.click();
  await expect(page).toHaveURL(/\/admin\/snapshots\/servers\/12346$/);
  await expect(page.getByRole('region')).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'db-primary' })).toBeVisible();

  // The filter rides in the query, still under the sub-path.
  await page.getByRole('searchbox', { name: 'Filter servers and snapshots' }).fill('nightly-2');
  await expect(page).toHaveURL(/\/admin\/snapshots\/servers\/12346\?q=nightly-2$/);
  await expect(page.getByRole('region', { name: 'db-primary' }).getByRole('rowheader')).toHaveText(['db-nightly-2']);

  // Back and forward, in the same document.
  await page.goBack();
  await expect(page).toHaveURL(/\/admin\/snapshots\/$/);
  await expect(page.getByRole('region')).toHaveCount(ALL_SERVERS.length);
  await page.goBack();
  await expect(page).toHaveURL(/\/admin\/snapshots\/servers\/12345$/);
  await expect(page.getByRole('region')).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'web-server-01' })).toBeVisible();
  await page.goForward();
  await expect(page).toHaveURL(/\/admin\/snapshots\/$/);
  await expect(page.getByRole('region')).toHaveCount(ALL_SERVERS.length);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  // Dialogs under the sub-path too.
  await page.getByRole('button', { name: 'New snapshot…' }).click();
  const create = page.getByRole('dialog', { name: 'New snapshot' });
  // The server is chosen first: focus is on it.
  await expect(create.getByRole('combobox', { name: 'Server' })).toBeFocused();
  await create.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('region', { name: 'edge-cache' }).getByRole('button', { name: 'Restore edge-baseline' }).click();
  const restore = page.getByRole('dialog', { name: 'Restore edge-cache from edge-baseline?' });
  await expect(restore).toBeVisible();
  await restore.getByRole('button', { name: 'Cancel' }).click();
  await expect(restore).toBeHidden();

  // A reload of a deep link with a filter reopens that exact view.
  await page.goto('/admin/snapshots/servers/12346?q=nightly-2');
  await expect(page.getByRole('region', { name: 'db-primary' }).getByRole('rowheader')).toHaveText(['db-nightly-2']);
  await expect(page.getByRole('searchbox', { name: 'Filter servers and snapshots' })).toHaveValue('nightly-2');

  await expectNoCspViolations(page, '/admin/snapshots/');
  await expectApiThroughProxy(page, calls);
});

test('the example host page: the embedded panel opens its dialogs with zero violations', async ({ page }) => {
  await resetSimulator({ create_secs: 600 });
  await watchCsp(page);
  const calls = recordApiCalls(page);
  const response = await page.goto('/examples/host/');
  expect(response?.headers()['content-security-policy']).toBe(STRICT_CSP);
  const panel = page.locator('snapshot-panel#panel');
  await expect(panel.getByRole('region', { name: 'web-server-01' })).toBeVisible();

  await panel.getByRole('button', { name: 'New snapshot…' }).click();
  const create = panel.getByRole('dialog', { name: 'New snapshot' });
  await create.getByRole('textbox', { name: 'Name' }).fill('not valid');
  await expect(create).toContainText("Spaces aren't allowed; use - or _");
  await create.getByRole('button', { name: 'Cancel' }).click();
  await expect(create).toBeHidden();
  await panel.getByRole('button', { name: 'Restore pre-migration-snapshot' }).click();
  const restore = panel.getByRole('dialog', { name: 'Restore web-server-01 from pre-migration-snapshot?' });
  await restore.getByRole('textbox', { name: 'Type web-server-01 to confirm' }).fill('web-server-01');
  await expect(restore.getByRole('button', { name: 'Restore', exact: true })).toBeEnabled();
  await restore.getByRole('button', { name: 'Cancel' }).click();
  await panel.getByRole('button', { name: 'Delete edge-baseline' }).click();
  const del = panel.getByRole('dialog', { name: 'Delete edge-baseline?' });
  await expect(del).toBeVisible();
  await del.getByRole('button', { name: 'Cancel' }).click();
  await expect(del).toBeHidden();
  // Embedded, the panel keeps its view to itself: the host's address never changes.
  await panel.getByRole('link', { name: 'db-primary' }).click();
  await expect(panel.getByRole('region')).toHaveCount(1);
  expect(new URL(page.url()).pathname).toBe('/examples/host/');

  await expectNoCspViolations(page, '/examples/host/');
  await expectApiThroughProxy(page, calls);
});

test.describe('runtime configuration, without a rebuild', () => {
  test('invalid settings are explained inside the panel, never a blank page, and nothing is sent', async ({ page }) => {
    await resetSimulator();
    await watchCsp(page);
    await configureDeployment(page, {
      meta: { auth: 'sideways', 'timeout-ms': '5', 'api-base': 'api v1' },
    });
    await page.goto('/admin/snapshots/servers/12345');
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading', { name: 'Snapshot Panel is misconfigured' })).toBeVisible();
    await expect(alert.getByRole('listitem')).toHaveText([
      'The setting “api-base” is “api v1”, but it must be a path such as /api/v1/ or a URL such as https://admin.vps.org/api/v1/.',
      'The setting “auth” is “sideways”, but it must be one of auto, token, proxy or host.',
      'The setting “timeout-ms” is “5”, but it must be a number of milliseconds between 1000 and 120000.',
    ]);
    // Where to fix it, whichever way the page gave it.
    await expect(alert).toContainText(
      'Fix it where the page gives it: the options of mount(), the attributes of the panel\'s element, or a <meta name="snapshot-panel:…"> tag. A new mount() or a changed attribute applies at once; a meta tag, after a reload.',
    );
    expect(await apiRequests()).toEqual([]);
    await expectNoCspViolations(page, 'the misconfigured panel');
  });

  test('the server to open on, from a meta tag, and a data- attribute taking precedence over it', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    await watchCsp(page);
    await configureDeployment(page, { meta: { 'server-id': '12346' } });
    await page.goto('/');
    await expect(page.getByRole('region')).toHaveCount(1);
    await expect(page.getByRole('region', { name: 'db-primary' })).toBeVisible();
    // The panel owns the address bar here, so the address says which view it is.
    await expect(page).toHaveURL(/\/servers\/12346$/);

    await page.unrouteAll({ behavior: 'wait' });
    await configureDeployment(page, {
      meta: { 'server-id': 'not-a-number' },
      mountAttributes: { 'data-server-id': '12351' },
    });
    await page.goto('/admin/snapshots/');
    await expect(page.getByRole('region')).toHaveCount(1);
    await expect(page.getByRole('region', { name: 'edge-cache' })).toBeVisible();
    await expect(page).toHaveURL(/\/admin\/snapshots\/servers\/12351$/);
    await expectNoCspViolations(page, 'the configured panel');
  });

  test('the API base URL, from a meta tag: the panel calls the API where it is told to', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    await watchCsp(page);
    await configureDeployment(page, { meta: { 'api-base': '/provider-api/v1/' } });
    // Stands in for a reverse proxy that exposes the API under another path: forwards
    // /provider-api/ to nginx's /api/.
    const called: string[] = [];
    await page.route('**/provider-api/**', async (route) => {
      called.push(new URL(route.request().url()).pathname);
      const response = await route.fetch({ url: route.request().url().replace('/provider-api/', '/api/') });
      const headers = { ...response.headers() };
      delete headers['content-length'];
      delete headers['content-encoding'];
      await route.fulfill({ response, headers, body: await response.body() });
    });
    const elsewhere = recordApiCalls(page);
    await page.goto('/');
    await expect(page.getByRole('region', { name: 'web-server-01' })).toContainText('pre-migration-snapshot');
    expect(called).toContain('/provider-api/v1/snapshots/');
    expect(called).toContain('/provider-api/v1/servers/');
    expect(elsewhere.map((c) => c.url), 'nothing called the default /api/v1/').toEqual([]);
    await expectNoCspViolations(page, 'the panel with its own api-base');
  });
});

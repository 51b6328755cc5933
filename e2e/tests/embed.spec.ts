// Issue 7, embedding: the panel in examples/host/, a host page with deliberately aggressive
// `button`, `h2` and `table` rules and a theming custom property on the panel's element, served by
// the test nginx at /examples/ (xtask/src/nginx.rs adds that location to the test config only)
// under the same strict CSP. The panel renders in the open shadow root of <snapshot-panel>; no
// style crosses the boundary either way, except the documented custom properties; its events
// reach the host page's log; and the loader's mount(element, options) / unmount(element) work,
// unmount stopping the panel's requests.
import type { Page } from '@playwright/test';
import { test, expect, resetSimulator, apiRequests } from './support';
import { watchCsp, expectNoCspViolations, exposeLoader, openHostPage, hostEvents } from './deployment';

const HOTPINK = 'rgb(255, 105, 180)';
const RED = 'rgb(255, 0, 0)';
const ORANGE = 'rgb(255, 165, 0)';
const BLUE = 'rgb(0, 0, 255)';
const ACCENT = 'rgb(108, 43, 217)';

/** Computed styles of every element matching `selector` inside the shadow root of `host`. */
async function shadowStyles(page: Page, host: string, selector: string, properties: string[]) {
  return page.evaluate(
    ({ host, selector, properties }) => {
      const root = document.querySelector(host)?.shadowRoot;
      if (!root) throw new Error(`${host} has no open shadow root`);
      return Array.from(root.querySelectorAll(selector)).map((el) => {
        const style = getComputedStyle(el);
        return {
          what: `${el.tagName.toLowerCase()} “${(el.textContent ?? '').trim().slice(0, 30)}”`,
          ...Object.fromEntries(properties.map((p) => [p, style.getPropertyValue(p)])),
        } as Record<string, string>;
      });
    },
    { host, selector, properties },
  );
}

async function hostStyle(page: Page, selector: string, property: string): Promise<string> {
  return page.locator(selector).first().evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);
}

test('the panel renders in <snapshot-panel>; the host’s button, h2 and table rules stay out, its own stay in; the accent is themed', async ({
  page,
}) => {
  await resetSimulator({ create_secs: 600 });
  const panel = await openHostPage(page);
  await expect(panel.getByRole('heading', { name: 'All servers' })).toBeVisible();
  await expect(panel.getByRole('region')).toHaveCount(7);
  expect(await panel.evaluate((el) => el.shadowRoot?.mode)).toBe('open');
  // The panel is in the element's shadow root, not in the host's DOM.
  expect(await page.evaluate(() => document.querySelectorAll('.sp-panel, .sp-button').length)).toBe(0);

  // The host's own rules apply to the host's elements…
  expect(await hostStyle(page, '#host-button', 'background-color')).toBe(HOTPINK);
  expect(await hostStyle(page, '#host-button', 'border-top-style')).toBe('dashed');
  expect(await hostStyle(page, '.host-header h2', 'color')).toBe(RED);
  expect(await hostStyle(page, '.host-header h2', 'font-size')).toBe('44px');
  expect(await hostStyle(page, '.host-table', 'border-top-color')).toBe(ORANGE);
  expect(await hostStyle(page, '.host-table', 'border-top-width')).toBe('8px');
  expect(await hostStyle(page, '.host-table td', 'background-color')).toBe(BLUE);

  // …and to none of the panel's. Buttons:
  const buttons = await shadowStyles(page, '#panel', 'button', [
    'background-color',
    'border-top-style',
    'font-size',
    'text-transform',
    'padding-top',
  ]);
  expect(buttons.length).toBeGreaterThan(10);
  for (const b of buttons) {
    expect(b['background-color'], b.what).not.toBe(HOTPINK);
    expect(b['border-top-style'], b.what).not.toBe('dashed');
    expect(b['font-size'], b.what).not.toBe('28px');
    expect(b['text-transform'], b.what).toBe('none');
    expect(b['padding-top'], b.what).not.toBe('20px');
  }
  // Headings:
  const headings = await shadowStyles(page, '#panel', 'h1, h2, h3', ['color', 'font-size', 'text-decoration-line']);
  expect(headings.length).toBeGreaterThan(7);
  for (const h of headings) {
    expect(h.color, h.what).not.toBe(RED);
    expect(h['font-size'], h.what).not.toBe('44px');
    expect(h['text-decoration-line'], h.what).toBe('none');
  }
  // Tables:
  const cells = await shadowStyles(page, '#panel', 'table, th, td', [
    'border-top-color',
    'border-top-width',
    'background-color',
    'color',
  ]);
  expect(cells.length).toBeGreaterThan(20);
  for (const c of cells) {
    expect(c['border-top-color'], c.what).not.toBe(ORANGE);
    expect(c['border-top-width'], c.what).not.toBe('8px');
    expect(c['background-color'], c.what).not.toBe(BLUE);
    expect(c.color, c.what).not.toBe('rgb(255, 255, 255)');
  }
  // Not even inherited properties: the host's `* { font-family: … !important }` styles the
  // <snapshot-panel> element itself, yet the panel keeps its own font.
  expect(await hostStyle(page, '#panel', 'font-family')).toContain('Comic Sans');
  const fonts = await shadowStyles(page, '#panel', '*', ['font-family']);
  for (const f of fonts) expect(f['font-family'], f.what).not.toContain('Comic Sans');
  // Nor the host's text-transform, letter-spacing, white-space, italics… on the element itself:
  // the restore dialog's name to type reads as it must be typed, its warning wraps, and the
  // page does not scroll sideways.
  expect(await hostStyle(page, '#panel', 'text-transform')).toBe('uppercase');
  const texts = await shadowStyles(page, '#panel', 'p, td, td *, a', [
    'letter-spacing',
    'word-spacing',
    'font-style',
    'text-indent',
  ]);
  expect(texts.length).toBeGreaterThan(20);
  for (const t of texts) {
    expect(t['letter-spacing'], t.what).toBe('normal');
    expect(t['word-spacing'], t.what).toBe('0px');
    expect(t['font-style'], t.what).toBe('normal');
    expect(t['text-indent'], t.what).toBe('0px');
  }
  const server = panel.getByRole('region', { name: 'web-server-01' });
  await server.getByRole('button', { name: 'Restore pre-migration-snapshot' }).click();
  const dialog = panel.getByRole('dialog');
  await expect(dialog.getByText('Type web-server-01 to confirm')).toHaveCSS('text-transform', 'none');
  await expect(dialog.locator('#restore-loss')).toHaveCSS('white-space', 'normal');
  await dialog.getByLabel('Type web-server-01 to confirm').fill('web-server-01');
  await expect(dialog.getByRole('button', { name: 'Restore', exact: true })).toBeEnabled();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // The documented custom properties do cross: the accent and the radius set on #panel.
  for (const name of ['New snapshot…', 'New snapshot of web-server-01']) {
    const button = panel.getByRole('button', { name, exact: true });
    await expect(button).toHaveCSS('background-color', ACCENT);
    await expect(button).toHaveCSS('border-top-left-radius', '4px');
  }
  await expect(panel.getByRole('region', { name: 'web-server-01' }).getByRole('link', { name: 'web-server-01' })).not.toHaveCSS(
    'color',
    RED,
  );

  // The panel's styles stay in too: its stylesheet is adopted by its shadow root only, and the
  // host's h2 keeps the browser's margins and weight (the panel's own h2 rule sets margin 0, 650).
  expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBe(0);
  expect(await page.evaluate(() => Array.from(document.styleSheets, (s) => new URL(s.href ?? '').pathname))).toEqual([
    '/examples/host/host.css',
  ]);
  expect(await panel.evaluate((el) => el.shadowRoot?.adoptedStyleSheets.length)).toBe(1);
  expect(await hostStyle(page, '.host-header h2', 'margin-top')).not.toBe('0px');
  expect(await hostStyle(page, '.host-header h2', 'font-weight')).toBe('700');

  await expectNoCspViolations(page, '/examples/host/');
});

test('creating a snapshot and a restore in the embedded panel log snapshot-created, restore-started and restore-finished on the host page', async ({
  page,
}) => {
  await resetSimulator({ create_secs: 600, restore_secs: 3 });
  const panel = await openHostPage(page);
  await expect(page.locator('#host-events li')).toHaveCount(0);

  // A snapshot of staging-app.
  await panel.getByRole('button', { name: 'New snapshot of staging-app' }).click();
  const create = panel.getByRole('dialog', { name: 'New snapshot of staging-app' });
  await create.getByRole('textbox', { name: 'Name' }).fill('from-the-host-page');
  await create.getByRole('button', { name: 'Create snapshot' }).click();
  await expect(create).toBeHidden();
  await expect(page.locator('#host-events li')).toHaveCount(1);
  const created = (await apiRequests()).filter((r) => r.method === 'POST');
  expect(created.map((r) => `${r.path} ${r.status}`)).toEqual(['/api/v1/snapshots/ 201']);
  expect(await hostEvents(page)).toEqual([
    { name: 'snapshot-created', detail: { id: 802, name: 'from-the-host-page', serverId: 12347 } },
  ]);

  // A restore of web-server-01.
  const web = panel.getByRole('region', { name: 'web-server-01' });
  await web.getByRole('button', { name: 'Restore weekly-snapshot-2025-01-08' }).click();
  const restore = panel.getByRole('dialog', { name: 'Restore web-server-01 from weekly-snapshot-2025-01-08?' });
  // Straight away (the safety snapshot first has its own journey, safety-snapshot.spec.ts).
  await restore.getByRole('checkbox', { name: 'Take a snapshot of the current state first' }).uncheck();
  await restore.getByRole('textbox', { name: 'Type web-server-01 to confirm' }).fill('web-server-01');
  await restore.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(restore).toBeHidden();
  await expect(page.locator('#host-events li')).toHaveCount(2);
  expect((await hostEvents(page))[1]).toEqual({
    name: 'restore-started',
    detail: { snapshotId: 798, snapshotName: 'weekly-snapshot-2025-01-08', serverId: 12345 },
  });
  await expect(web.getByText('Restoring', { exact: true })).toBeVisible();

  // After the simulator's restore-secs, polling sees the server back and the host hears it.
  await expect(page.locator('#host-events li')).toHaveCount(3, { timeout: 25_000 });
  expect((await hostEvents(page))[2]).toEqual({
    name: 'restore-finished',
    detail: { serverId: 12345, serverName: 'web-server-01', status: 'active' },
  });
  await expect(web.getByText('Running', { exact: true })).toBeVisible();
  expect((await hostEvents(page)).map((e) => e.name)).toEqual(['snapshot-created', 'restore-started', 'restore-finished']);

  // Embedded, the panel never touched the host's address.
  expect(new URL(page.url()).pathname).toBe('/examples/host/');
  await expectNoCspViolations(page, '/examples/host/');
});

test('mount(element, options) and unmount(element) from the loader; unmount empties the panel and stops its requests', async ({
  page,
}) => {
  test.setTimeout(90_000);
  // analytics-hourly stays in progress, so a panel showing analytics-worker polls every 5 s.
  await resetSimulator({ create_secs: 600 });
  const element = await openHostPage(page);
  const polls = async () =>
    (await apiRequests()).filter(
      (r) => r.path === '/api/v1/snapshots/' && new URLSearchParams(r.query).get('server_id') === '12349',
    ).length;
  const total = async () => (await apiRequests()).length;
  /** Waits longer than the panel's 5 s polling interval. */
  const quietPeriod = () => page.waitForTimeout(7_000);

  // The example's <snapshot-panel> polls…
  const firstPolls = await polls();
  await expect.poll(polls, { timeout: 10_000 }).toBeGreaterThan(firstPolls);
  // …until it leaves the page: disconnecting the custom element unmounts it.
  const left = await element.evaluate((el) => {
    el.remove();
    return el.shadowRoot?.childNodes.length;
  });
  expect(left, 'what is left in its shadow root').toBe(0);
  await page.waitForTimeout(500);
  let count = await total();
  await quietPeriod();
  expect(await total(), 'requests after the element was removed').toBe(count);

  // mount() into an element of the host's own, with options: a server to open on.
  await exposeLoader(page);
  await page.evaluate(() => {
    const loader = window.__loader;
    const div = document.createElement('div');
    div.id = 'mounted';
    document.querySelector('.host-card')?.append(div);
    loader.mount(div, { apiBase: '/api/v1/', auth: 'proxy', serverId: 12349 });
  });
  const mounted = page.locator('#mounted');
  const worker = mounted.getByRole('region', { name: 'analytics-worker' });
  await expect(worker).toContainText('analytics-hourly');
  await expect(worker).toContainText('In progress');
  await expect(mounted.getByRole('region')).toHaveCount(1);
  expect(new URL(page.url()).pathname).toBe('/examples/host/');
  const mountedPolls = await polls();
  await expect.poll(polls, { timeout: 10_000 }).toBeGreaterThan(mountedPolls);

  // unmount(): the panel is gone, and so are its requests.
  const unmounted = await page.evaluate(() => {
    const loader = window.__loader;
    return loader.unmount(document.getElementById('mounted') as HTMLElement);
  });
  expect(unmounted).toBe(true);
  await expect(mounted.getByRole('region')).toHaveCount(0);
  expect(await mounted.evaluate((el) => el.shadowRoot?.childNodes.length)).toBe(0);
  await page.waitForTimeout(500);
  count = await total();
  await quietPeriod();
  expect(await total(), 'requests after unmount()').toBe(count);
  // A second unmount finds nothing to unmount.
  expect(
    await page.evaluate(() => {
      const loader = window.__loader;
      return loader.unmount(document.getElementById('mounted') as HTMLElement);
    }),
  ).toBe(false);

  // Mounted again into the same element, it starts afresh.
  await page.evaluate(() => {
    const loader = window.__loader;
    loader.mount(document.getElementById('mounted') as HTMLElement, { auth: 'proxy', serverId: 12345 });
  });
  await expect(mounted.getByRole('region', { name: 'web-server-01' })).toContainText('pre-migration-snapshot');
  await expectNoCspViolations(page, '/examples/host/');
});

test('settings on the element: data- attributes for mount(), plain attributes on <snapshot-panel>, options first', async ({
  page,
}) => {
  await resetSimulator({ create_secs: 600 });
  await openHostPage(page);
  await exposeLoader(page);
  await page.evaluate(() => {
    const loader = window.__loader;
    const card = document.querySelector('.host-card') as HTMLElement;
    const byData = document.createElement('div');
    byData.id = 'by-data';
    byData.dataset.auth = 'proxy';
    byData.dataset.serverId = '12351';
    const overridden = document.createElement('div');
    overridden.id = 'overridden';
    overridden.dataset.serverId = '12351';
    const element = document.createElement('snapshot-panel');
    element.id = 'by-attribute';
    element.setAttribute('auth', 'proxy');
    element.setAttribute('server-id', '12348');
    const invalid = document.createElement('snapshot-panel');
    invalid.id = 'invalid';
    invalid.setAttribute('server-id', 'web-server-01');
    card.append(byData, overridden, element, invalid);
    loader.mount(byData, {});
    loader.mount(overridden, { serverId: 12346 });
  });
  await expect(page.locator('#by-data').getByRole('region')).toHaveCount(1);
  await expect(page.locator('#by-data').getByRole('region', { name: 'edge-cache' })).toContainText('edge-baseline');
  await expect(page.locator('#overridden').getByRole('region')).toHaveCount(1);
  await expect(page.locator('#overridden').getByRole('region', { name: 'db-primary' })).toContainText('db-nightly-1');
  await expect(page.locator('#by-attribute').getByRole('region')).toHaveCount(1);
  await expect(page.locator('#by-attribute').getByRole('region', { name: 'build-runner' })).toContainText('runner-clean-image');
  // An invalid value is explained in that panel; the others are unaffected.
  const alert = page.locator('#invalid').getByRole('alert');
  await expect(alert.getByRole('heading', { name: 'Snapshot Panel is misconfigured' })).toBeVisible();
  await expect(alert).toContainText("The setting “server-id” is “web-server-01”, but it must be a server's number, such as 12345.");
  // An attribute of the element, fixed without a reload: the words say so.
  await expect(alert).toContainText('A new mount() or a changed attribute applies at once');
  await expect(page.locator('#panel').getByRole('region')).toHaveCount(7);
  await expectNoCspViolations(page, '/examples/host/');
});

test('a <snapshot-panel> follows its setting attributes as the host changes them; the same value again disturbs nothing', async ({
  page,
}) => {
  await resetSimulator({ create_secs: 600 });
  await openHostPage(page);
  await page.evaluate(() => {
    const element = document.createElement('snapshot-panel');
    element.id = 'follows';
    element.setAttribute('auth', 'proxy');
    element.setAttribute('server-id', '12346');
    document.querySelector('.host-card')?.append(element);
  });
  const panel = page.locator('#follows');
  await expect(panel.getByRole('region', { name: 'db-primary' })).toContainText('db-nightly-1');
  const set = (name: string, value: string) =>
    page.evaluate(([name, value]) => document.querySelector('#follows')?.setAttribute(name, value), [name, value]);

  // The host points it at another server, then switches its language.
  await set('server-id', '12348');
  await expect(panel.getByRole('region')).toHaveCount(1);
  await expect(panel.getByRole('region', { name: 'build-runner' })).toContainText('runner-clean-image');
  await set('data-locale', 'pt-BR');
  const create = panel.getByRole('button', { name: 'Novo snapshot de build-runner' });
  await expect(create).toBeVisible();

  // A host that renders the same value again (as a framework's re-render does) leaves the
  // panel as it is: the form being filled stays open with its text.
  await create.click();
  const dialog = panel.getByRole('dialog', { name: 'Novo snapshot de build-runner' });
  await dialog.getByRole('textbox', { name: 'Nome' }).fill('kept-as-typed');
  await set('server-id', '12348');
  await set('data-locale', 'pt-BR');
  await expect(dialog.getByRole('textbox', { name: 'Nome' })).toHaveValue('kept-as-typed');
  await expect(dialog).toBeVisible();
  // The example's own panel, whose attributes did not change, still shows every server.
  await expect(page.locator('#panel').getByRole('region')).toHaveCount(7);
  await expectNoCspViolations(page, '/examples/host/');
});

test('a token-mode panel in the host page: sign in inside the shadow root, sign out, and the host logs signed-out', async ({
  page,
}) => {
  await resetSimulator({ create_secs: 600 });
  await openHostPage(page);
  await page.evaluate(() => {
    const element = document.createElement('snapshot-panel');
    element.id = 'token-panel';
    element.setAttribute('auth', 'token');
    document.querySelector('.host-card')?.append(element);
  });
  const panel = page.locator('#token-panel');
  await expect(panel.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await panel.getByLabel('API token').fill('vps_demo_bob');
  await panel.getByRole('button', { name: 'Sign in' }).click();
  await expect(panel.getByText('Signed in as Bob Example')).toBeVisible();
  await expect(panel.getByRole('region', { name: 'bob-web' })).toContainText('bob-nightly');
  await expect(page.locator('#host-events li')).toHaveCount(0);

  await panel.getByRole('button', { name: 'Sign out' }).click();
  await expect(panel.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(panel.getByRole('region')).toHaveCount(0);
  expect(await hostEvents(page)).toEqual([{ name: 'signed-out', detail: {} }]);
  expect(JSON.stringify(await page.evaluate(() => ({ ...sessionStorage, ...localStorage })))).not.toContain('vps_');
  await expectNoCspViolations(page, '/examples/host/');
});

test('the host’s root font size does not reach in, a narrow column gets the narrow layout, and the panel’s own font size scales it all', async ({
  page,
}) => {
  await resetSimulator({ create_secs: 600 });
  await page.setViewportSize({ width: 1280, height: 800 });
  await openHostPage(page);
  const sizes = () =>
    page.evaluate(() => {
      const root = document.querySelector('#panel')!.shadowRoot!;
      const size = (selector: string) => getComputedStyle(root.querySelector(selector)!).fontSize;
      const head = root.querySelector('.sp-table thead th:nth-child(2)')!;
      return { title: size('.sp-header__title'), text: size('.sp-root'), columnHeads: getComputedStyle(head).display !== 'none' };
    });
  expect(await sizes()).toEqual({ title: '24px', text: '15px', columnHeads: true });

  // Many control panels set html { font-size: 62.5% } so that 1rem is 10px.
  await page.evaluate(() => (document.documentElement.style.fontSize = '62.5%'));
  expect(await sizes()).toEqual({ title: '24px', text: '15px', columnHeads: true });

  // In a 420px sidebar of a wide window, rows are cards, as on a phone.
  await page.evaluate(() => ((document.querySelector('#panel') as HTMLElement).style.width = '420px'));
  expect(await sizes()).toEqual({ title: '24px', text: '15px', columnHeads: false });
  const overflow = await page.evaluate(() => {
    const root = document.querySelector('#panel')!.shadowRoot!.querySelector('.sp-root') as HTMLElement;
    return root.scrollWidth - root.clientWidth;
  });
  expect(overflow, 'nothing wider than the column').toBe(0);

  // The documented theming property sizes headings with the text.
  await page.evaluate(() => (document.querySelector('#panel') as HTMLElement).style.setProperty('--snapshot-panel-font-size', '20px'));
  expect(await sizes()).toEqual({ title: '32px', text: '20px', columnHeads: false });
});

test('a token given to <snapshot-panel> before the loader has run is the one used', async ({ page }) => {
  await resetSimulator({ create_secs: 600 });
  // A host page whose own script hands the token over as soon as the element exists.
  await page.route('**/examples/early-token.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Early token</title></head>
<body><snapshot-panel id="panel" auth="host"></snapshot-panel>
<script type="module">document.getElementById('panel').token = 'vps_demo_bob';</script>
<script type="module" src="/snapshot-panel.js"></script></body></html>`,
    }),
  );
  await page.goto('/examples/early-token.html');
  const panel = page.locator('#panel');
  await expect(panel.getByText('Signed in as Bob Example')).toBeVisible();
  await expect(panel.getByRole('region', { name: 'bob-web' })).toBeVisible();
  // The token is not left readable on the element.
  expect(await page.evaluate(() => (document.getElementById('panel') as unknown as { token?: string }).token)).toBeUndefined();
});

test('an embedded panel leaves the host page’s title and address alone as it moves between views', async ({ page }) => {
  await resetSimulator({ create_secs: 600 });
  const panel = await openHostPage(page);
  const address = page.url();
  // Its links lead to this page (a new tab opens the host page, not a path of the host's site).
  await expect(panel.getByRole('link', { name: 'web-server-01', exact: true })).toHaveAttribute('href', address);
  await panel.getByRole('link', { name: 'web-server-01', exact: true }).click();
  await expect(panel.getByRole('region')).toHaveCount(1);
  await expect(page).toHaveTitle('Acme Hosting · Control panel');
  expect(page.url()).toBe(address);
  await expect(panel.getByRole('link', { name: '← All servers' })).toHaveAttribute('href', address);
});

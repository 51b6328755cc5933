// Issue 13, accessibility proven by the project's own tests, against the release build:
// - axe-core (WCAG 2.2 AA tags) over every state a person meets, in the light and the dark
//   color scheme, each state named when it fails;
// - every flow from a fresh load with the keyboard alone, asserting where focus is after each
//   step;
// - what a screen reader hears: each start and end of a create, restore and delete once in the
//   polite live region, each error once in an alert;
// - reflow at 320 CSS pixels, a phone's viewport with touch-sized targets, reduced motion;
// - the default `auto` mode's sign-in when the proxy injects no token.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { test, expect, resetSimulator, setFaults, clearFaults, apiRequests, setTabHidden, patchServer, SIM_URL } from './support';

/** WCAG 2.0, 2.1 and 2.2, levels A and AA. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** Fails, naming `state`, with every axe violation on the page as it is now. */
async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
  );
  expect(found, `axe violations in the state "${state}"`).toEqual([]);
}

/**
 * Stands in for a proxy that injects no token: /api/ requests go straight to the simulator,
 * which runs without a default token, with only what the browser sent.
 */
async function proxyWithoutToken(page: Page): Promise<void> {
  await page.route('**/api/v1/**', async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({ url: `${SIM_URL}${url.pathname}${url.search}` });
    await route.fulfill({ response });
  });
}

async function openPanel(page: Page, path = '/') {
  await page.goto(path);
  await expect(page.getByRole('region').first()).toBeVisible({ timeout: 20_000 });
}

/**
 * Whether the keyboard focus is on `target` (or, `within`, anywhere inside it), looking
 * through shadow roots.
 */
async function hasFocus(target: Locator, within = false): Promise<boolean> {
  return target.evaluate((el, within) => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return within ? el.contains(active) : active === el;
  }, within);
}

/** Presses Tab until `target` has the focus (at most `limit` times); fails if it never does. */
async function tabTo(page: Page, target: Locator, what: string, limit = 80): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if (await hasFocus(target)) return;
    await page.keyboard.press('Tab');
  }
  expect(await hasFocus(target), `Tab reaches ${what}`).toBe(true);
}

/** Records every text the panel's polite live region holds, in order, from now on. */
async function recordAnnouncements(page: Page): Promise<void> {
  await page.evaluate(() => {
    const find = (root: Document | ShadowRoot): Element | null => {
      const here = root.querySelector('[role="status"][aria-live="polite"]');
      if (here) return here;
      for (const el of Array.from(root.querySelectorAll('*'))) {
        const inner = el.shadowRoot && find(el.shadowRoot);
        if (inner) return inner;
      }
      return null;
    };
    const region = find(document);
    if (!region) throw new Error('no live region in the page');
    const heard: string[] = [];
    (window as unknown as { __heard: string[] }).__heard = heard;
    new MutationObserver(() => {
      const text = region.textContent?.trim() ?? '';
      if (text) heard.push(text);
    }).observe(region, { childList: true, characterData: true, subtree: true });
  });
}

async function announcements(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __heard: string[] }).__heard);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`axe, WCAG 2.2 AA, ${colorScheme} scheme`, () => {
    // Signing in with a wrong token is refused with a 401, which the browser logs.
    test.use({ colorScheme, allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 401/] });

    test('sign-in: the screen and a refused token', async ({ page }) => {
      await resetSimulator();
      await proxyWithoutToken(page);
      await page.goto('/');
      await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
      await expectNoAxeViolations(page, `sign-in screen (${colorScheme})`);
      await page.getByLabel('API token').fill('vps_not_a_real_token');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert')).toHaveText('That token was not accepted. Check it and try again.');
      await expectNoAxeViolations(page, `sign-in error (${colorScheme})`);
    });

    test('the list, its servers and every dialog', async ({ page }) => {
      test.setTimeout(90_000);
      await resetSimulator({ create_secs: 600, restore_secs: 600 });
      await openPanel(page);
      await expect(page.getByRole('region', { name: 'legacy-mail' })).toContainText('Restoring');
      await expectNoAxeViolations(page, `full list (${colorScheme})`);

      await page.getByRole('link', { name: 'staging-app' }).click();
      await expect(page.getByText('staging-app has no snapshots yet.')).toBeVisible();
      await expectNoAxeViolations(page, `empty server (${colorScheme})`);

      await page.getByRole('link', { name: '← All servers' }).click();
      await page.getByRole('link', { name: 'analytics-worker' }).click();
      await expect(page.getByRole('region', { name: 'analytics-worker' })).toContainText('In progress');
      await expectNoAxeViolations(page, `a snapshot in progress (${colorScheme})`);

      await page.getByRole('link', { name: '← All servers' }).click();
      await page.getByRole('link', { name: 'legacy-mail' }).click();
      await expect(page.getByRole('region', { name: 'legacy-mail' })).toContainText('Restoring');
      await expectNoAxeViolations(page, `a server restoring (${colorScheme})`);
      await page.getByRole('link', { name: '← All servers' }).click();

      await page.getByRole('button', { name: 'New snapshot…' }).click();
      const create = page.getByRole('dialog', { name: 'New snapshot' });
      // The server is chosen first: focus is on it.
      await expect(create.getByRole('combobox', { name: 'Server' })).toBeFocused();
      await expectNoAxeViolations(page, `create form (${colorScheme})`);
      await create.getByRole('textbox', { name: 'Name' }).fill('not valid');
      await expect(create).toContainText("Spaces aren't allowed; use - or _");
      await expectNoAxeViolations(page, `create form, validation error (${colorScheme})`);
      await create.getByRole('combobox', { name: 'Server' }).selectOption({ label: 'db-primary (5 of 5)' });
      await expect(create.getByRole('alert')).toContainText('the most it can have');
      await expectNoAxeViolations(page, `create form at the limit (${colorScheme})`);
      await create.getByRole('button', { name: 'Cancel' }).click();

      await page.getByRole('button', { name: 'Restore pre-migration-snapshot' }).click();
      const restore = page.getByRole('dialog', { name: 'Restore web-server-01 from pre-migration-snapshot?' });
      await restore.getByRole('textbox', { name: 'Type web-server-01 to confirm' }).fill('web-server');
      await expectNoAxeViolations(page, `restore dialog (${colorScheme})`);
      await restore.getByRole('button', { name: 'Cancel' }).click();

      await page.getByRole('button', { name: 'Delete db-nightly-3' }).click();
      await expect(page.getByRole('dialog', { name: 'Delete db-nightly-3?' })).toBeVisible();
      await expectNoAxeViolations(page, `delete dialog (${colorScheme})`);
    });

    test.describe('with the API unreachable', () => {
      test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 502/] });

      test('the error screen', async ({ page }) => {
        await resetSimulator();
        await setFaults({ kinds: ['html502'], path_prefix: '/api/v1/account/' });
        await page.goto('/');
        await expect(page.getByRole('alert').filter({ hasText: "The API couldn't be reached" })).toBeVisible({
          timeout: 30_000,
        });
        await expectNoAxeViolations(page, `error screen, API unreachable (${colorScheme})`);
        await clearFaults();
      });
    });

    test('the panel embedded in the example host page', async ({ page }) => {
      await resetSimulator({ create_secs: 600 });
      await page.goto('/examples/host/');
      const panel = page.locator('snapshot-panel#panel');
      await expect(panel.getByRole('region', { name: 'web-server-01' })).toBeVisible();
      await expectNoAxeViolations(page, `embedded in the example host page (${colorScheme})`);
      await panel.getByRole('button', { name: 'Restore pre-migration-snapshot' }).click();
      await expect(panel.getByRole('dialog')).toBeVisible();
      await expectNoAxeViolations(page, `embedded, restore dialog (${colorScheme})`);
    });
  });
}

test.describe('the keyboard alone, from a fresh load', () => {
  test.describe('sign-in', () => {
    test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 401/] });

    test('sign in: a wrong token keeps what was typed, the right one opens the list and takes focus', async ({
      page,
    }) => {
      await resetSimulator();
      await proxyWithoutToken(page);
      await page.goto('/');
      const token = page.getByLabel('API token');
      await expect(token).toBeFocused();
      await page.keyboard.type('vps_demo_alicf');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('alert')).toHaveText('That token was not accepted. Check it and try again.');
      await expect(token).toHaveValue('vps_demo_alicf');
      await expect(token).toBeFocused();
      // The field itself says it was refused, and why, to whoever lands on it.
      await expect(token).toHaveAttribute('aria-invalid', 'true');
      await expect(token).toHaveAccessibleDescription(/That token was not accepted\. Check it and try again\./);
      await page.keyboard.press('Backspace');
      await page.keyboard.type('e');
      await page.keyboard.press('Enter');
      const title = page.getByRole('heading', { level: 2, name: 'All servers' });
      await expect(title).toBeFocused();
      await expect(page.getByRole('region', { name: 'web-server-01' })).toBeVisible();

      // Signing out from the keyboard: the button pressed goes, the focus goes to the token.
      await tabTo(page, page.getByRole('button', { name: 'Sign out' }), 'Sign out');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
      await expect(token).toBeFocused();
      await expect(token).toHaveValue('');
    });
  });

  test('filter, then a deep link and back to all servers', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    await openPanel(page);
    const filter = page.getByRole('searchbox', { name: 'Filter servers and snapshots' });
    await tabTo(page, filter, 'the filter');
    await page.keyboard.type('nightly');
    await expect(page.getByRole('region')).toHaveCount(1);
    await expect(filter).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await expect(page.getByRole('region').filter({ hasText: 'web-server-01' })).toHaveCount(1);

    const link = page.getByRole('link', { name: 'web-server-01', exact: true });
    await tabTo(page, link, 'the web-server-01 link');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/servers\/12345$/);
    await expect(page.getByRole('heading', { level: 2, name: 'web-server-01' }).first()).toBeVisible();
    await expect(page.locator('.sp-page__title')).toBeFocused();

    const back = page.getByRole('link', { name: '← All servers' });
    await tabTo(page, back, '← All servers');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/$/);
    // Back on the server they had opened, as the browser's Back would put them.
    await expect(page.getByRole('region', { name: 'web-server-01' }).getByRole('link', { name: 'web-server-01', exact: true })).toBeFocused();
  });

  test('create: focus lands in Name, Enter submits, focus returns to the opener', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    await openPanel(page);
    const opener = page.getByRole('button', { name: 'New snapshot of staging-app' });
    await tabTo(page, opener, 'New snapshot of staging-app');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New snapshot of staging-app' });
    const name = dialog.getByRole('textbox', { name: 'Name' });
    await expect(name).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('keyboard-only');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
    await expect(page.getByRole('region', { name: 'staging-app' }).getByRole('rowheader', { name: 'keyboard-only' })).toBeVisible();
  });

  test('restore: focus stays in the dialog, Escape sends nothing and gives focus back', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    await openPanel(page);
    const opener = page.getByRole('button', { name: 'Restore pre-migration-snapshot' });
    await tabTo(page, opener, 'Restore pre-migration-snapshot');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Restore web-server-01 from pre-migration-snapshot?' });
    await expect(dialog.getByRole('textbox', { name: 'Type web-server-01 to confirm' })).toBeFocused();
    // Tab and Shift+Tab go round the dialog's own controls, never out to the page behind it.
    for (let presses = 0; presses < 6; presses++) {
      await page.keyboard.press(presses % 2 ? 'Shift+Tab' : 'Tab');
      await page.keyboard.press('Tab');
      expect(await hasFocus(dialog, true), `focus is inside the dialog after ${presses + 1} round(s)`).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
    expect((await apiRequests()).filter((r) => r.method === 'POST')).toEqual([]);
  });

  test('delete: confirmed from the keyboard, focus goes to the server the row was in', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    await openPanel(page);
    const opener = page.getByRole('button', { name: 'Delete db-nightly-3' });
    await tabTo(page, opener, 'Delete db-nightly-3');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Delete db-nightly-3?' });
    // Cancel has the focus first: Enter alone never deletes.
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await tabTo(page, dialog.getByRole('button', { name: 'Delete snapshot' }), 'Delete snapshot', 4);
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    const group = page.getByRole('region', { name: 'db-primary' });
    await expect(group.getByRole('rowheader', { name: 'db-nightly-3' })).toHaveCount(0);
    await expect(group).toBeFocused();
    // From there, Tab goes on inside the same server.
    await page.keyboard.press('Tab');
    expect(await hasFocus(group, true), 'Tab from the server goes to its own controls').toBe(true);
  });

  test('dismiss a notice: focus goes to the next one, then to the title', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    await openPanel(page);
    for (const name of ['db-nightly-3', 'db-nightly-4']) {
      await page.getByRole('button', { name: `Delete ${name}` }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete snapshot' }).click();
      await expect(page.getByRole('dialog')).toHaveCount(0);
    }
    const notices = page.getByRole('list', { name: 'Notices' });
    const first = notices.getByRole('button', { name: 'Dismiss: Snapshot db-nightly-3 was deleted.' });
    const second = notices.getByRole('button', { name: 'Dismiss: Snapshot db-nightly-4 was deleted.' });
    await first.focus();
    await page.keyboard.press('Enter');
    await expect(first).toHaveCount(0);
    await expect(second).toBeFocused();
    await page.keyboard.press('Space');
    await expect(second).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 2, name: 'All servers' })).toBeFocused();
  });
});

test.describe('what a screen reader hears', () => {
  test('the headings outline the page: the panel, the view, then each server', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    await openPanel(page);
    await expect(page.getByRole('region', { name: 'web-server-01' })).toBeVisible();
    const outline = () =>
      // Playwright's CSS locators look inside the panel's shadow root.
      page
        .locator('h1, h2, h3, h4, h5, h6')
        .evaluateAll((headings) => headings.map((h) => `${h.tagName} ${h.textContent?.trim()}`));
    const servers = await page.getByRole('region').count();
    const all = await outline();
    expect(all.slice(0, 2)).toEqual(['H1 Snapshots', 'H2 All servers']);
    expect(all.slice(2)).toHaveLength(servers);
    expect(all.slice(2).every((h) => h.startsWith('H3 ')), JSON.stringify(all)).toBe(true);
    expect(all).toContain('H3 web-server-01');

    await page.getByRole('link', { name: 'web-server-01', exact: true }).click();
    await expect(page).toHaveURL(/\/servers\/12345$/);
    await expect.poll(outline).toEqual(['H1 Snapshots', 'H2 web-server-01', 'H3 web-server-01']);
  });

  test('the filter’s result, once typing pauses', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    await openPanel(page);
    await recordAnnouncements(page);
    const filter = page.getByRole('searchbox', { name: 'Filter servers and snapshots' });
    await filter.pressSequentially('nightly', { delay: 50 });
    const result = page.locator('[aria-live="polite"]:not([role])');
    await expect(result).toHaveText('5 snapshots match, on 1 server.');
    await filter.fill('zzz');
    await expect(result).toHaveText('No server or snapshot matches “zzz”.');
    // A server found by its own name, which has no snapshots yet.
    await filter.fill('staging-app');
    await expect(result).toHaveText('1 server matches; it has no snapshots.');
    await filter.fill('');
    await expect(page.getByRole('region', { name: 'web-server-01' })).toBeVisible();
    await expect(result).toHaveText('');
    // The notices' region, the panel's one for news, is not used for it.
    expect(await announcements(page)).toEqual([]);
  });

  test('news that comes while a dialog is open is heard from inside the dialog', async ({ page }) => {
    // A screen reader ignores everything outside an open modal dialog, the page's live region
    // included: the dialog says it itself.
    await resetSimulator({ create_secs: 8 });
    await openPanel(page);
    const running = page.getByRole('region', { name: 'analytics-worker' }).getByRole('row').filter({ hasText: 'In progress' });
    await expect(running).toHaveCount(1);
    const name = (await running.getByRole('rowheader').textContent())!.trim();
    await page.getByRole('button', { name: 'New snapshot of web-server-01' }).click();
    const dialog = page.getByRole('dialog', { name: 'New snapshot of web-server-01' });
    const said = dialog.locator('.sp-dialog__live');
    await expect(said).toHaveText('');
    await expect(said).toHaveText(`Snapshot ${name} of analytics-worker is ready.`, { timeout: 20_000 });
    // The dialog, and what was typed in it, stay as they were.
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  test('two jobs found finished by one read are both heard', async ({ page }) => {
    test.setTimeout(60_000);
    await resetSimulator({ create_secs: 5 });
    await openPanel(page);
    for (const [server, name] of [
      ['web-server-01', 'heard-first'],
      ['staging-app', 'heard-second'],
    ]) {
      await page.getByRole('button', { name: `New snapshot of ${server}` }).click();
      await page.getByRole('dialog').getByRole('textbox', { name: 'Name' }).fill(name);
      await page.getByRole('dialog').getByRole('button', { name: 'Create snapshot' }).click();
      await expect(page.getByRole('dialog')).toBeHidden();
    }
    // In the background nothing is checked; both finish meanwhile, and one Refresh reads both.
    await setTabHidden(page, true);
    await page.waitForTimeout(6_000);
    await recordAnnouncements(page);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByRole('list', { name: 'Notices' })).toContainText('Snapshot heard-second of staging-app is ready.');
    await expect(page.getByRole('list', { name: 'Notices' })).toContainText('Snapshot heard-first of web-server-01 is ready.');
    const heard = (await announcements(page)).join(' | ');
    expect(heard).toContain('Snapshot heard-first of web-server-01 is ready.');
    expect(heard).toContain('Snapshot heard-second of staging-app is ready.');
  });

  test('each start and end of a create, restore and delete, once each, in the live region', async ({ page }) => {
    test.setTimeout(90_000);
    await resetSimulator({ create_secs: 3, restore_secs: 3 });
    await openPanel(page);
    await recordAnnouncements(page);

    await page.getByRole('button', { name: 'New snapshot of staging-app' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Name' }).fill('heard-once');
    await page.getByRole('dialog').getByRole('button', { name: 'Create snapshot' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Snapshot heard-once of staging-app is ready.' })).toHaveCount(1, {
      timeout: 20_000,
    });

    await page.getByRole('button', { name: 'Restore pre-migration-snapshot' }).click();
    await page.getByRole('dialog').getByRole('checkbox', { name: 'Take a snapshot of the current state first' }).uncheck();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Type web-server-01 to confirm' }).fill('web-server-01');
    await page.getByRole('dialog').getByRole('button', { name: 'Restore', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'web-server-01 has been restored and is running.' })).toHaveCount(1, {
      timeout: 20_000,
    });

    await page.getByRole('button', { name: 'Delete db-nightly-2' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete snapshot' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Snapshot db-nightly-2 was deleted.' })).toHaveCount(1);

    const heard = await announcements(page);
    const once = (pattern: RegExp, what: string) =>
      expect(heard.filter((text) => pattern.test(text)), `${what} is announced once (heard: ${JSON.stringify(heard)})`).toHaveLength(1);
    once(/^heard-once: /, 'the create starting');
    once(/^Snapshot heard-once of staging-app is ready\.$/, 'the create finishing');
    once(/^web-server-01: /, 'the restore starting');
    once(/^web-server-01 has been restored and is running\.$/, 'the restore finishing');
    once(/^Snapshot db-nightly-2 was deleted\.$/, 'the delete');
    const order = ['heard-once: ', 'Snapshot heard-once', 'web-server-01: ', 'web-server-01 has been', 'Snapshot db-nightly-2'];
    const positions = order.map((start) => heard.findIndex((text) => text.startsWith(start)));
    expect(positions, `announced in the order they happened (heard: ${JSON.stringify(heard)})`).toEqual(
      [...positions].sort((a, b) => a - b),
    );
  });

  test.describe('errors', () => {
    test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of (400|500)/] });

    /** The live regions (polite or alerts) that hold `text` now. */
    function liveRegionsSaying(page: Page, text: string): Locator {
      return page.locator('[aria-live], [role="alert"]').filter({ hasText: text });
    }

    test('each error is in one live region, once, and never repeated in the polite one', async ({ page }) => {
      await resetSimulator({ create_secs: 600 });
      await openPanel(page);
      await recordAnnouncements(page);

      // A name the server already has: the API's words, under the name field.
      await page.getByRole('button', { name: 'New snapshot of web-server-01' }).click();
      const create = page.getByRole('dialog');
      await create.getByRole('textbox', { name: 'Name' }).fill('pre-migration-snapshot');
      await create.getByRole('button', { name: 'Create snapshot' }).click();
      const duplicate = 'A snapshot with this name already exists on this server.';
      await expect(liveRegionsSaying(page, duplicate)).toHaveCount(1);
      await create.getByRole('button', { name: 'Cancel' }).click();

      // A restore the API refuses: an alert at the top of the dialog.
      await setFaults({ kinds: ['500'], method: 'POST', count: 1 });
      await page.getByRole('button', { name: 'Restore pre-migration-snapshot' }).click();
      const restore = page.getByRole('dialog');
      await restore.getByRole('checkbox', { name: 'Take a snapshot of the current state first' }).uncheck();
      await restore.getByRole('textbox', { name: 'Type web-server-01 to confirm' }).fill('web-server-01');
      await restore.getByRole('button', { name: 'Restore', exact: true }).click();
      const alert = restore.getByRole('alert');
      await expect(alert).toHaveCount(1);
      const said = (await alert.textContent())?.trim() ?? '';
      expect(said.length, 'the alert says something').toBeGreaterThan(10);
      await expect(liveRegionsSaying(page, said)).toHaveCount(1);

      expect(await announcements(page), 'the polite region repeats no error').toEqual([]);
    });
  });
});

test('a tooltip stays while the pointer moves onto it, and Escape hides it (WCAG 1.4.13); in forced colours it has a border', async ({
  page,
}) => {
  await resetSimulator({ create_secs: 600 });
  await openPanel(page);
  const group = page.getByRole('region', { name: 'db-primary' });
  const button = group.getByRole('button', { name: 'New snapshot of db-primary' });
  const tip = group.getByRole('tooltip');
  await button.hover();
  await expect(tip).toBeVisible();
  // Onto the tooltip, from the button's bottom edge: it stays, to be read.
  const box = (await button.boundingBox())!;
  await page.mouse.move(box.x + 4, box.y + box.height - 1);
  const tipBox = (await tip.boundingBox())!;
  await page.mouse.move(tipBox.x + 8, tipBox.y + tipBox.height / 2, { steps: 8 });
  await expect(tip).toBeVisible();

  // From the keyboard: Escape hides it without moving the focus, until the focus moves.
  await page.mouse.move(5, 5);
  await button.focus();
  await expect(tip).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
  await expect(button).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(button).toBeFocused();
  await expect(tip).toBeVisible();

  await page.emulateMedia({ forcedColors: 'active' });
  await expect(tip).toHaveCSS('border-bottom-style', 'solid');
});

test('a last row’s tooltip is drawn whole, over the next server’s section', async ({ page }) => {
  await resetSimulator({ create_secs: 600 });
  await openPanel(page);
  // legacy-mail's one snapshot cannot be restored (the server is suspended), and edge-cache's
  // section follows.
  const group = page.getByRole('region', { name: 'legacy-mail' });
  const button = group.getByRole('button', { name: 'Restore mail-pre-cutover' });
  await button.focus();
  const tip = group.getByRole('tooltip');
  await expect(tip).toBeVisible();
  const tipBox = (await tip.boundingBox())!;
  const groupBox = (await group.boundingBox())!;
  expect(tipBox.y + tipBox.height, 'the tooltip reaches past its section').toBeGreaterThan(groupBox.y + groupBox.height);
  // What the person sees at the tooltip's lower corners is the tooltip, not a clipped edge or
  // the next section drawn over it.
  for (const [x, y] of [
    [tipBox.x + 6, tipBox.y + tipBox.height - 3],
    [tipBox.x + tipBox.width - 6, tipBox.y + tipBox.height - 3],
  ]) {
    const hit = await tip.evaluate((el, [x, y]) => (el.getRootNode() as ShadowRoot).elementFromPoint(x, y) === el, [x, y]);
    expect(hit, `the tooltip at (${x}, ${y})`).toBe(true);
  }
});

test.describe('a narrow screen, 320 CSS pixels (WCAG 1.4.10)', () => {
  test.use({ viewport: { width: 320, height: 720 } });

  /** How far the page scrolls sideways. */
  async function sidewaysScroll(page: Page): Promise<number> {
    return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  }

  test('no sideways scroll, and every action is on screen', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    await openPanel(page);
    expect(await sidewaysScroll(page), 'the list scrolls sideways by').toBe(0);
    const actions = page.locator('button:visible, a:visible, input:visible, select:visible');
    const outside = await actions.evaluateAll((elements) =>
      elements
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 1 && (box.left < 0 || box.right > window.innerWidth))
        .map(({ el, box }) => `${el.getAttribute('aria-label') ?? el.textContent?.trim()} (${box.left}..${box.right})`),
    );
    expect(outside, 'controls not wholly on screen').toEqual([]);
    expect(await actions.count()).toBeGreaterThan(30);

    for (const [open, name] of [
      ['New snapshot…', 'New snapshot'],
      ['Restore pre-migration-snapshot', 'Restore web-server-01 from pre-migration-snapshot?'],
      ['Delete db-nightly-3', 'Delete db-nightly-3?'],
    ]) {
      await page.getByRole('button', { name: open }).click();
      const dialog = page.getByRole('dialog', { name });
      await expect(dialog).toBeVisible();
      const box = await dialog.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 320, `the ${name} dialog fits`).toBe(true);
      expect(await sidewaysScroll(page), `with ${name} open the page scrolls sideways by`).toBe(0);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toBeHidden();
    }
  });

  test('a server name without hyphens and a snapshot in progress still fit', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    const long = 'analytics_worker_production_eu_west_1';
    await patchServer(12345, { name: long });
    await openPanel(page);
    expect(await sidewaysScroll(page), 'the list scrolls sideways by').toBe(0);
    await page.getByRole('button', { name: 'Restore pre-migration-snapshot' }).click();
    const dialog = page.getByRole('dialog', { name: `Restore ${long} from pre-migration-snapshot?` });
    await expect(dialog).toBeVisible();
    // The name to type is on screen, whole.
    const label = dialog.getByText(`Type ${long} to confirm`);
    await expect(label).toBeVisible();
    expect(await dialog.evaluate((el) => el.scrollWidth - el.clientWidth), 'the dialog scrolls sideways by').toBe(0);
    const labelBox = (await label.boundingBox())!;
    expect(labelBox.x + labelBox.width).toBeLessThanOrEqual(320);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // A row in progress: its name keeps half the card beside the elapsed time.
    const row = page.getByRole('region', { name: 'analytics-worker' }).getByRole('row').filter({ hasText: 'In progress' });
    const widths = await row.evaluate((tr) => ({
      card: tr.getBoundingClientRect().width,
      name: tr.querySelector('th')!.getBoundingClientRect().width,
    }));
    expect(widths.name).toBeGreaterThanOrEqual(widths.card / 2 - 1);
  });

  test.describe('signed out', () => {
    // Without a token the API answers 401, which the browser logs.
    test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 401/] });

  test('the sign-in screen fits, its box beside its words', async ({ page }) => {
    await resetSimulator();
    await proxyWithoutToken(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    expect(await sidewaysScroll(page), 'the sign-in screen scrolls sideways by').toBe(0);
    const box = await page.getByRole('checkbox', { name: 'Remember in this tab' }).boundingBox();
    const words = await page.getByText('Remember in this tab', { exact: true }).boundingBox();
    expect(box && words, 'the box and its words are drawn').toBeTruthy();
    if (box && words) {
      expect(box.width, 'the box is a box, not a bar').toBeLessThanOrEqual(24);
      expect(words.x, 'its words follow it on the same line').toBeGreaterThan(box.x + box.width);
      expect(words.x + words.width, 'its words end on screen').toBeLessThanOrEqual(320);
    }
  });
  });
});

// Between a phone and a wide desktop (a phone held sideways, a laptop zoomed in, a host page's
// column): every row's cells stay apart and readable, in both languages.
for (const locale of ['en', 'pt-BR']) {
  test.describe(`rows at in-between widths, ${locale}`, () => {
    test.use({ locale });

    for (const width of [740, 800, 960, 1100, 1280]) {
      test(`${width} CSS pixels: no cell spills into another, and descriptions are lines, not columns of letters`, async ({
        page,
      }) => {
        await page.setViewportSize({ width, height: 900 });
        await resetSimulator({ create_secs: 600 });
        await openPanel(page);
        await expect(page.getByRole('row', { name: /edge-baseline/ })).toBeVisible();
        const problems = await page.getByRole('row').evaluateAll((rows) =>
          rows.flatMap((row) => {
            const cells = Array.from(row.children).filter((cell) => cell.getBoundingClientRect().width > 0);
            const name = cells.map((cell) => cell.textContent?.trim()).find((text) => text) ?? '';
            const found: string[] = [];
            for (const cell of cells) {
              const box = cell.getBoundingClientRect();
              // What is drawn in it: its words (not those only a screen reader gets) and its
              // controls. A line that cannot wrap spills out of the cell's box.
              const drawn: DOMRect[] = [];
              const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                if (!node.textContent?.trim() || node.parentElement?.closest('.sp-vh')) continue;
                const range = document.createRange();
                range.selectNodeContents(node);
                drawn.push(...Array.from(range.getClientRects()));
              }
              for (const control of Array.from(cell.querySelectorAll('button, input, .sp-badge'))) {
                drawn.push(control.getBoundingClientRect());
              }
              const words = cell.textContent?.trim();
              if (drawn.some((rect) => rect.width > 0 && (rect.left < box.left - 1 || rect.right > box.right + 1))) {
                found.push(`${name}: “${words}” spills out of its cell`);
              }
              if (cell.classList.contains('sp-row__description') && drawn.length > 1 && box.width < 150) {
                found.push(`${name}: its description is ${Math.round(box.width)} px wide`);
              }
            }
            for (let i = 1; i < cells.length; i++) {
              const a = cells[i - 1].getBoundingClientRect();
              const b = cells[i].getBoundingClientRect();
              const sameLine = a.top < b.bottom - 1 && b.top < a.bottom - 1;
              if (sameLine && a.right > b.left + 1 && b.right > a.left + 1) found.push(`${name}: two cells overlap`);
            }
            return found;
          }),
        );
        expect(problems).toEqual([]);
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
          'the page scrolls sideways by',
        ).toBe(0);
      });
    }
  });
}

test.describe('a phone, 390×844 with touch', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  /** Controls smaller than a finger: buttons, disclosures and fields under 44 px; links, boxes
   * and other focusable text (a time with its tooltip) under 24 px. */
  async function smallTargets(page: Page): Promise<string[]> {
    const controls = 'button:visible, a:visible, input:visible, select:visible, textarea:visible, summary:visible, [tabindex="0"]:visible';
    return page.locator(controls).evaluateAll((elements) =>
      elements
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ el, box }) => {
          const small = el.tagName === 'A' || el.tagName === 'TIME' || (el as HTMLInputElement).type === 'checkbox' ? 24 : 44;
          return box.width > 1 && (box.width < small || box.height < small);
        })
        .map(({ el, box }) => `${el.tagName} ${el.getAttribute('aria-label') ?? el.textContent?.trim()} ${box.width}×${box.height}`),
    );
  }

  test('the main flows work with a finger, and every target is touch-sized', async ({ page }) => {
    await resetSimulator({ create_secs: 3, restore_secs: 3 });
    await openPanel(page);
    expect(await smallTargets(page), 'targets too small on the list').toEqual([]);

    await page.getByRole('button', { name: 'New snapshot of staging-app' }).tap();
    const create = page.getByRole('dialog', { name: 'New snapshot of staging-app' });
    expect(await smallTargets(page), 'targets too small in the create dialog').toEqual([]);
    await create.getByRole('textbox', { name: 'Name' }).fill('from-a-phone');
    await create.getByRole('button', { name: 'Create snapshot' }).tap();
    await expect(create).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Snapshot from-a-phone of staging-app is ready.' })).toHaveCount(1, {
      timeout: 20_000,
    });

    await page.getByRole('button', { name: 'Restore pre-migration-snapshot' }).tap();
    const restore = page.getByRole('dialog');
    expect(await smallTargets(page), 'targets too small in the restore dialog').toEqual([]);
    await restore.getByRole('checkbox', { name: 'Take a snapshot of the current state first' }).tap();
    await expect(restore.getByRole('checkbox', { name: 'Take a snapshot of the current state first' })).not.toBeChecked();
    await restore.getByRole('textbox', { name: 'Type web-server-01 to confirm' }).fill('web-server-01');
    await restore.getByRole('button', { name: 'Restore', exact: true }).tap();
    await expect(page.getByRole('region', { name: 'web-server-01' }).getByText('Restoring', { exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'Delete db-nightly-3' }).tap();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete snapshot' }).tap();
    await expect(page.getByRole('region', { name: 'db-primary' }).getByRole('rowheader', { name: 'db-nightly-3' })).toHaveCount(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  });

  test('a server’s box is there on a phone too, with its words beside it, and selects all its snapshots', async ({ page }) => {
    await resetSimulator();
    await openPanel(page);
    const group = page.getByRole('region', { name: 'web-server-01' });
    const all = group.getByRole('checkbox', { name: 'Select all snapshots of web-server-01' });
    await expect(all).toBeVisible();
    const words = group.getByText('Select all', { exact: true });
    await expect(words).toBeVisible();
    // Label in name (WCAG 2.5.3): a voice-control user says what they see.
    expect(await all.getAttribute('aria-label')).toContain(await words.textContent());
    // The words are the box's label: a finger on them ticks it.
    await words.tap();
    await expect(all).toBeChecked();
    await expect(group.getByRole('checkbox', { name: 'Select pre-migration-snapshot' })).toBeChecked();
    await expect(group.getByRole('checkbox', { name: 'Select weekly-snapshot-2025-01-08' })).toBeChecked();
    await expect(page.getByRole('button', { name: 'Delete selected (2)' })).toBeEnabled();
    expect(await smallTargets(page), 'targets too small with the boxes shown').toEqual([]);
  });
});

/** How many animations and transitions are running in the page and its shadow roots. */
async function motion(page: Page) {
  return page.evaluate(() => {
    const all = new Set<Animation>(document.getAnimations());
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const a of el.shadowRoot?.getAnimations() ?? []) all.add(a);
    }
    return { running: Array.from(all).filter((a) => a.playState === 'running').length };
  });
}

test.describe('motion', () => {
  test('by default the spinner of a snapshot in progress turns', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    await openPanel(page);
    await expect(page.getByRole('region', { name: 'analytics-worker' })).toContainText('In progress');
    expect((await motion(page)).running).toBeGreaterThan(0);
  });

  test.describe('with prefers-reduced-motion: reduce', () => {
    test.use({ reducedMotion: 'reduce' });

    test('no spinner or transition moves, on the list or in a dialog', async ({ page }) => {
      await resetSimulator({ create_secs: 600 });
      await openPanel(page);
      await expect(page.getByRole('region', { name: 'analytics-worker' })).toContainText('In progress');
      expect(await motion(page)).toEqual({ running: 0 });
      const moving = await page.locator('.sp-spinner').evaluateAll((spinners) =>
        spinners.filter((s) => getComputedStyle(s).animationName !== 'none').length,
      );
      expect(moving, 'spinners with an animation').toBe(0);
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.getByRole('button', { name: 'New snapshot…' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      expect(await motion(page)).toEqual({ running: 0 });
    });
  });
});

// Issue 5: taking a snapshot. The form opens from a server's group and from the top of the
// panel, checks the name as it is typed, never sends what the API is known to refuse, sends
// exactly one request however it is confirmed, puts the API's refusals where they belong, and
// shows the new snapshot at once, then follows it to Completed.
import type { Locator, Page } from '@playwright/test';
import { test, expect, resetSimulator, setFaults, apiRequests, SIM_URL } from './support';
import { configureDeployment } from './deployment';

// A zone that is neither UTC nor a whole hour away from it, so a suggestion stamped in UTC (or
// with the offset's minutes dropped) cannot pass for local time.
const ZONE = 'Asia/Kolkata';
test.use({ timezoneId: ZONE });

const RUNNING_WARNING =
  'This server is running. A snapshot of a running server may be inconsistent; the provider advises stopping the server first.';
const PROVIDER_MESSAGE = 'Snapshot is being created. This may take 3-10 minutes depending on server size.';

/** `YYYY-MM-DD-HHMM` of `at` in ZONE. */
function stamp(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}-${parts.hour}${parts.minute}`;
}

/** The snapshot creations the simulator has answered. */
async function createPosts() {
  return (await apiRequests()).filter((r) => r.method === 'POST' && r.path === '/api/v1/snapshots/');
}

async function openPanel(page: Page) {
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'web-server-01' })).toBeVisible();
}

function row(group: Locator, name: string): Locator {
  return group.getByRole('row').filter({ has: group.page().getByRole('rowheader', { name, exact: true }) });
}

/** Opens the create dialog from `server`'s group. */
async function newSnapshotOf(page: Page, server: string) {
  const group = page.getByRole('region', { name: server });
  await group.getByRole('button', { name: `New snapshot of ${server}` }).click();
  const dialog = page.getByRole('dialog', { name: `New snapshot of ${server}` });
  return { group, dialog, form: createForm(dialog) };
}

function createForm(dialog: Locator) {
  return {
    name: dialog.getByRole('textbox', { name: 'Name' }),
    description: dialog.getByRole('textbox', { name: 'Description (optional)' }),
    submit: dialog.getByRole('button', { name: 'Create snapshot' }),
    creating: dialog.getByRole('button', { name: 'Creating…' }),
    server: dialog.getByRole('combobox', { name: 'Server' }),
  };
}

test('create from a server group, with Enter: shown at once as In progress, then Completed', async ({ page }) => {
  await resetSimulator({ create_secs: 3 });
  await openPanel(page);
  const group = page.getByRole('region', { name: 'web-server-01' });
  await expect(group).toContainText('2 of 5 snapshots');

  const opener = group.getByRole('button', { name: 'New snapshot of web-server-01' });
  const before = new Date();
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'New snapshot of web-server-01' });
  await expect(dialog).toBeVisible();
  const after = new Date();
  const form = createForm(dialog);

  // Opened from the group: the server is chosen already, the name field has the focus, and a
  // valid name in local time is suggested.
  await expect(form.server).toHaveCount(0);
  await expect(form.name).toBeFocused();
  const suggestion = await form.name.inputValue();
  expect([`web-server-01-${stamp(before)}`, `web-server-01-${stamp(after)}`]).toContain(suggestion);
  await expect(form.submit).toBeEnabled();
  await expect(form.name).toHaveAttribute('aria-invalid', 'false');

  // web-server-01 is running: a warning, not a block.
  await expect(dialog.getByText(RUNNING_WARNING)).toBeVisible();

  // The optional description counts its characters as they are typed.
  await expect(dialog.getByText('0 / 255')).toBeVisible();
  await form.description.fill('Before the upgrade');
  await expect(dialog.getByText('18 / 255')).toBeVisible();

  // Enter in the name field submits.
  await form.name.focus();
  await form.name.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  // The new snapshot is there at once, from the POST's answer (no list has been read since),
  // in progress, with the provider's message.
  const created = row(group, suggestion);
  await expect(created).toContainText('In progress');
  await expect(created).toContainText('Before the upgrade');
  await expect(group).toContainText('3 of 5 snapshots');
  await expect(page.getByRole('list', { name: 'Notices' })).toContainText(`${suggestion}: ${PROVIDER_MESSAGE}`);
  const log = await apiRequests();
  const post = log.findIndex((r) => r.method === 'POST' && r.path === '/api/v1/snapshots/');
  expect(post).toBeGreaterThanOrEqual(0);
  expect(log[post].status).toBe(201);
  const rereads = log
    .slice(post + 1)
    .filter((r) => r.method === 'GET' && r.path === '/api/v1/snapshots/' && !r.query.includes('server_id=12349'));
  expect(rereads, 'web-server-01 was not read again').toEqual([]);
  expect(await createPosts()).toHaveLength(1);

  // Polling carries it to Completed, with its size, and says so.
  await expect(created).toContainText('Completed', { timeout: 20_000 });
  await expect(created).not.toContainText('In progress');
  await expect(created.getByRole('cell').nth(2)).toHaveText(/\d+\.\d GB/);
  await expect(page.getByRole('list', { name: 'Notices' })).toContainText(
    `Snapshot ${suggestion} of web-server-01 is ready.`,
  );
  // In place of the notice that it was being created: the two would contradict each other.
  await expect(page.getByRole('list', { name: 'Notices' })).not.toContainText(`${suggestion}: ${PROVIDER_MESSAGE}`);
  // The snapshot the API now holds is the one the form sent.
  const listed = await (
    await fetch(`${SIM_URL}/api/v1/snapshots/?server_id=12345`, {
      headers: { Authorization: 'Bearer vps_demo_alice' },
    })
  ).json();
  expect(listed.results.map((s: { name: string }) => s.name)).toContain(suggestion);
  expect(listed.results.find((s: { name: string }) => s.name === suggestion).description).toBe('Before the upgrade');
  expect(await createPosts()).toHaveLength(1);
});

test('create from the top of the panel: a Server select, the focus and Escape', async ({ page }) => {
  await resetSimulator({ create_secs: 600 });
  await openPanel(page);

  const opener = page.getByRole('button', { name: 'New snapshot…' });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'New snapshot' });
  await expect(dialog).toBeVisible();
  const form = createForm(dialog);
  // The server is chosen first: the focus starts on it, above the name suggested for it.
  await expect(form.server).toBeFocused();

  // Every server is offered, with how many snapshots it has.
  await expect(form.server).toBeVisible();
  await expect(form.server.getByRole('option')).toHaveText([
    'web-server-01 (2 of 5)',
    'db-primary (5 of 5)',
    'staging-app (0 of 5)',
    'build-runner (2 of 5)',
    'analytics-worker (2 of 5)',
    'legacy-mail (1 of 5)',
    'edge-cache (1 of 5)',
  ]);
  await expect(form.server).toHaveValue('12345');
  await expect(form.name).toHaveValue(/^web-server-01-\d{4}-\d{2}-\d{2}-\d{4}$/);

  // Choosing another server suggests a name for it; a suspended server gets no running warning.
  await form.server.selectOption({ label: 'edge-cache (1 of 5)' });
  await expect(form.name).toHaveValue(/^edge-cache-\d{4}-\d{2}-\d{2}-\d{4}$/);
  await expect(dialog.getByText(RUNNING_WARNING)).toHaveCount(0);
  await expect(form.submit).toBeEnabled();
  await form.server.selectOption({ label: 'staging-app (0 of 5)' });
  await expect(form.name).toHaveValue(/^staging-app-\d{4}-\d{2}-\d{2}-\d{4}$/);
  await expect(dialog.getByText(RUNNING_WARNING)).toBeVisible();
  await expect(form.submit).toBeEnabled();

  // Escape cancels: nothing sent, focus back on the opener.
  await form.name.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  // Cancel too, from a group's button.
  const groupOpener = page
    .getByRole('region', { name: 'staging-app' })
    .getByRole('button', { name: 'New snapshot of staging-app' });
  await groupOpener.click();
  const groupDialog = page.getByRole('dialog', { name: 'New snapshot of staging-app' });
  await expect(createForm(groupDialog).name).toBeFocused();
  await groupDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(groupDialog).toBeHidden();
  await expect(groupOpener).toBeFocused();

  expect(await createPosts()).toEqual([]);
});

test('with the list filtered, the top create starts on a server the filter shows, not a hidden one', async ({ page }) => {
  await resetSimulator({ create_secs: 600 });
  await openPanel(page);
  const filter = page.getByRole('searchbox', { name: 'Filter servers and snapshots' });
  const opener = page.getByRole('button', { name: 'New snapshot…' });
  const dialog = page.getByRole('dialog', { name: 'New snapshot' });
  const form = createForm(dialog);

  // The only server listed is full: the dialog starts on it, and says why it can't take one.
  await filter.fill('db-primary');
  await expect(page.getByRole('region')).toHaveCount(1);
  await opener.click();
  await expect(form.server).toHaveValue('12346');
  await expect(form.name).toHaveValue(/^db-primary-\d{4}-\d{2}-\d{2}-\d{4}$/);
  await expect(form.submit).toBeDisabled();
  await form.name.press('Escape');

  await filter.fill('edge');
  await expect(page.getByRole('region')).toHaveCount(1);
  await opener.click();
  const edgeCache = await form.server.getByRole('option', { name: /^edge-cache / }).getAttribute('value');
  await expect(form.server).toHaveValue(edgeCache ?? 'no edge-cache option');
  await expect(form.name).toHaveValue(/^edge-cache-\d{4}-\d{2}-\d{2}-\d{4}$/);
  // Every server is still offered.
  await expect(form.server.getByRole('option')).toHaveCount(7);
  await form.name.press('Escape');
  expect(await createPosts()).toEqual([]);
});

test('the suggested name is selected, so typing replaces it; once typed, the name is kept as typed', async ({ page }) => {
  await resetSimulator({ create_secs: 600 });
  await openPanel(page);
  await page.getByRole('region', { name: 'staging-app' }).getByRole('button', { name: 'New snapshot of staging-app' }).click();
  const form = createForm(page.getByRole('dialog', { name: 'New snapshot of staging-app' }));
  await expect(form.name).toBeFocused();
  await page.keyboard.type('my-own-name');
  await expect(form.name).toHaveValue('my-own-name');
  // Back in the field after the description: what was typed is not selected to be lost.
  await form.description.focus();
  await form.name.focus();
  await page.keyboard.type('-2');
  await expect(form.name).toHaveValue('my-own-name-2');
});

test('invalid names are blocked as they are typed, with the reason', async ({ page }) => {
  await resetSimulator({ create_secs: 600 });
  await openPanel(page);
  await page.getByRole('region', { name: 'web-server-01' }).getByRole('button', { name: 'New snapshot of web-server-01' }).click();
  const dialog = page.getByRole('dialog', { name: 'New snapshot of web-server-01' });
  const form = createForm(dialog);
  await expect(form.name).toBeFocused();

  const cases: Array<[string, string]> = [
    ['before upgrade', "Spaces aren't allowed; use - or _"],
    ['before.upgrade', '“.” isn\'t allowed; use only letters A–Z, digits, - or _'],
    ['antes-da-migração', '“ç” isn\'t allowed; use only letters A–Z, digits, - or _'],
    ['snap/1', '“/” isn\'t allowed; use only letters A–Z, digits, - or _'],
    ['a'.repeat(65), 'Names can be at most 64 characters; this one has 65.'],
    ['', 'Give the snapshot a name.'],
  ];
  for (const [name, message] of cases) {
    // Typed key by key, so the message is the one shown while typing.
    await form.name.fill('');
    await form.name.pressSequentially(name);
    await expect(dialog.getByText(message, { exact: true }), `message for ${JSON.stringify(name)}`).toBeVisible();
    await expect(form.name).toHaveAttribute('aria-invalid', 'true');
    await expect(form.name).toHaveAccessibleDescription(new RegExp(escapeRegExp(message)));
    await expect(form.submit).toBeDisabled();
    // Enter does not send it either.
    await form.name.press('Enter');
    await expect(dialog).toBeVisible();
  }

  // Valid again: letters, digits, - and _, up to 64 characters.
  await form.name.fill(`Pre_upgrade-2025-${'x'.repeat(47)}`);
  await expect(form.name).toHaveAttribute('aria-invalid', 'false');
  await expect(dialog.getByText("Spaces aren't allowed; use - or _")).toHaveCount(0);
  await expect(form.submit).toBeEnabled();

  // A description over 255 characters is refused as well.
  await form.description.fill('d'.repeat(256));
  await expect(dialog.getByText('256 / 255')).toBeVisible();
  await expect(dialog.getByText('Descriptions can be at most 255 characters; this one has 256.')).toBeVisible();
  await expect(form.submit).toBeDisabled();
  await form.description.fill('d'.repeat(255));
  await expect(dialog.getByText('255 / 255')).toBeVisible();
  await expect(form.submit).toBeEnabled();

  expect(await createPosts()).toEqual([]);
});

test('a 6th snapshot is impossible: disabled with the reason and a way to delete the oldest', async ({ page }) => {
  await resetSimulator({ create_secs: 600 });
  await openPanel(page);
  const group = page.getByRole('region', { name: 'db-primary' });
  await expect(group).toContainText('5 of 5 snapshots');
  const reason = 'This server has 5 of 5 snapshots, the most it can have. Delete one to make room.';

  // The group's button stays focusable, says why it is unavailable, and opens nothing.
  const button = group.getByRole('button', { name: 'New snapshot of db-primary' });
  await expect(button).toHaveAttribute('aria-disabled', 'true');
  await expect(button).toHaveAccessibleDescription(reason);
  await button.focus();
  await expect(group.getByRole('tooltip')).toHaveText(reason);
  // (force: Playwright itself refuses to click an aria-disabled button; a person can.)
  await button.click({ force: true });
  await button.press('Enter');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // From the top of the panel: choosing db-primary shows the reason and disables Create.
  await page.getByRole('button', { name: 'New snapshot…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New snapshot' });
  const form = createForm(dialog);
  await form.server.selectOption({ label: 'db-primary (5 of 5)' });
  await expect(dialog.getByRole('alert')).toContainText(reason);
  await expect(form.submit).toBeDisabled();
  await form.name.fill('one-too-many');
  await form.name.press('Enter');
  await expect(form.submit).toBeDisabled();
  await expect(dialog).toBeVisible();

  // The dialog offers the way out too: delete the oldest snapshot. Cancelling that comes back
  // to the form as it was left.
  await dialog.getByRole('button', { name: 'Delete the oldest, db-nightly-1…' }).click();
  await expect(page.getByRole('dialog', { name: 'Delete db-nightly-1?' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Delete db-nightly-1?' }).getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.getByRole('dialog', { name: 'Delete db-nightly-1?' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeVisible();
  await expect(form.server).toBeFocused();
  await expect(form.server).toHaveValue('12346');
  await expect(form.name).toHaveValue('one-too-many');
  await expect(form.submit).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Nothing was sent that the API would refuse.
  expect(await createPosts()).toEqual([]);

  // The group's own way to the oldest snapshot: once it is deleted, creating opens up.
  await group.getByRole('button', { name: 'Delete the oldest, db-nightly-1…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete db-nightly-1?' });
  await confirm.getByRole('button', { name: 'Delete snapshot' }).click();
  await expect(confirm).toBeHidden();
  await expect(group).toContainText('4 of 5 snapshots');
  await expect(group.getByRole('rowheader', { name: 'db-nightly-1', exact: true })).toHaveCount(0);
  await expect(button).not.toHaveAttribute('aria-disabled', 'true');
  await button.click();
  await expect(page.getByRole('dialog', { name: 'New snapshot of db-primary' })).toBeVisible();
  expect(await createPosts()).toEqual([]);
});

test('deleting the oldest from the create dialog comes back to it with what was typed, and it can be sent', async ({
  page,
}) => {
  await resetSimulator({ create_secs: 600 });
  await openPanel(page);
  await page.getByRole('button', { name: 'New snapshot…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New snapshot' });
  const form = createForm(dialog);
  await form.server.selectOption({ label: 'db-primary (5 of 5)' });
  await form.name.fill('before-upgrade');
  await form.description.fill('Kept while the oldest is deleted');
  await expect(form.submit).toBeDisabled();

  await dialog.getByRole('button', { name: 'Delete the oldest, db-nightly-1…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete db-nightly-1?' });
  await confirm.getByRole('button', { name: 'Delete snapshot' }).click();
  await expect(confirm).toBeHidden();

  // Back in the form, nothing lost, and now there is room.
  await expect(dialog).toBeVisible();
  await expect(form.server).toHaveValue('12346');
  await expect(dialog.getByRole('option', { name: 'db-primary (4 of 5)' })).toHaveCount(1);
  await expect(form.name).toHaveValue('before-upgrade');
  await expect(form.description).toHaveValue('Kept while the oldest is deleted');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(form.submit).toBeEnabled();
  await form.submit.click();
  await expect(dialog).toBeHidden();
  const posts = await createPosts();
  expect(posts).toHaveLength(1);
  expect(posts[0].status).toBe(201);
  const made = row(page.getByRole('region', { name: 'db-primary' }), 'before-upgrade');
  await expect(made).toContainText('Kept while the oldest is deleted');
});

test('a double click, and Enter pressed again, send exactly one POST; the button shows progress', async ({ page }) => {
  await resetSimulator({ create_secs: 600 });
  await openPanel(page);
  const group = page.getByRole('region', { name: 'staging-app' });
  // The API takes its time over this one, so the repeats land while it is on its way.
  await setFaults({ kinds: ['latency'], latency_ms: 2000, path_prefix: '/api/v1/snapshots/', method: 'POST' });

  await group.getByRole('button', { name: 'New snapshot of staging-app' }).click();
  const dialog = page.getByRole('dialog', { name: 'New snapshot of staging-app' });
  const form = createForm(dialog);
  await form.name.fill('first-image');

  await form.submit.dblclick();
  await expect(form.creating).toBeVisible();
  await expect(form.creating).toBeDisabled();
  await form.name.press('Enter');
  await form.name.press('Enter');
  await form.creating.click({ force: true });

  await expect(dialog).toBeHidden();
  await expect(row(group, 'first-image')).toContainText('In progress');
  const posts = await createPosts();
  expect(posts).toHaveLength(1);
  expect(posts[0].status).toBe(201);
  await expect(group).toContainText('1 of 5 snapshots');
  await expect(group.getByRole('rowheader', { name: 'first-image', exact: true })).toHaveCount(1);
});

test.describe('the answer is lost', () => {
  test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of (400|50[02])/] });

  test('a create the API finishes after the panel stopped waiting: not called "not created", and pressed again it is found, not sent again', async ({
    page,
  }) => {
    await resetSimulator({ create_secs: 600 });
    await configureDeployment(page, { meta: { 'timeout-ms': '1500' } });
    await openPanel(page);
    const { group, dialog, form } = await newSnapshotOf(page, 'web-server-01');
    await form.name.fill('late-answer');
    // The API takes 6 s over it: the panel gives up after 1.5 s and looks twice, 2 s apart,
    // before the API has made it; the API makes it all the same.
    await setFaults({ kinds: ['latency'], latency_ms: 6000, method: 'POST', path_prefix: '/api/v1/snapshots/', count: 1 });
    await form.submit.click();
    await expect(dialog.getByRole('alert')).toHaveText(
      "The API didn't answer in time. The list of web-server-01 doesn't show late-answer yet, but the API may still create it. You can try again: the panel will look for it first, and send it only if it still isn't there.",
      { timeout: 10_000 },
    );
    await expect(form.name).toHaveValue('late-answer');
    await expect.poll(async () => (await createPosts()).map((r) => r.status), { timeout: 10_000 }).toEqual([201]);

    await form.submit.click();
    await expect(dialog).toBeHidden();
    await expect(row(group, 'late-answer')).toContainText('In progress');
    await expect(group.getByRole('rowheader', { name: 'late-answer', exact: true })).toHaveCount(1);
    await expect(group).toContainText('3 of 5 snapshots');
    expect(await createPosts(), 'the second press found it and sent nothing').toHaveLength(1);
  });

  test('a late create seen made on the page, then asked for again by name: sent to the API, not taken for the new one', async ({
    page,
  }) => {
    await resetSimulator({ create_secs: 600 });
    await configureDeployment(page, { meta: { 'timeout-ms': '1500' } });
    await openPanel(page);
    const group = page.getByRole('region', { name: 'web-server-01' });
    const opener = group.getByRole('button', { name: 'New snapshot of web-server-01' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'New snapshot of web-server-01' });
    const form = createForm(dialog);
    await form.name.fill('late-answer');
    await setFaults({ kinds: ['latency'], latency_ms: 6000, method: 'POST', path_prefix: '/api/v1/snapshots/', count: 1 });
    await form.submit.click();
    await expect(dialog.getByRole('alert')).toContainText('but the API may still create it', { timeout: 10_000 });
    await expect.poll(async () => (await createPosts()).map((r) => r.status), { timeout: 10_000 }).toEqual([201]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(row(group, 'late-answer')).toContainText('In progress');

    // The person has seen it made, and asks for another of the same name: that is a new
    // request, and the API's answer to it is what they read.
    await opener.click();
    await form.name.fill('late-answer');
    await form.submit.click();
    await expect(form.name).toHaveAccessibleDescription(/A snapshot with this name already exists on this server\./);
    await expect(dialog).toBeVisible();
    expect(await createPosts(), 'the second request was sent').toHaveLength(2);
  });

  test('a 500 after the API saved the snapshot: the panel looks, finds it, and follows it', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    await openPanel(page);
    const { group, dialog, form } = await newSnapshotOf(page, 'web-server-01');
    await form.name.fill('saved-then-failed');
    // Django without ATOMIC_REQUESTS (its default) keeps what a view saved before it failed.
    await setFaults({ kinds: ['500saved'], method: 'POST', path_prefix: '/api/v1/snapshots/', count: 1 });
    await form.submit.click();
    await expect(dialog).toBeHidden();
    await expect(row(group, 'saved-then-failed')).toContainText('In progress');
    await expect(page.getByRole('list', { name: 'Notices' })).toContainText('saved-then-failed');
    await expect(group).toContainText('3 of 5 snapshots');
    expect((await createPosts()).map((r) => r.status)).toEqual([500]);
  });

  test('an older snapshot of the same name is not taken for the one just asked for', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    await openPanel(page);
    const { group, dialog, form } = await newSnapshotOf(page, 'web-server-01');
    await form.name.fill('pre-migration-snapshot');
    // A proxy in front of the API gives up: the POST may or may not have been taken.
    await setFaults({ kinds: ['html502'], method: 'POST', path_prefix: '/api/v1/snapshots/', count: 1 });
    await form.submit.click();
    await expect(dialog.getByRole('alert')).toHaveText(
      "The API failed while answering (HTTP 502). The list of web-server-01 shows no new pre-migration-snapshot, so it was not created. You can try again.",
    );
    await expect(dialog).toBeVisible();
    await expect(form.name).toHaveValue('pre-migration-snapshot');
    await expect(group).toContainText('2 of 5 snapshots');
    await expect(page.getByRole('list', { name: 'Notices' })).not.toContainText('pre-migration-snapshot');
  });
});

test.describe('the API refuses', () => {
  // The browser logs every 4xx answer as a console error; these are the ones provoked here.
  test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 40[04]/] });

  test('a duplicate name: the API\'s words under the name field, the input kept', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    await openPanel(page);
    await page.getByRole('region', { name: 'web-server-01' }).getByRole('button', { name: 'New snapshot of web-server-01' }).click();
    const dialog = page.getByRole('dialog', { name: 'New snapshot of web-server-01' });
    const form = createForm(dialog);
    await form.name.fill('pre-migration-snapshot');
    await form.description.fill('Second try');
    await form.submit.click();

    const message = 'A snapshot with this name already exists on this server.';
    await expect(form.name).toHaveAccessibleDescription(new RegExp(escapeRegExp(message)));
    await expect(form.name).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByText(message)).toHaveCount(1);
    // On the field, not at the top of the form.
    await expect(dialog.getByRole('alert')).toHaveCount(0);
    await expect(dialog).toBeVisible();
    await expect(form.name).toHaveValue('pre-migration-snapshot');
    await expect(form.description).toHaveValue('Second try');
    await expect(form.submit).toBeEnabled();
    const posts = await createPosts();
    expect(posts).toHaveLength(1);
    expect(posts[0].status).toBe(400);

    // Fixing the name clears the API's complaint and the next try goes through.
    await form.name.fill('pre-migration-snapshot-2');
    await expect(dialog.getByText(message)).toHaveCount(0);
    await form.submit.click();
    await expect(dialog).toBeHidden();
    await expect(row(page.getByRole('region', { name: 'web-server-01' }), 'pre-migration-snapshot-2')).toContainText(
      'In progress',
    );
    expect(await createPosts()).toHaveLength(2);
  });

  test('a plain DRF deployment refuses a duplicate for the whole form: its words at the top, gone once the name changes', async ({
    page,
  }) => {
    await resetSimulator({ create_secs: 600, plain_drf: true });
    await openPanel(page);
    const { group, dialog, form } = await newSnapshotOf(page, 'web-server-01');
    await form.name.fill('pre-migration-snapshot');
    await form.submit.click();
    const message = 'A snapshot with this name already exists on this server.';
    await expect(dialog.getByRole('alert')).toHaveText(message);
    await expect(form.name).toHaveValue('pre-migration-snapshot');
    // Its word was on that name: another one, even one the form itself refuses, is not it.
    await form.name.fill('pre migration');
    await expect(dialog.getByText(message)).toHaveCount(0);
    await form.name.fill('pre-migration-snapshot-2');
    await expect(dialog.getByText(message)).toHaveCount(0);
    await form.submit.click();
    await expect(dialog).toBeHidden();
    await expect(row(group, 'pre-migration-snapshot-2')).toContainText('In progress');
  });

  test('opened from a server\'s group, the API\'s word on the server is shown at the top of the form', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    await openPanel(page);
    // How DRF's PrimaryKeyRelatedField refuses a server it cannot find; the form has no
    // Server field to put it under.
    const refusal = 'Invalid pk "12345" - object does not exist.';
    await page.route('**/api/v1/snapshots/', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ server_id: [refusal] }) });
    });
    const { group, dialog, form } = await newSnapshotOf(page, 'web-server-01');
    await form.name.fill('refused-image');
    await form.submit.click();

    await expect(dialog.getByRole('alert')).toHaveText(refusal);
    await expect(form.name).toHaveValue('refused-image');
    await expect(form.submit).toBeEnabled();
  });

  test('a server the API does not know (404): at the top of the form, the input kept', async ({ page }) => {
    await resetSimulator({ create_secs: 600 });
    await openPanel(page);
    // The UI cannot pick a foreign server; send the real request for one the API doesn't know,
    // and let the simulator answer it.
    await page.route('**/api/v1/snapshots/', async (route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.continue();
      const body = JSON.parse(request.postData() ?? '{}');
      await route.continue({ postData: JSON.stringify({ ...body, server_id: 99999 }) });
    });

    await page.getByRole('region', { name: 'staging-app' }).getByRole('button', { name: 'New snapshot of staging-app' }).click();
    const dialog = page.getByRole('dialog', { name: 'New snapshot of staging-app' });
    const form = createForm(dialog);
    await form.name.fill('lost-server-image');
    await form.description.fill('Will not be taken');
    await form.submit.click();

    const alert = dialog.getByRole('alert');
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('Server not found.');
    await expect(form.name).toHaveAttribute('aria-invalid', 'false');
    await expect(dialog).toBeVisible();
    await expect(form.name).toHaveValue('lost-server-image');
    await expect(form.description).toHaveValue('Will not be taken');
    const posts = await createPosts();
    expect(posts).toHaveLength(1);
    expect(posts[0].status).toBe(404);
    await expect(page.getByRole('region', { name: 'staging-app' })).toContainText('0 of 5 snapshots');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

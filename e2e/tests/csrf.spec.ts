// The CSRF guard of deploy/nginx.conf's /api/ location, against the real nginx that
// `cargo xtask test` starts from it. That nginx adds the API token to every request that
// reaches /api/ (deployment mode 2), so without the guard another site's page could make a
// visitor's browser restore a server with a plain auto-submitted <form>. nginx must refuse:
//   - any request a browser marks `Sec-Fetch-Site: cross-site` or `same-site`, and
//   - any request without the panel's `X-Requested-With: XMLHttpRequest`,
// with a 403 and a JSON body, BEFORE the request reaches the API: the simulator's request log
// (/__sim/requests) must not have it. Nothing here relies on how the API would answer a
// form-encoded body.
//
// Two attackers, both another site than the panel (http://127.0.0.1:18080):
//   - http://attacker.test, a public site, served by Playwright itself (`page.route`);
//   - http://localhost:PORT, a real server started here. Chromium's Local Network Access
//     stops a public page's fetch() to a loopback address before sending it, so only a page in
//     the panel's own address space shows what nginx does with a cross-site fetch(), as it
//     would with a panel and an attacker both on the public internet. `localhost` and
//     `127.0.0.1` are different sites. (Forms are navigations: Chromium sends them from both.)
import { test as plainTest, type APIRequestContext, type APIResponse, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect, apiRequests, resetSimulator, type ApiRequest } from './support';

const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:18080';
const PUBLIC_ATTACKER = 'http://attacker.test';
/** What the panel sends on every API request. */
const MARKER = { 'x-requested-with': 'XMLHttpRequest' };
const CROSS_SITE_REFUSED = { detail: 'Cross-site request refused.' };
const UNMARKED_REFUSED = {
  detail: 'Request refused: API requests must come from the Snapshot Panel (X-Requested-With header missing).',
};
/** Seed data: web-server-01 (12345) and one of its snapshots. */
const SERVER = 12345;
const SNAPSHOT = 801;

function logLines(log: ApiRequest[]): string[] {
  return log.map((r) => `${r.method} ${r.path} ${r.status}`);
}

async function expectRefused(response: APIResponse, body: object, what: string) {
  expect(response.status(), what).toBe(403);
  expect(response.headers()['content-type'], what).toBe('application/json');
  // The server-level headers are still there (one add_header discipline, `always`).
  expect(response.headers()['x-content-type-options'], what).toBe('nosniff');
  expect(await response.json(), what).toEqual(body);
}

/** Server 12345 as the panel reads it (through nginx, with the marker): not restoring, no "evil" snapshot. */
async function expectUntouched(request: APIRequestContext) {
  const server = await request.get(`/api/v1/servers/${SERVER}/`, { headers: MARKER });
  expect(server.status()).toBe(200);
  expect((await server.json()).status).not.toBe('restoring');
  const snapshots = await request.get(`/api/v1/snapshots/?server_id=${SERVER}`, { headers: MARKER });
  expect(snapshots.status()).toBe(200);
  const names: string[] = (await snapshots.json()).results.map((s: { name: string }) => s.name);
  expect(names.sort()).toEqual(['pre-migration-snapshot', 'weekly-snapshot-2025-01-08']);
}

/** An /api/ request the browser sent to nginx, as Playwright saw it. */
interface Seen {
  method: string;
  path: string;
  /** Without sec-fetch-* while `page.route` intercepts (Playwright then sees fewer headers). */
  headers: Promise<Record<string, string>>;
  /** null: no answer (the browser never sent it, or it failed). */
  status: Promise<number | null>;
  body: Promise<string | null>;
}

/** Records every request the page sends to nginx's /api/, with nginx's answer. */
function recordApi(page: Page): Seen[] {
  const seen: Seen[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== new URL(BASE_URL).origin || !url.pathname.startsWith('/api/')) return;
    const response = request.response().catch(() => null);
    seen.push({
      method: request.method(),
      path: url.pathname,
      headers: request.allHeaders(),
      status: response.then((r) => r?.status() ?? null),
      body: response.then(async (r) => (r ? (await r.body()).toString() : null)).catch(() => null),
    });
  });
  return seen;
}

/** The attacker's pages. */
const ATTACK_PAGES: Record<string, string> = {
  // The classic: a form that submits itself on load, form-encoded, without any header.
  '/restore.html': `<!doctype html><title>You won!</title>
    <body onload="document.forms[0].submit()">
    <form method="post" action="${BASE_URL}/api/v1/snapshots/${SNAPSHOT}/restore/">
      <input type="hidden" name="confirm" value="yes">
    </form>`,
  // fetch() without a preflight (no-cors: the page never reads the answer, but the browser
  // sends the request), a restore with the panel's header (which needs a CORS preflight), and
  // a plain read.
  '/fetch.html': `<!doctype html><title>Nothing to see</title>
    <script>
      window.attempts = (async () => {
        const api = '${BASE_URL}/api/v1/';
        const outcome = (promise) =>
          promise.then((r) => (r.type === 'opaque' ? 'opaque' : 'status ' + r.status), (e) => 'failed: ' + e.name);
        return {
          noCors: await outcome(fetch(api + 'snapshots/', {
            method: 'POST', mode: 'no-cors',
            body: new URLSearchParams({ server_id: '${SERVER}', name: 'evil' }),
          })),
          withMarker: await outcome(fetch(api + 'snapshots/${SNAPSHOT}/restore/', {
            method: 'POST',
            headers: { 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/json' },
            body: '{}',
          })),
          read: await outcome(fetch(api + 'servers/')),
        };
      })();
    </script>`,
};

function attackPage(path: string): { status: number; body: string } {
  const body = ATTACK_PAGES[path];
  return body ? { status: 200, body } : { status: 404, body: '' };
}

// Playwright's own `test`: the attacker's refused requests are logged as console errors, on purpose.
plainTest.describe('another site cannot use the proxy token', () => {
  let server: Server;
  let localAttacker = '';

  plainTest.beforeAll(async () => {
    server = createServer((request, response) => {
      const { status, body } = attackPage(new URL(request.url ?? '/', 'http://localhost').pathname);
      response.writeHead(status, { 'content-type': 'text/html' }).end(body);
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    localAttacker = `http://localhost:${(server.address() as AddressInfo).port}`;
  });
  plainTest.afterAll(async () => {
    await new Promise((closed) => server.close(closed));
  });

  /** The attacker's origin; attacker.test is served by `page.route`. */
  async function attacker(page: Page, which: 'public' | 'local'): Promise<string> {
    if (which === 'local') return localAttacker;
    await page.route(`${PUBLIC_ATTACKER}/**`, async (route) => {
      const { status, body } = attackPage(new URL(route.request().url()).pathname);
      await route.fulfill({ status, contentType: 'text/html', body });
    });
    return PUBLIC_ATTACKER;
  }

  for (const which of ['public', 'local'] as const) {
    plainTest(`an auto-submitted form POST from another site (${which}) is refused by nginx and never reaches the API`, async ({
      page,
      request,
    }) => {
      await resetSimulator({ restore_secs: 600 });
      const origin = await attacker(page, which);
      const seen = recordApi(page);
      const refusal = page.waitForResponse(
        (r) => r.url() === `${BASE_URL}/api/v1/snapshots/${SNAPSHOT}/restore/` && r.request().method() === 'POST',
      );
      await page.goto(`${origin}/restore.html`);

      // The browser did send it (no pass by a browser that blocked it), and nginx refused it
      // for being cross-site: that body is the Sec-Fetch-Site rule's, not the header rule's.
      const response = await refusal;
      expect(response.status()).toBe(403);
      expect(response.headers()['content-type']).toBe('application/json');
      expect(JSON.parse((await response.body()).toString())).toEqual(CROSS_SITE_REFUSED);
      await expect(page.locator('body')).toContainText('Cross-site request refused.');
      const headers = await response.request().allHeaders();
      expect(headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(headers['x-requested-with']).toBeUndefined();
      if (which === 'local') expect(headers['sec-fetch-site']).toBe('cross-site');
      expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([`POST /api/v1/snapshots/${SNAPSHOT}/restore/`]);

      // Nothing reached the API, and the server is not restoring.
      expect(logLines(await apiRequests())).toEqual([]);
      await expectUntouched(request);
    });
  }

  plainTest('cross-site fetch(): sent without a preflight it is refused; with the panel header it is never sent', async ({
    page,
    request,
  }) => {
    await resetSimulator({ create_secs: 600, restore_secs: 600 });
    const seen = recordApi(page);
    await page.goto(`${await attacker(page, 'local')}/fetch.html`);
    const attempts = await page.evaluate(() => (window as unknown as { attempts: Promise<unknown> }).attempts);
    // no-cors: the browser sends the POST and hides the answer. With the header, the
    // preflight is refused (so the POST is never sent); the read gets no CORS header.
    expect(attempts).toEqual({ noCors: 'opaque', withMarker: 'failed: TypeError', read: 'failed: TypeError' });

    // What Playwright sees of them. (For cross-site fetch() it reports neither the sec-fetch-*
    // headers nor the preflight; nginx's log shows `Sec-Fetch-Site: cross-site` on each.)
    const sent = await Promise.all(seen.map(async (s) => `${s.method} ${s.path} ${await s.status}`));
    plainTest.info().annotations.push({ type: 'fetch() from localhost', description: sent.join('; ') });
    expect(sent).toEqual([
      // The browser sent it, and nginx refused it.
      'POST /api/v1/snapshots/ 403',
      // Never sent: its preflight (OPTIONS, without the header) was refused.
      `POST /api/v1/snapshots/${SNAPSHOT}/restore/ null`,
      // Sent, and its answer (a 403) hidden from the page: no CORS header.
      'GET /api/v1/servers/ null',
    ]);

    // None of them reached the API: no snapshot "evil", no restore.
    expect(logLines(await apiRequests())).toEqual([]);
    await expectUntouched(request);
  });
});

// The rules themselves, header by header, as nginx sees them (curl-like requests: Playwright's
// APIRequestContext sends exactly the headers given).
plainTest('the guard: which Sec-Fetch-Site values and which headers pass, and the refusals never reach the API', async ({
  request,
}) => {
  await resetSimulator({ create_secs: 600, restore_secs: 600 });
  const restore = `/api/v1/snapshots/${SNAPSHOT}/restore/`;
  const form = { 'content-type': 'application/x-www-form-urlencoded' };

  // Refused, whatever the method, before the API sees them.
  const refused: Array<[string, Promise<APIResponse>, object]> = [
    ['cross-site form POST', request.post(restore, { headers: { ...form, 'sec-fetch-site': 'cross-site' }, data: 'confirm=yes' }), CROSS_SITE_REFUSED],
    // A sibling subdomain is not the panel: same-site is refused even with the panel's header.
    ['same-site POST with the header', request.post(restore, { headers: { ...MARKER, 'sec-fetch-site': 'same-site' }, data: '' }), CROSS_SITE_REFUSED],
    ['cross-site GET with the header', request.get('/api/v1/servers/', { headers: { ...MARKER, 'sec-fetch-site': 'cross-site' } }), CROSS_SITE_REFUSED],
    ['an unknown Sec-Fetch-Site value', request.get('/api/v1/servers/', { headers: { ...MARKER, 'sec-fetch-site': 'elsewhere' } }), CROSS_SITE_REFUSED],
    // An old browser sends no Sec-Fetch-Site: its form still lacks the header.
    ['form POST without Sec-Fetch-Site', request.post('/api/v1/snapshots/', { headers: form, data: `server_id=${SERVER}&name=evil` }), UNMARKED_REFUSED],
    ['same-origin POST without the header', request.post(restore, { headers: { 'sec-fetch-site': 'same-origin' }, data: '' }), UNMARKED_REFUSED],
    ['GET without the header', request.get('/api/v1/servers/'), UNMARKED_REFUSED],
    ['a CORS preflight', request.fetch('/api/v1/snapshots/', {
      method: 'OPTIONS',
      headers: { origin: PUBLIC_ATTACKER, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-requested-with', 'sec-fetch-site': 'cross-site' },
    }), CROSS_SITE_REFUSED],
    ['a CORS preflight from a browser without Sec-Fetch-Site', request.fetch('/api/v1/snapshots/', {
      method: 'OPTIONS',
      headers: { origin: PUBLIC_ATTACKER, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-requested-with' },
    }), UNMARKED_REFUSED],
    ['the wrong marker value', request.get('/api/v1/servers/', { headers: { 'x-requested-with': 'fetch' } }), UNMARKED_REFUSED],
  ];
  for (const [what, response, body] of refused) await expectRefused(await response, body, what);
  expect(logLines(await apiRequests()), 'no refused request reached the API').toEqual([]);

  // Passed: the header, with Sec-Fetch-Site same-origin, none, or none at all (curl).
  for (const site of ['same-origin', 'none', undefined]) {
    const headers = site ? { ...MARKER, 'sec-fetch-site': site } : MARKER;
    const response = await request.get('/api/v1/servers/', { headers });
    expect(response.status(), `GET with Sec-Fetch-Site ${site}`).toBe(200);
    // The API's CORS answer does not leave nginx.
    expect(response.headers()['access-control-allow-origin'], `GET with Sec-Fetch-Site ${site}`).toBeUndefined();
  }
  const created = await request.post('/api/v1/snapshots/', {
    headers: { ...MARKER, 'sec-fetch-site': 'same-origin', origin: BASE_URL },
    data: { server_id: SERVER, name: 'same-origin-ok' },
  });
  expect(created.status()).toBe(201);
  expect(logLines(await apiRequests())).toEqual([
    'GET /api/v1/servers/ 200',
    'GET /api/v1/servers/ 200',
    'GET /api/v1/servers/ 200',
    'POST /api/v1/snapshots/ 201',
  ]);
});

// In the browser, on the panel's own origin (an nginx 404 page: no panel in it).
plainTest('same-origin fetch() with the header passes, GET and POST; without it, refused', async ({ page }) => {
  await resetSimulator({ create_secs: 600 });
  const seen = recordApi(page);
  await page.goto(`${BASE_URL}/csrf-same-origin-check.txt`);
  const outcome = await page.evaluate(async ([server, marker]) => {
    const json = async (r: Response) => ({ status: r.status, body: await r.json() });
    const headers = { ...(marker as Record<string, string>), 'Content-Type': 'application/json' };
    return {
      get: (await fetch('/api/v1/servers/', { headers })).status,
      post: (await fetch('/api/v1/snapshots/', {
        method: 'POST',
        headers,
        body: JSON.stringify({ server_id: server, name: 'same-origin-ok' }),
      })).status,
      unmarked: await json(await fetch('/api/v1/servers/')),
    };
  }, [SERVER, MARKER] as const);
  expect(outcome).toEqual({ get: 200, post: 201, unmarked: { status: 403, body: UNMARKED_REFUSED } });
  const sites = await Promise.all(seen.map(async (s) => (await s.headers)['sec-fetch-site']));
  expect(sites).toEqual(['same-origin', 'same-origin', 'same-origin']);
  expect(logLines(await apiRequests())).toEqual(['GET /api/v1/servers/ 200', 'POST /api/v1/snapshots/ 201']);
});

// support.ts's `test` fails on any console error: the panel's own calls all pass the guard.
test('the panel sends the header on every API request, and its create goes through the guard', async ({ page }) => {
  await resetSimulator({ create_secs: 600 });
  const seen = recordApi(page);
  await page.goto('/');
  const staging = page.getByRole('region', { name: 'staging-app' });
  await staging.getByRole('button', { name: 'New snapshot of staging-app' }).click();
  const create = page.getByRole('dialog', { name: 'New snapshot of staging-app' });
  await create.getByRole('textbox', { name: 'Name' }).fill('through-the-guard');
  await create.getByRole('button', { name: 'Create snapshot' }).click();
  await expect(create).toBeHidden();
  await expect(staging).toContainText('through-the-guard');

  expect(seen.length).toBeGreaterThan(0);
  for (const s of seen) {
    const headers = await s.headers;
    expect(headers['x-requested-with'], `${s.method} ${s.path}`).toBe('XMLHttpRequest');
    expect(headers['sec-fetch-site'], `${s.method} ${s.path}`).toBe('same-origin');
    expect(await s.status, `${s.method} ${s.path}`).not.toBe(403);
  }
  const log = await apiRequests();
  expect(logLines(log.filter((r) => r.method === 'POST'))).toEqual(['POST /api/v1/snapshots/ 201']);
  expect(log.length, 'every request the page sent reached the API').toBe(seen.length);
});

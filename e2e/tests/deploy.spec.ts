// What deploy/nginx.conf promises, checked over HTTP against the nginx that `cargo xtask test`
// starts from it: security headers, caching, deep links, the sub-path variant, and the API
// proxy that adds the token when the browser sends none (deployment mode 2).
import { test, expect, type APIResponse } from '@playwright/test';
import { apiRequests, resetSimulator, test as pageTest } from './support';

const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

function expectSecurityHeaders(response: APIResponse) {
  const headers = response.headers();
  expect(headers['content-security-policy']).toBe(CSP);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['permissions-policy']).toBeTruthy();
}

// The release index.html is minified: attribute values may be unquoted (`<base href=/>`).
/** `NAME=VALUE` or `NAME="VALUE"` inside a tag. */
function attribute(name: string, value: string): RegExp {
  const escaped = value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`\\s${name}=(?:"${escaped}"|${escaped})(?=[\\s>])`);
}

/** The start tags named `name` in `html`, as written. */
function startTags(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`<${name}\\b[^>]*>`, 'g'))].map((m) => m[0]);
}

/** index.html starts the panel with the module script ./snapshot-panel.js, relative to its base. */
function expectLoaderScript(html: string, where: string) {
  const loader = startTags(html, 'script').filter(
    (tag) => attribute('src', './snapshot-panel.js').test(tag) && attribute('type', 'module').test(tag),
  );
  expect(loader, `${where}: <script type=module src=./snapshot-panel.js>`).toHaveLength(1);
}

/** The hashed files index.html preloads: [glue .js, .wasm]. */
async function hashedAssets(response: APIResponse): Promise<string[]> {
  const html = await response.text();
  const names = [...html.matchAll(/href="?\.\/(snapshot-panel-[0-9a-f]{1,16}(?:_bg)?\.(?:js|wasm))"?[\s>]/g)].map((m) => m[1]);
  expect(names, 'index.html preloads the glue and the wasm').toHaveLength(2);
  return names;
}

test('index.html: strict CSP, no inline script, revalidated on every visit', async ({ request }) => {
  const response = await request.get('/');
  expect(response.status()).toBe(200);
  expectSecurityHeaders(response);
  expect(response.headers()['cache-control']).toBe('no-cache');
  const html = await response.text();
  expectLoaderScript(html, '/');
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
  expect(html).not.toMatch(/\sstyle=/);
  expect(startTags(html, 'base').filter((tag) => attribute('href', '/').test(tag))).toHaveLength(1);
});

test('deep links get index.html; missing assets get 404', async ({ request }) => {
  for (const path of ['/servers/12345', '/servers/12345?q=weekly', '/servers/']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-type'], path).toContain('text/html');
    expectLoaderScript(await response.text(), path);
  }
  for (const prefix of ['', '/admin/snapshots']) {
    const missing = await request.get(`${prefix}/snapshot-panel-0123456789abcdef.js`);
    expect(missing.status(), prefix).toBe(404);
    // Asked for while a deploy was half copied: kept nowhere, or it would be kept for a year.
    expect(missing.headers()['cache-control'], prefix).toBe('no-store');
    expect((await request.get(`${prefix}/nothing-here.wasm`)).status(), prefix).toBe(404);
  }
});

test('hashed assets are immutable, the loader is revalidated', async ({ request }) => {
  const [glue, wasm] = await hashedAssets(await request.get('/'));
  const wasmResponse = await request.get(`/${wasm}`);
  expect(wasmResponse.status()).toBe(200);
  expect(wasmResponse.headers()['content-type']).toBe('application/wasm');
  expect(wasmResponse.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expectSecurityHeaders(wasmResponse);

  const glueResponse = await request.get(`/${glue}`);
  expect(glueResponse.headers()['content-type']).toContain('javascript');
  expect(glueResponse.headers()['cache-control']).toBe('public, max-age=31536000, immutable');

  const loader = await request.get('/snapshot-panel.js');
  expect(loader.status()).toBe(200);
  expect(loader.headers()['content-type']).toContain('javascript');
  expect(loader.headers()['cache-control']).toBe('no-cache');
  expect(await loader.text()).toContain(`import("./${glue}")`);
});

test('text and wasm are compressed', async ({ request }) => {
  const [, wasm] = await hashedAssets(await request.get('/'));
  const response = await request.get(`/${wasm}`, { headers: { 'accept-encoding': 'gzip' } });
  expect(response.headers()['content-encoding']).toBe('gzip');
});

test('the same build is served under /admin/snapshots/', async ({ request }) => {
  const redirect = await request.get('/admin/snapshots', { maxRedirects: 0 });
  expect(redirect.status()).toBe(301);
  // Relative: behind a TLS-terminating proxy, an absolute one would send the browser to http.
  expect(redirect.headers()['location']).toBe('/admin/snapshots/');

  for (const path of ['/admin/snapshots/', '/admin/snapshots/servers/12345']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expectSecurityHeaders(response);
    const html = await response.text();
    expect(startTags(html, 'base').filter((tag) => attribute('href', '/admin/snapshots/').test(tag)), path).toHaveLength(1);
    expectLoaderScript(html, path);
  }
  const [, wasm] = await hashedAssets(await request.get('/admin/snapshots/'));
  const asset = await request.get(`/admin/snapshots/${wasm}`);
  expect(asset.status()).toBe(200);
  expect(asset.headers()['content-type']).toBe('application/wasm');
  expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
});

test('the API proxy adds the token only when the browser sends none', async ({ request }) => {
  await resetSimulator();
  // The header the panel sends on every API request: nginx refuses API requests without it
  // (the CSRF guard, csrf.spec.ts).
  const panel = { 'x-requested-with': 'XMLHttpRequest' };
  const proxied = await request.get('/api/v1/servers/', { headers: panel });
  expect(proxied.status()).toBe(200);
  expectSecurityHeaders(proxied);
  expect(proxied.headers()['cache-control'] ?? '').not.toContain('immutable');

  // The browser's own header wins (deployment modes 1 and 3).
  const wrong = await request.get('/api/v1/servers/', { headers: { ...panel, authorization: 'Bearer not_a_token' } });
  expect(wrong.status()).toBe(401);

  const seen = await apiRequests();
  expect(seen.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
    'GET /api/v1/servers/ 200',
    'GET /api/v1/servers/ 401',
  ]);
});

// support.ts's `test` fails on any console error or uncaught page error.
pageTest('the panel works under /admin/snapshots/, deep links included', async ({ page }) => {
  await resetSimulator();
  await page.goto('/admin/snapshots/');
  await expect(page.getByRole('region', { name: 'web-server-01' })).toContainText('pre-migration-snapshot');

  await page.goto('/admin/snapshots/servers/12345');
  await expect(page.getByRole('region', { name: 'web-server-01' })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/admin/snapshots/servers/12345');
});

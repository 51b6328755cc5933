// Shared by the auth, hosting, embedding and safety-snapshot journeys:
// - the deployment's configuration changed without a rebuild: index.html's
//   `<meta name="snapshot-panel:...">` tags and the mount element's `data-` attributes, edited on
//   their way from nginx to the browser (exactly what an operator does by editing index.html on
//   the server; the wasm and the loader are untouched);
// - a recorder of `securitypolicyviolation` events, installed before any of the page's own
//   scripts run, and the exact policy deploy/nginx.conf sends.
import type { Page } from '@playwright/test';
import { expect } from './support';

/** deploy/nginx.conf's policy: no 'unsafe-inline', no 'unsafe-eval', only 'wasm-unsafe-eval'. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

/** One `securitypolicyviolation` event, as recorded in the page. */
export interface Violation {
  directive: string;
  blocked: string;
  source: string;
  line: number;
  sample: string;
}

/**
 * Records every `securitypolicyviolation` of every document the page loads (the init script runs
 * in each new document before its scripts). The event is composed, so violations caused inside
 * the panel's shadow root reach the window too; capturing there sees them all.
 */
export async function watchCsp(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    (window as unknown as { __cspViolations: unknown[] }).__cspViolations = seen;
    window.addEventListener(
      'securitypolicyviolation',
      (event) => {
        seen.push({
          directive: event.effectiveDirective || event.violatedDirective,
          blocked: event.blockedURI,
          source: event.sourceFile,
          line: event.lineNumber,
          sample: event.sample,
        });
      },
      true,
    );
  });
}

/** The violations the current document has recorded so far. */
export async function cspViolations(page: Page): Promise<Violation[]> {
  return page.evaluate(() => {
    const seen = (window as unknown as { __cspViolations?: Violation[] }).__cspViolations;
    if (!seen) throw new Error('watchCsp(page) was not called before this document loaded');
    return seen;
  });
}

/** Fails with the violations listed, if there are any. */
export async function expectNoCspViolations(page: Page, where: string): Promise<void> {
  expect(await cspViolations(page), `CSP violations on ${where}`).toEqual([]);
}

/** What to change in the deployed index.html. */
export interface DeploymentSettings {
  /** `<meta name="snapshot-panel:NAME" content="VALUE">`: replaced if the page has it, else added. */
  meta?: Record<string, string>;
  /** Attributes added to the mount element (`<main id="snapshot-panel" …>`), e.g. data-server-id. */
  mountAttributes?: Record<string, string>;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * Edits the panel's index.html as nginx serves it, for every page load of this test (the root,
 * deep links and the sub-path). This IS changing the deployment's configuration without a
 * rebuild: the build in dist/ stays as it is, only the settings in the HTML differ. nginx's own
 * headers (the strict CSP included) are kept.
 */
export async function configureDeployment(page: Page, settings: DeploymentSettings): Promise<void> {
  await page.route(
    (url) => !url.pathname.startsWith('/api/') && !url.pathname.startsWith('/examples/'),
    async (route) => {
      if (route.request().resourceType() !== 'document') {
        await route.fallback();
        return;
      }
      const response = await route.fetch();
      let html = await response.text();
      if (!html.includes('data-snapshot-panel-autostart')) {
        throw new Error(`${route.request().url()} is not the panel's index.html`);
      }
      for (const [name, value] of Object.entries(settings.meta ?? {})) {
        const tag = `<meta name="snapshot-panel:${name}" content="${escapeAttribute(value)}" />`;
        // The release index.html is minified: attributes in any order, values maybe unquoted.
        const existing = new RegExp(`<meta(?=[^>]*\\sname="?snapshot-panel:${name}"?[\\s>/])[^>]*>`);
        html = existing.test(html) ? html.replace(existing, tag) : html.replace('</head>', `  ${tag}\n  </head>`);
      }
      const attributes = Object.entries(settings.mountAttributes ?? {})
        .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
        .join('');
      if (attributes) {
        const mount = /<main(?=[^>]*\sdata-snapshot-panel-autostart[\s>])/;
        if (!mount.test(html)) throw new Error("index.html's mount element has changed");
        html = html.replace(mount, (tag) => tag + attributes);
      }
      // The body is sent as text: drop the length and encoding of nginx's (gzipped) original.
      const headers = { ...response.headers() };
      delete headers['content-length'];
      delete headers['content-encoding'];
      await route.fulfill({ response, headers, body: html });
    },
  );
}

/** What the panel's loader, /snapshot-panel.js, exports for host pages. */
export interface PanelLoader {
  mount(element: HTMLElement, options?: Record<string, unknown>): void;
  unmount(element: HTMLElement): boolean;
  setToken(element: HTMLElement, token: string | null): boolean;
}

declare global {
  interface Window {
    /** The loader's module, once `exposeLoader` has imported it. */
    __loader: PanelLoader;
  }
}

/**
 * Imports the loader in the page, as a host page's script would, and keeps its module as
 * `window.__loader`. Given as a string: Playwright would compile an `import()` in a function
 * into `require()`.
 */
export async function exposeLoader(page: Page): Promise<void> {
  await page.evaluate("import('/snapshot-panel.js').then((loader) => { window.__loader = loader; })");
}

/** Opens the example host page and waits for its panel to show alice's servers. */
export async function openHostPage(page: Page) {
  await watchCsp(page);
  const response = await page.goto('/examples/host/');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { name: 'Acme Hosting' })).toBeVisible();
  const panel = page.locator('snapshot-panel#panel');
  await expect(panel.getByRole('region', { name: 'web-server-01' })).toContainText('pre-migration-snapshot');
  return panel;
}

/** The host page's event log (#host-events): one `NAME {detail}` per line, as host.js writes it. */
export async function hostEvents(page: Page): Promise<Array<{ name: string; detail: unknown }>> {
  const lines = await page.locator('#host-events li').allTextContents();
  return lines.map((line) => {
    const space = line.indexOf(' ');
    return { name: line.slice(0, space), detail: JSON.parse(line.slice(space + 1)) };
  });
}

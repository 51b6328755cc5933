// Injected into every benchmark page before its own scripts (an init script). It watches the
// DOM with one MutationObserver, on the document and on every shadow root as it is attached
// (the panel renders into one), and keeps the cost off the page's critical path:
//
// - While loading, it only counts snapshot rows (`tr[data-snapshot-id]`) from the records'
//   added and removed nodes: a row is looked at when it is added, and a subtree is searched
//   only when a container element that may hold rows is added. When the count reaches
//   `window.__benchTarget`, one full query confirms it, the time is kept (`lastRowAt`,
//   performance.now(): ms since navigation start) and the benchmark is told; after the next
//   frame (requestAnimationFrame, then a task) it is told again: painted.
// - Once the benchmark sets `__bench.recording`, every record is summarised with its time: what
//   kind, where (a snapshot row, a server, the live region, a clock), how many nodes it added
//   and removed, and whether it was a no-op (an attribute or text written with the value it
//   already had). Clocks are what the panel marks as ticking (`[data-ticking]`: elapsed times,
//   "updated N s ago") and relative times (`<time>`: "3 days ago"); the live region is
//   `[role=status]` or `[aria-live]`.
(() => {
  const ROW = 'tr[data-snapshot-id]';
  // Elements that may contain rows when added as a whole subtree.
  const CONTAINERS = new Set(['DIV', 'SECTION', 'TABLE', 'TBODY', 'MAIN', 'ARTICLE', 'UL', 'LI']);
  const bench = {
    target: Number(window.__benchTarget ?? Infinity),
    rows: new Set(),
    lastRowAt: null,
    paintedAt: null,
    recording: false,
    records: [],
    roots: [document],
  };
  window.__bench = bench;
  if (performance.setResourceTimingBufferSize) performance.setResourceTimingBufferSize(100000);

  const notify = (name, value) => {
    if (typeof window.__benchNotify === 'function') window.__benchNotify(name, value);
  };

  function countAdded(node) {
    if (node.nodeType !== 1) return;
    if (node.tagName === 'TR') {
      if (node.matches(ROW)) bench.rows.add(node);
    } else if (CONTAINERS.has(node.tagName) && node.firstElementChild) {
      for (const row of node.querySelectorAll(ROW)) bench.rows.add(row);
    }
  }

  function countRemoved(node) {
    if (node.nodeType !== 1) return;
    if (node.tagName === 'TR') bench.rows.delete(node);
    else if (CONTAINERS.has(node.tagName) && node.firstElementChild) {
      for (const row of node.querySelectorAll(ROW)) bench.rows.delete(row);
    }
  }

  /** All rows in the page now: one full query, run only when the count says it is done. */
  function rowsInPage() {
    let n = 0;
    for (const root of bench.roots) n += root.querySelectorAll(ROW).length;
    return n;
  }

  const elementOf = (node) => (node.nodeType === 1 ? node : node.parentElement);

  function describe(element) {
    if (!element) return '(detached)';
    const cls = typeof element.className === 'string' && element.className ? `.${element.className.trim().split(/\s+/).join('.')}` : '';
    return `${element.tagName.toLowerCase()}${cls}`;
  }

  function summarise(record, at) {
    const element = elementOf(record.target);
    let region = 'other';
    if (element?.closest('[data-ticking], time')) region = 'clock';
    else if (element?.closest('[role="status"], [aria-live]')) region = 'live';
    let noop = false;
    if (record.type === 'attributes') {
      noop = record.oldValue === record.target.getAttribute(record.attributeName);
    } else if (record.type === 'characterData') {
      noop = record.oldValue === record.target.data;
    }
    const row = element?.closest('tr[data-snapshot-id]');
    const server = element?.closest('[data-server-id]');
    const where = row
      ? `row ${row.getAttribute('data-snapshot-id')}`
      : server
        ? `server ${server.getAttribute('data-server-id')}`
        : element?.closest('.sp-notices')
          ? 'notices'
          : 'page';
    const names = (list) => [...list].map((n) => (n.nodeType === 3 ? '#text' : n.nodeType === 1 ? describe(n) : `#${n.nodeName}`));
    return {
      at,
      type: record.type,
      region,
      where,
      target: record.target.nodeType === 3 ? `${describe(element)} > #text` : describe(element),
      attribute: record.attributeName ?? undefined,
      added: record.addedNodes.length,
      removed: record.removedNodes.length,
      addedNames: names(record.addedNodes),
      removedNames: names(record.removedNodes),
      noop,
    };
  }

  let confirmPending = false;
  const observer = new MutationObserver((records) => {
    const at = performance.now();
    if (bench.lastRowAt === null) {
      for (const record of records) {
        if (record.type !== 'childList') continue;
        for (const node of record.removedNodes) countRemoved(node);
        for (const node of record.addedNodes) countAdded(node);
      }
      if (bench.rows.size >= bench.target || confirmPending) {
        // Rows counted from records; confirmed once against the page.
        if (rowsInPage() >= bench.target) {
          bench.lastRowAt = at;
          notify('rows', at);
          requestAnimationFrame(() =>
            setTimeout(() => {
              bench.paintedAt = performance.now();
              notify('painted', bench.paintedAt);
            }, 0),
          );
        } else {
          confirmPending = true;
        }
      }
    }
    if (bench.recording) {
      for (const record of records) bench.records.push(summarise(record, at));
    }
  });
  const options = {
    childList: true,
    subtree: true,
    attributes: true,
    attributeOldValue: true,
    characterData: true,
    characterDataOldValue: true,
  };
  observer.observe(document, options);
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function attachShadowObserved(init) {
    const root = attachShadow.call(this, init);
    bench.roots.push(root);
    observer.observe(root, options);
    return root;
  };

  /** Every element in the page, shadow roots included. */
  bench.elementCount = () => {
    let n = 0;
    for (const root of bench.roots) n += root.querySelectorAll('*').length;
    return n;
  };
})();

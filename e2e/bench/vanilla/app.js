// The benchmark's baseline: the Snapshot Panel's main screen as a developer would write it by
// hand, with no framework. It reads the same API (every page of servers/ and snapshots/), shows
// the same groups and rows with the panel's stylesheet in a shadow root, checks a running
// snapshot's server every `poll-seconds` (a query parameter, 5 by default), updates only the
// cells that changed, and stops checking while the tab is hidden.

const API = '/api/v1/';
const POLL_MS = 1000 * (Number(new URLSearchParams(location.search).get('poll-seconds')) || 5);
const LIMIT = 5;
const CREATE_MINUTES = '3–10';
const NOTICES_KEPT = 4;

// ---- API ----

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${response.status} ${response.statusText} for ${url}`);
  return response.json();
}

/** Every item of a list, following `next` links (kept to their path, sent to this origin). */
async function listAll(path) {
  const items = [];
  let url = API + path;
  while (url) {
    const page = await getJson(url);
    if (Array.isArray(page)) return items.concat(page);
    items.push(...page.results);
    url = page.next ? ((link) => link.pathname + link.search)(new URL(page.next, location.href)) : null;
  }
  return items;
}

// ---- Formatting ----

const exactTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function formatSize(mb) {
  if (mb === null || mb === undefined) return '—';
  if (mb < 1024) return `${mb} MB`;
  const gb = mb / 1024;
  return Math.round(gb * 10) < 10240 ? `${gb.toFixed(1)} GB` : `${(gb / 1024).toFixed(1)} TB`;
}

const plural = (n, unit) => `${n} ${unit}${n === 1 ? '' : 's'}`;

function formatRelative(thenMs, nowMs) {
  const ago = Math.floor((nowMs - thenMs) / 1000);
  const days = Math.floor(ago / 86400);
  if (ago < 45) return 'just now';
  if (ago < 3600) return `${plural(Math.max(1, Math.floor(ago / 60)), 'minute')} ago`;
  if (ago < 86400) return `${plural(Math.floor(ago / 3600), 'hour')} ago`;
  if (ago < 172800) return 'yesterday';
  if (days < 30) return `${days} days ago`;
  if (days < 365) return `${plural(Math.max(1, Math.floor(days / 30)), 'month')} ago`;
  return `${plural(Math.floor(days / 365), 'year')} ago`;
}

function formatElapsed(secs) {
  const m = Math.floor(secs / 60);
  const s = String(secs % 60).padStart(2, '0');
  return m >= 60 ? `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

function elapsedNote(createdAt) {
  const secs = Math.max(0, Math.floor((Date.now() - Date.parse(createdAt)) / 1000));
  return secs > 600
    ? `${formatElapsed(secs)} elapsed: taking longer than the usual ${CREATE_MINUTES} minutes. Still checking.`
    : `${formatElapsed(secs)} elapsed, usually ${CREATE_MINUTES} minutes`;
}

function formatUpdated(secs) {
  if (secs < 5) return 'updated just now';
  if (secs < 60) return `updated ${secs} s ago`;
  if (secs < 3600) return `updated ${Math.floor(secs / 60)} min ago`;
  return `updated ${Math.floor(secs / 3600)} h ago`;
}

const STATUS_LABELS = { in_progress: 'In progress', completed: 'Completed', failed: 'Failed' };
const SERVER_LABELS = { active: 'Running', stopped: 'Stopped', suspended: 'Suspended', restoring: 'Restoring' };
const label = (status) => STATUS_LABELS[status] ?? String(status ?? 'unknown').replaceAll('_', ' ');

// ---- DOM ----

/** An element with attributes (null and false ones left out) and children (text or nodes). */
function h(tag, attrs, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') element.className = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.filter((child) => child !== null && child !== undefined));
  return element;
}

function badge(snapshot) {
  if (snapshot.status === 'in_progress') {
    return [
      h('span', { class: 'sp-badge sp-badge--progress' }, h('span', { class: 'sp-spinner', 'aria-hidden': 'true' }), 'In progress'),
      h('span', { class: 'sp-elapsed', 'data-ticking': true, 'data-since': snapshot.created_at }, elapsedNote(snapshot.created_at)),
    ];
  }
  const tone = { completed: 'done', failed: 'failed' }[snapshot.status] ?? 'other';
  return [h('span', { class: `sp-badge sp-badge--${tone}` }, label(snapshot.status))];
}

function restoreBlocker(snapshot) {
  if (snapshot.status === 'completed') return null;
  return snapshot.status === 'in_progress'
    ? 'This snapshot is still being created; it can be restored once it is completed.'
    : 'Only completed snapshots can be restored.';
}

function actionButton(verb, action, snapshot, tone, blocker) {
  return h(
    'button',
    {
      type: 'button',
      class: `sp-button sp-button--small ${tone}`,
      'data-action': action,
      'aria-disabled': blocker ? 'true' : null,
      title: blocker,
    },
    verb,
    h('span', { class: 'sp-vh' }, ` ${snapshot.name}`),
  );
}

function row(snapshot) {
  const created = Date.parse(snapshot.created_at);
  const description = snapshot.description
    ? h('span', null, snapshot.description)
    : h('span', { class: 'sp-muted', 'aria-label': 'No description' }, '—');
  return h(
    'tr',
    { class: 'sp-row', 'data-snapshot-id': snapshot.id },
    h('td', { class: 'sp-row__select' }, h('input', { type: 'checkbox', 'aria-label': `Select ${snapshot.name}` })),
    h('th', { scope: 'row', class: 'sp-row__name' }, snapshot.name),
    h('td', null, ...badge(snapshot)),
    h('td', { class: 'sp-row__size' }, formatSize(snapshot.size_mb)),
    h(
      'td',
      null,
      Number.isNaN(created)
        ? h('span', { class: 'sp-muted' }, 'Unknown')
        : h('time', { datetime: snapshot.created_at, title: exactTime.format(created), 'data-at': created }, formatRelative(created, Date.now())),
    ),
    h('td', { class: 'sp-row__description' }, description),
    h(
      'td',
      { class: 'sp-row__actions' },
      actionButton('Restore', 'restore', snapshot, 'sp-button--secondary', restoreBlocker(snapshot)),
      actionButton('Delete', 'delete', snapshot, 'sp-button--danger-quiet', null),
    ),
  );
}

function serverSection(server, snapshots) {
  const full = snapshots.length >= LIMIT;
  const status = SERVER_LABELS[server.status] ? server.status : 'other';
  return h(
    'section',
    { class: 'sp-server', id: `server-${server.id}`, 'data-server-id': server.id, 'aria-labelledby': `server-${server.id}-title` },
    h(
      'header',
      { class: 'sp-server__header' },
      h(
        'div',
        { class: 'sp-server__title' },
        h('h3', { id: `server-${server.id}-title` }, h('a', { href: `#server-${server.id}` }, server.name)),
        h('span', { class: `sp-server-status sp-server-status--${status}` }, SERVER_LABELS[server.status] ?? label(server.status)),
      ),
      h(
        'div',
        { class: 'sp-server__meta' },
        h('span', { class: `sp-slots sp-slots--${Math.min(snapshots.length, LIMIT)}` }, h('span', { class: 'sp-slots__bar', 'aria-hidden': 'true' }), `${snapshots.length} of ${LIMIT} snapshots`),
        h(
          'button',
          {
            type: 'button',
            class: 'sp-button sp-button--small sp-button--primary',
            'aria-disabled': full ? 'true' : null,
            title: full ? `This server has ${snapshots.length} of ${LIMIT} snapshots, the most it can have. Delete one to make room.` : null,
          },
          'New snapshot',
          h('span', { class: 'sp-vh' }, ` of ${server.name}`),
        ),
      ),
    ),
    full
      ? h('p', { class: 'sp-limit' }, 'This server has the most snapshots it can have. To take a new one, delete one first. ', h('button', { type: 'button', class: 'sp-button sp-button--link', 'data-action': 'delete', 'data-snapshot-id': snapshots.at(-1).id }, `Delete the oldest, ${snapshots.at(-1).name}…`))
      : null,
    snapshots.length === 0
      ? h('p', { class: 'sp-empty' }, `${server.name} has no snapshots yet.`)
      : h(
          'table',
          { class: 'sp-table' },
          h('caption', { class: 'sp-vh' }, `Snapshots of ${server.name}`),
          h('thead', null, h('tr', null, h('th', { scope: 'col', class: 'sp-row__select' }, h('input', { type: 'checkbox', 'aria-label': `Select all snapshots of ${server.name}` })), ...['Name', 'Status', 'Size', 'Created', 'Description'].map((name) => h('th', { scope: 'col' }, name)), h('th', { scope: 'col' }, h('span', { class: 'sp-vh' }, 'Actions')))),
          h('tbody', null, ...snapshots.map(row)),
        ),
  );
}

// ---- The page ----

const state = {
  servers: new Map(), // id → server
  snapshots: new Map(), // id → snapshot
  updatedAt: null,
  pollTimer: null,
  polling: false,
};
let root;
let live;
let notices;
let updated;

function mountShell(sheet) {
  const shadow = document.getElementById('snapshot-panel').attachShadow({ mode: 'open' });
  shadow.adoptedStyleSheets = [sheet];
  live = h('div', { class: 'sp-live sp-vh', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  notices = h('ul', { class: 'sp-notices', 'aria-label': 'Notices' });
  updated = h('span', { class: 'sp-updated', 'data-ticking': true });
  root = h('div', { class: 'sp-servers' }, h('p', { class: 'sp-loading' }, 'Loading snapshots…'));
  shadow.append(
    h(
      'div',
      { class: 'sp-root' },
      h(
        'div',
        { class: 'sp-panel' },
        h('header', { class: 'sp-header' }, h('h1', { class: 'sp-header__title' }, 'Snapshots')),
        live,
        notices,
        h(
          'div',
          { class: 'sp-page' },
          h('div', { class: 'sp-page__head' }, h('h2', { class: 'sp-page__title' }, 'All servers')),
          h('div', { class: 'sp-toolbar' }, updated),
          root,
        ),
      ),
    ),
  );
  shadow.addEventListener('click', onClick);
}

/** Snapshots grouped by server id, newest first (the API's order). */
function byServer(snapshots) {
  const groups = new Map();
  for (const snapshot of snapshots) {
    const id = snapshot.server?.id;
    if (!groups.has(id)) groups.set(id, []);
    groups.get(id).push(snapshot);
  }
  return groups;
}

function render() {
  const groups = byServer(state.snapshots.values());
  const fragment = document.createDocumentFragment();
  for (const server of state.servers.values()) fragment.append(serverSection(server, groups.get(server.id) ?? []));
  root.replaceChildren(fragment);
}

function say(text) {
  live.textContent = text;
  notices.append(h('li', { class: 'sp-notice sp-notice--success' }, h('span', { class: 'sp-notice__text' }, text), h('button', { type: 'button', class: 'sp-button sp-button--quiet', 'data-action': 'dismiss', 'aria-label': `Dismiss: ${text}` }, '×')));
  while (notices.children.length > NOTICES_KEPT) notices.firstElementChild.remove();
}

function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

/** A poll's answer for one snapshot already on screen: only the cells that changed. */
function updateRow(before, after) {
  const tr = root.querySelector(`tr[data-snapshot-id="${after.id}"]`);
  if (!tr) return;
  const [name, status, size, , description, actions] = tr.children;
  if (before.name !== after.name) {
    name.textContent = after.name;
    for (const hidden of actions.querySelectorAll('.sp-vh')) hidden.textContent = ` ${after.name}`;
  }
  if (before.status !== after.status) {
    status.replaceChildren(...badge(after));
    const restore = actions.querySelector('[data-action="restore"]');
    const blocker = restoreBlocker(after);
    if (blocker) {
      restore.setAttribute('aria-disabled', 'true');
      restore.title = blocker;
    } else {
      restore.removeAttribute('aria-disabled');
      restore.removeAttribute('title');
    }
    if (before.status === 'in_progress') {
      const server = state.servers.get(after.server?.id)?.name ?? `Server ${after.server?.id}`;
      say(after.status === 'completed' ? `Snapshot ${after.name} of ${server} is ready.` : `Snapshot ${after.name} of ${server} ended: ${label(after.status)}.`);
    }
  }
  if (before.size_mb !== after.size_mb) setText(size, formatSize(after.size_mb));
  if ((before.description || '') !== (after.description || '')) {
    description.replaceChildren(after.description ? h('span', null, after.description) : h('span', { class: 'sp-muted', 'aria-label': 'No description' }, '—'));
  }
}

/** One server's snapshots, fresh from the API: rows updated in place, or its section redrawn when rows came or went. */
function applyServer(serverId, fresh) {
  const old = [...state.snapshots.values()].filter((s) => s.server?.id === serverId);
  const same = old.length === fresh.length && fresh.every((s) => state.snapshots.has(s.id));
  if (same) {
    for (const snapshot of fresh) {
      updateRow(state.snapshots.get(snapshot.id), snapshot);
      state.snapshots.set(snapshot.id, snapshot);
    }
    return;
  }
  for (const snapshot of old) state.snapshots.delete(snapshot.id);
  for (const snapshot of fresh) state.snapshots.set(snapshot.id, snapshot);
  const section = root.querySelector(`section[data-server-id="${serverId}"]`);
  const server = state.servers.get(serverId);
  if (section && server) section.replaceWith(serverSection(server, fresh));
}

function runningServers() {
  const ids = new Set();
  for (const snapshot of state.snapshots.values()) if (snapshot.status === 'in_progress') ids.add(snapshot.server?.id);
  return ids;
}

function schedulePoll() {
  clearTimeout(state.pollTimer);
  state.pollTimer = null;
  if (!document.hidden && runningServers().size > 0) state.pollTimer = setTimeout(poll, POLL_MS);
}

async function poll() {
  clearTimeout(state.pollTimer);
  state.pollTimer = null;
  if (state.polling) return;
  state.polling = true;
  for (const id of runningServers()) {
    try {
      applyServer(id, await listAll(`snapshots/?server_id=${id}`));
      state.updatedAt = Date.now();
    } catch (error) {
      console.warn('poll failed', error);
    }
  }
  state.polling = false;
  tick();
  schedulePoll();
}

/** Once a second: the elapsed times of running snapshots and "updated N s ago"; once a minute, "3 days ago". */
let ticks = 0;
function tick() {
  if (state.updatedAt !== null) setText(updated, formatUpdated(Math.floor((Date.now() - state.updatedAt) / 1000)));
  for (const elapsed of root.querySelectorAll('.sp-elapsed[data-since]')) setText(elapsed, elapsedNote(elapsed.dataset.since));
  ticks += 1;
  if (ticks % 60 === 0) {
    const now = Date.now();
    for (const time of root.querySelectorAll('time[data-at]')) setText(time, formatRelative(Number(time.dataset.at), now));
  }
}

async function onClick(event) {
  const button = event.target.closest('button[data-action]');
  if (!button || button.getAttribute('aria-disabled') === 'true') return;
  if (button.dataset.action === 'dismiss') return button.closest('li').remove();
  const id = Number(button.dataset.snapshotId ?? button.closest('tr')?.dataset.snapshotId);
  const snapshot = state.snapshots.get(id);
  if (!snapshot) return;
  const restore = button.dataset.action === 'restore';
  const question = restore
    ? `Restore ${snapshot.name}? Everything on the server now is replaced, and this cannot be undone.`
    : `Delete ${snapshot.name}? This cannot be undone.`;
  if (!confirm(question)) return;
  const response = await fetch(restore ? `${API}snapshots/${id}/restore/` : `${API}snapshots/${id}/`, {
    method: restore ? 'POST' : 'DELETE',
    headers: { Accept: 'application/json' },
  });
  say(response.ok ? `${restore ? 'Restore of' : 'Deleted'} ${snapshot.name}${restore ? ' started' : ''}.` : `The API refused: ${response.status}.`);
}

async function start() {
  const sheet = new CSSStyleSheet();
  const css = fetch('panel.css').then((response) => response.text());
  const lists = Promise.all([listAll('servers/'), listAll('snapshots/')]);
  sheet.replaceSync(await css);
  mountShell(sheet);
  try {
    const [servers, snapshots] = await lists;
    state.servers = new Map(servers.map((server) => [server.id, server]));
    state.snapshots = new Map(snapshots.map((snapshot) => [snapshot.id, snapshot]));
    state.updatedAt = Date.now();
    render();
  } catch (error) {
    root.replaceChildren(h('p', { class: 'sp-alert sp-alert--problem', role: 'alert' }, `The snapshots couldn't be loaded: ${error.message}`));
    return;
  }
  tick();
  setInterval(tick, 1000);
  schedulePoll();
  document.addEventListener('visibilitychange', () => (document.hidden ? schedulePoll() : poll()));
}

start();

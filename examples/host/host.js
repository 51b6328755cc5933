// The host's script. Importing the panel's loader starts the panel's WebAssembly, which
// defines <snapshot-panel>; the element above then mounts itself. The loader also exports
// mount(element, options), unmount(element) and setToken(element, token) for hosts that
// prefer to mount into an element of their own.
import '/snapshot-panel.js';

const events = document.getElementById('host-events');
const names = ['snapshot-created', 'restore-started', 'restore-finished', 'signed-out', 'unauthorized'];
for (const name of names) {
  document.addEventListener(`snapshot-panel:${name}`, (event) => {
    const item = document.createElement('li');
    item.textContent = `${name} ${JSON.stringify(event.detail)}`;
    events.append(item);
  });
}

// Snapshot Panel's loader: starts the WebAssembly app.
//
// index.html loads it as a module, and a host page imports it for `mount`, `unmount` and
// `setToken` (README "Embedding in a control panel"). Its name stays the same from build to
// build, so serve it with `Cache-Control: no-cache`; the files it names are content-hashed.
// Written into each build by trunk's post-build hook (`cargo xtask loader`, see Trunk.toml).
// Every URL is relative to this file, so it works under any path.

// The wasm download starts at once, beside the glue's, instead of after it.
const module_or_path = fetch(new URL("./{wasm}", import.meta.url));
// If the glue fails to load, that failure is the one reported, not this promise's as well.
module_or_path.catch(() => {});
const app = await import("./{glue}");
await app.default({ module_or_path });

export const { mount, unmount, setToken } = app;

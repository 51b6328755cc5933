//! Talking to the page that embeds the panel: DOM events on the element it was mounted into.
//!
//! Events bubble and cross the shadow root, with a JSON-like `detail`:
//! `snapshot-panel:snapshot-created`, `snapshot-panel:restore-started`,
//! `snapshot-panel:restore-finished`, `snapshot-panel:signed-out`,
//! `snapshot-panel:unauthorized`.

use leptos::prelude::*;
use snapshot_core::model::{Server, Snapshot};
use wasm_bindgen::JsValue;

/// The element the panel lives in, to dispatch events from.
#[derive(Clone, Copy)]
pub struct Host(StoredValue<Option<web_sys::Element>, LocalStorage>);

impl Host {
    /// A link to `element`.
    pub fn new(element: Option<web_sys::Element>) -> Self {
        Self(StoredValue::new_local(element))
    }

    /// Dispatches `snapshot-panel:{name}` with `detail` built from `fields`, in a microtask:
    /// after the panel has committed what the event reports, and outside any of its own code,
    /// so a listener may even unmount the panel.
    pub fn emit(self, name: &str, fields: &[(&str, JsValue)]) {
        let Some(element) = self.0.try_get_value().flatten() else {
            return;
        };
        let detail = js_sys::Object::new();
        for (key, value) in fields {
            let _ = js_sys::Reflect::set(&detail, &JsValue::from_str(key), value);
        }
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&detail);
        if let Ok(event) =
            web_sys::CustomEvent::new_with_event_init_dict(&format!("snapshot-panel:{name}"), &init)
        {
            queue_microtask(move || {
                let _ = element.dispatch_event(&event);
            });
        }
    }

    /// A snapshot was accepted for creation.
    pub fn snapshot_created(self, snapshot: &Snapshot) {
        self.emit(
            "snapshot-created",
            &[
                ("id", JsValue::from_f64(snapshot.id as f64)),
                ("name", JsValue::from_str(&snapshot.name)),
                ("serverId", JsValue::from_f64(snapshot.server.id as f64)),
            ],
        );
    }

    /// A restore was accepted.
    pub fn restore_started(self, snapshot: &Snapshot) {
        self.emit(
            "restore-started",
            &[
                ("snapshotId", JsValue::from_f64(snapshot.id as f64)),
                ("snapshotName", JsValue::from_str(&snapshot.name)),
                ("serverId", JsValue::from_f64(snapshot.server.id as f64)),
            ],
        );
    }

    /// A server left the restoring state.
    pub fn restore_finished(self, server: &Server) {
        self.emit(
            "restore-finished",
            &[
                ("serverId", JsValue::from_f64(server.id as f64)),
                ("serverName", JsValue::from_str(&server.name)),
                ("status", JsValue::from_str(server.status.as_api_str())),
            ],
        );
    }
}

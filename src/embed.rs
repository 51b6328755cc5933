//! Mounting the panel: on its own page (autostart), or into an element of a host page through
//! the exported `mount(element, options)`, `unmount(element)` and `setToken(element, token)`.
//!
//! The panel always lives in an open shadow root on its element, with its stylesheet adopted
//! there: its styles cannot leak out, and the host's cannot reach in. Theming goes through CSS
//! custom properties, which do cross the shadow boundary (see `style/panel.css`).

use std::any::Any;
use std::cell::RefCell;

use leptos::prelude::*;
use snapshot_core::config::{read_settings, SETTING_NAMES};
use snapshot_core::i18n::LocaleSetting;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::{App, SettingsProblem};
use crate::intl::browser_languages;

/// The panel's stylesheet, applied inside its shadow root.
const PANEL_CSS: &str = include_str!("../style/panel.css");

/// A mounted panel: its element, its host token, and the handle that unmounts it when dropped.
struct Mounted {
    element: web_sys::HtmlElement,
    token: RwSignal<Option<String>>,
    _handle: Box<dyn Any>,
}

thread_local! {
    static PANELS: RefCell<Vec<Mounted>> = const { RefCell::new(Vec::new()) };
}

/// The option's name in a JS options object: `api-base` → `apiBase`.
fn camel_case(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '-' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// A value from a JS options object, as text.
fn option_text(options: &JsValue, key: &str) -> Option<String> {
    if !options.is_object() {
        return None;
    }
    let value = js_sys::Reflect::get(options, &JsValue::from_str(key)).ok()?;
    if let Some(text) = value.as_string() {
        Some(text)
    } else if let Some(number) = value.as_f64() {
        Some(format!("{number}"))
    } else {
        value
            .as_bool()
            .map(|b| if b { "on".to_owned() } else { "off".to_owned() })
    }
}

/// `<meta name="snapshot-panel:NAME" content="...">` in the document.
fn meta_setting(name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let meta = document
        .query_selector(&format!("meta[name=\"snapshot-panel:{name}\"]"))
        .ok()??;
    meta.get_attribute("content")
}

/// Mounts the panel into `element`, replacing any panel already there.
///
/// Settings come from `options` (`{apiBase, auth, serverId, timeoutMs, routing, pollSeconds, locale, token}`), then
/// the element's `data-` attributes (`data-api-base`, …; plain `api-base`, … on a
/// `<snapshot-panel>` element), then the page's `<meta name="snapshot-panel:...">` tags.
#[wasm_bindgen]
pub fn mount(element: web_sys::HtmlElement, options: JsValue) -> Result<(), JsValue> {
    mount_with(element, &options, false)
}

fn mount_with(
    element: web_sys::HtmlElement,
    options: &JsValue,
    own_page: bool,
) -> Result<(), JsValue> {
    unmount(&element);
    let is_custom = element.tag_name().eq_ignore_ascii_case("snapshot-panel");
    let lookup = |name: &str| {
        option_text(options, &camel_case(name))
            .or_else(|| element.get_attribute(&format!("data-{name}")))
            .or_else(|| is_custom.then(|| element.get_attribute(name)).flatten())
            .or_else(|| meta_setting(name))
    };
    // Read on its own as well: a panel whose other settings are wrong says so in its language.
    let locale = lookup("locale")
        .and_then(|value| LocaleSetting::parse(&value))
        .unwrap_or_default()
        .resolve(browser_languages().iter().map(String::as_str));
    let settings = read_settings(lookup);
    let token = RwSignal::new(option_text(options, "token"));

    let shadow = match element.shadow_root() {
        Some(shadow) => shadow,
        None => {
            element.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))?
        }
    };
    empty(&shadow);
    let sheet = web_sys::CssStyleSheet::new()?;
    sheet.replace_sync(PANEL_CSS)?;
    shadow.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let root = document
        .create_element("div")?
        .dyn_into::<web_sys::HtmlElement>()?;
    root.set_class_name("sp-root");
    root.set_attribute("lang", locale.tag())?;
    shadow.append_child(&root)?;

    let host_element: web_sys::Element = element.clone().into();
    let handle = mount_to(root, move || {
        provide_context(locale);
        match settings {
            Ok(settings) => {
                let routing = settings.routing.unwrap_or(own_page);
                view! { <App settings routing host_element=Some(host_element) host_token=token /> }
                    .into_any()
            }
            Err(errors) => view! { <SettingsProblem errors /> }.into_any(),
        }
    });
    PANELS.with_borrow_mut(|panels| {
        panels.push(Mounted {
            element,
            token,
            _handle: Box::new(handle),
        });
    });
    Ok(())
}

/// Unmounts the panel from `element`: its timers stop, its requests are aborted, and its
/// shadow root is emptied. Returns whether a panel was there.
#[wasm_bindgen]
pub fn unmount(element: &web_sys::HtmlElement) -> bool {
    let removed = PANELS.with_borrow_mut(|panels| {
        let at = panels.iter().position(|p| p.element == *element)?;
        Some(panels.remove(at))
    });
    let found = removed.is_some();
    // Dropped outside the borrow: unmounting may run cleanups that touch PANELS. The token's
    // signal belongs to no owner (it outlives none of the panel's): it goes with the panel.
    if let Some(Mounted { token, _handle, .. }) = removed {
        drop(_handle);
        token.dispose();
    }
    // Only a shadow root the panel filled: a host element may have one of its own.
    if let Some(shadow) = element.shadow_root().filter(|_| found) {
        empty(&shadow);
    }
    found
}

/// Empties a shadow root node by node: setting `innerHTML`, even to "", is refused by a host
/// page that requires Trusted Types.
fn empty(shadow: &web_sys::ShadowRoot) {
    while let Some(child) = shadow.first_child() {
        if shadow.remove_child(&child).is_err() {
            break;
        }
    }
}

/// Hands a new API token to the panel in `element` (auth mode `host`), for when the host's
/// token rotates. Returns whether a panel was there.
#[wasm_bindgen(js_name = setToken)]
pub fn set_token(element: &web_sys::HtmlElement, token: Option<String>) -> bool {
    let token_signal = PANELS.with_borrow(|panels| {
        panels
            .iter()
            .find(|p| p.element == *element)
            .map(|p| p.token)
    });
    match token_signal {
        Some(signal) => {
            signal.set(token.filter(|t| !t.trim().is_empty()));
            true
        }
        None => false,
    }
}

#[wasm_bindgen(inline_js = r#"
export function defineSnapshotPanelElement(connect, disconnect, rotate, settings) {
  // The stylesheet's unit (style/panel.css): computed once at the panel's root, inherited as a
  // length. Registered for the whole page, so only once; a browser without it falls back on em.
  try {
    CSS.registerProperty({ name: '--sp-rem', syntax: '<length>', inherits: true, initialValue: '16px' });
  } catch (_) {}
  if (!window.customElements || customElements.get('snapshot-panel')) return;
  class SnapshotPanelElement extends HTMLElement {
    static get observedAttributes() { return settings.flatMap((name) => [name, 'data-' + name]); }
    // A setting changed on a live panel starts it again with the new value. (The attributes
    // it is created with come before it is connected, and are read then.)
    attributeChangedCallback(_name, before, now) {
      if (before !== now && this._live) connect(this, { token: this._token });
    }
    connectedCallback() {
      // A token set before this script defined the element is an own property that hides the
      // setter: take it as the setter would, and let the setter show through again.
      if (Object.prototype.hasOwnProperty.call(this, 'token')) {
        const token = this.token;
        delete this.token;
        this._token = token;
      }
      this._live = true;
      connect(this, { token: this._token });
    }
    disconnectedCallback() { this._live = false; disconnect(this); }
    get token() { return undefined; }
    set token(value) { this._token = value; if (this.isConnected) rotate(this, value); }
  }
  customElements.define('snapshot-panel', SnapshotPanelElement);
}
"#)]
extern "C" {
    /// Defines `<snapshot-panel>`: it mounts on connect, mounts again when one of the
    /// `settings` attributes (plain or `data-`) changes, unmounts on disconnect, and takes a
    /// token through its `token` property (never an attribute, which would show in the DOM).
    /// Also registers the stylesheet's `--sp-rem` unit.
    #[wasm_bindgen(js_name = defineSnapshotPanelElement)]
    fn define_snapshot_panel_element(
        connect: &Closure<dyn Fn(web_sys::HtmlElement, JsValue)>,
        disconnect: &Closure<dyn Fn(web_sys::HtmlElement)>,
        rotate: &Closure<dyn Fn(web_sys::HtmlElement, Option<String>)>,
        settings: &js_sys::Array,
    );
}

/// Registers the `<snapshot-panel>` custom element, once, for the life of the page.
pub fn define_custom_element() {
    let connect = Closure::<dyn Fn(web_sys::HtmlElement, JsValue)>::new(|element, options| {
        if let Err(error) = mount(element, options) {
            web_sys::console::error_2(
                &JsValue::from_str("Snapshot Panel could not mount:"),
                &error,
            );
        }
    });
    let disconnect =
        Closure::<dyn Fn(web_sys::HtmlElement)>::new(|element: web_sys::HtmlElement| {
            unmount(&element);
        });
    let rotate = Closure::<dyn Fn(web_sys::HtmlElement, Option<String>)>::new(
        |element: web_sys::HtmlElement, token: Option<String>| {
            set_token(&element, token);
        },
    );
    let settings = SETTING_NAMES.iter().copied().map(JsValue::from_str);
    define_snapshot_panel_element(&connect, &disconnect, &rotate, &settings.collect());
    // The element outlives any one panel: its callbacks live as long as the page.
    connect.forget();
    disconnect.forget();
    rotate.forget();
}

/// Mounts the panel on its own page: into the element marked `data-snapshot-panel-autostart`,
/// owning the address bar. Does nothing on a host page without such an element.
pub fn autostart() {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("[data-snapshot-panel-autostart]")
                .ok()
                .flatten()
        })
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        if let Err(error) = mount_with(element, &JsValue::UNDEFINED, true) {
            web_sys::console::error_2(
                &JsValue::from_str("Snapshot Panel could not start:"),
                &error,
            );
        }
    }
}

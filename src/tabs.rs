//! Tabs that agree, in the browser: a `BroadcastChannel` carries what one tab of the account
//! learns to the others (and to other panels embedded in the same page), and a Web Lock
//! elects the one tab that polls for them (see `snapshot_core::tabs`).
//!
//! Where either API is missing, or the account is not known, a tab is on its own: it shares
//! nothing and polls for itself, as a single tab does.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use snapshot_core::tabs::{lock_name, Leadership, LockStep, News};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{BroadcastChannel, MessageEvent};

/// A tab's link to the others. `Copy`.
#[derive(Clone, Copy)]
pub struct Tabs {
    /// Whether this tab polls: always when it is on its own.
    pub leads: RwSignal<bool>,
    /// The channel, once the account is known; `None` on its own.
    channel: StoredValue<Option<SendWrapper<Channel>>>,
    /// Who hears the other tabs' news.
    hear: StoredValue<Option<Callback<News>>>,
    /// The view shown, and whether this tab wants to poll: kept for when a lock is asked.
    scope: StoredValue<Option<u64>>,
    wanted: StoredValue<bool>,
    /// The lock of the view shown, when the browser has Web Locks and a channel is open.
    lock: StoredValue<Option<String>>,
    leadership: StoredValue<Leadership>,
    /// Gives the lock back: the `resolve` of the promise the lock is held by.
    release: StoredValue<Option<SendWrapper<js_sys::Function>>>,
}

struct Channel {
    name: String,
    port: BroadcastChannel,
    _listener: Closure<dyn FnMut(MessageEvent)>,
}

impl Tabs {
    /// A tab on its own until [`Self::connect`], for the current owner; everything it holds
    /// goes with it.
    pub fn new(hear: Callback<News>) -> Self {
        let tabs = Self {
            leads: RwSignal::new(true),
            channel: StoredValue::new(None),
            hear: StoredValue::new(Some(hear)),
            scope: StoredValue::new(None),
            wanted: StoredValue::new(false),
            lock: StoredValue::new(None),
            leadership: StoredValue::new(Leadership::default()),
            release: StoredValue::new(None),
        };
        on_cleanup(move || tabs.close());
        tabs
    }

    /// Joins the tabs of `channel` (one per API and account): from now on this tab hears
    /// them, tells them, and polls only while it holds its view's lock. Joining another
    /// channel (another account) leaves the first.
    pub fn connect(self, channel: String) {
        if self
            .channel
            .with_value(|c| c.as_ref().is_some_and(|c| c.name == channel))
        {
            return;
        }
        self.close();
        let Ok(port) = BroadcastChannel::new(&channel) else {
            return;
        };
        let hear = self.hear.get_value();
        let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let news = ev.data().as_string().as_deref().and_then(News::decode);
            if let (Some(news), Some(hear)) = (news, hear) {
                hear.run(news);
            }
        });
        port.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        let name = channel.clone();
        self.channel.set_value(Some(SendWrapper::new(Channel {
            name: channel,
            port,
            _listener: listener,
        })));
        // Only with Web Locks may a tab leave the polling to another.
        if lock_manager().is_some() {
            self.lock
                .set_value(Some(lock_name(&name, self.scope.get_value())));
            self.leadership.update_value(Leadership::reset);
            self.leads.set(false);
            let wanted = self.wanted.get_value();
            if let Some(step) = self.leadership.try_update_value(|l| l.want(wanted)) {
                self.act(step);
            }
        }
    }

    /// Tells the other tabs.
    pub fn tell(self, news: &News) {
        self.channel.with_value(|channel| {
            if let Some(channel) = channel {
                let _ = channel
                    .port
                    .post_message(&JsValue::from_str(&news.encode()));
            }
        });
    }

    /// The view shown now: the lock to poll under is that view's.
    pub fn follow_scope(self, scope: Option<u64>) {
        self.scope.set_value(scope);
        let Some(name) = self
            .channel
            .with_value(|channel| channel.as_ref().map(|c| lock_name(&c.name, scope)))
        else {
            return;
        };
        if self
            .lock
            .with_value(|lock| lock.is_none() || lock.as_deref() == Some(name.as_str()))
        {
            return;
        }
        self.lock.set_value(Some(name));
        let Some((release, next)) = self.leadership.try_update_value(Leadership::moved) else {
            return;
        };
        if release {
            self.give_back();
        }
        self.act(next);
    }

    /// Whether this tab wants to poll (in front, or following in the background).
    pub fn want(self, wanted: bool) {
        self.wanted.set_value(wanted);
        if self.lock.with_value(Option::is_none) {
            return;
        }
        if let Some(step) = self.leadership.try_update_value(|l| l.want(wanted)) {
            self.act(step);
        }
    }

    fn act(self, step: LockStep) {
        match step {
            LockStep::Ask(ticket) => self.ask(ticket),
            LockStep::Release => self.give_back(),
            LockStep::Nothing => {}
        }
    }

    /// Asks the browser for the view's lock; [`Self::granted`] hears the answer.
    fn ask(self, ticket: u64) {
        let (Some(locks), Some(name)) = (lock_manager(), self.lock.get_value()) else {
            return;
        };
        let callback = Closure::once_into_js(move |_lock: JsValue| -> JsValue {
            // The lock is held until this promise settles: its `resolve` gives it back.
            js_sys::Promise::new(&mut |resolve, _reject| self.granted(ticket, resolve)).into()
        });
        let request = js_sys::Reflect::get(&locks, &JsValue::from_str("request"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        let Some(request) = request else {
            return;
        };
        if let Ok(pending) = request.call2(&locks, &JsValue::from_str(&name), &callback) {
            // A request cut short by the page going away rejects: nothing to say about it.
            ignore_rejection(&pending);
        }
    }

    fn granted(self, ticket: u64, resolve: js_sys::Function) {
        match self.leadership.try_update_value(|l| l.granted(ticket)) {
            Some(LockStep::Nothing) => {
                self.release.set_value(Some(SendWrapper::new(resolve)));
                self.leads.set(true);
            }
            // Not wanted any more, or the page is gone.
            _ => {
                let _ = resolve.call0(&JsValue::NULL);
            }
        }
    }

    fn give_back(self) {
        if let Some(resolve) = self.release.try_update_value(Option::take).flatten() {
            let _ = resolve.call0(&JsValue::NULL);
        }
        self.leads.try_set(false);
    }

    /// Leaves the channel and gives back the lock: on its own again.
    fn close(self) {
        self.give_back();
        self.lock.try_set_value(None);
        if let Some(channel) = self.channel.try_update_value(Option::take).flatten() {
            channel.port.set_onmessage(None);
            channel.port.close();
        }
        self.leads.try_set(true);
    }
}

/// `navigator.locks`, where the browser has Web Locks (secure contexts only).
fn lock_manager() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    let locks = js_sys::Reflect::get(&navigator, &JsValue::from_str("locks")).ok()?;
    locks.is_object().then_some(locks)
}

/// Attaches a handler that swallows `promise`'s rejection, if it is a promise.
fn ignore_rejection(promise: &JsValue) {
    let Some(promise) = promise.dyn_ref::<js_sys::Promise>() else {
        return;
    };
    let swallow = Closure::once_into_js(|_: JsValue| {});
    if let Ok(catch) = js_sys::Reflect::get(promise, &JsValue::from_str("catch"))
        .and_then(|f| f.dyn_into::<js_sys::Function>())
    {
        let _ = catch.call1(promise, &swallow);
    }
}

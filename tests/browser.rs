//! Browser tests: the real gloo-net path against the simulator, and the panel mounted into a
//! page, in headless Chromium (`cargo xtask test` runs them with the simulator on
//! `SIMULATOR_URL`, with its control endpoints and CORS).
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use futures::future::{select, Either};
use leptos::prelude::*;
use snapshot_core::model::NewSnapshot;
use snapshot_core::url::ApiBase;
use snapshot_core::{ApiError, Locale, NoAnswer};
use snapshot_panel::api::{abandoned_requests, Client};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SIM: &str = match option_env!("SIMULATOR_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:18788",
};

fn client_with(token: Option<&str>, timeout_ms: u32, unauthorized: RwSignal<u32>) -> Client {
    Client::new(
        ApiBase::new(&format!("{SIM}/api/v1/")),
        RwSignal::new(token.map(str::to_owned)),
        timeout_ms,
        Locale::En,
        Callback::new(move |()| unauthorized.update(|n| *n += 1)),
    )
}

fn alice() -> Client {
    client_with(Some("vps_demo_alice"), 10_000, RwSignal::new(0))
}

async fn control(method: &str, path: &str, body: &str) {
    let request = gloo_net::http::RequestBuilder::new(&format!("{SIM}/__sim/{path}"))
        .method(match method {
            "DELETE" => gloo_net::http::Method::DELETE,
            _ => gloo_net::http::Method::POST,
        })
        .header("Content-Type", "application/json")
        .body(body.to_owned())
        .unwrap();
    let response = request.send().await.unwrap();
    assert!(
        response.ok(),
        "control {path} answered {}",
        response.status()
    );
}

async fn reset() {
    control(
        "POST",
        "reset",
        r#"{"create_secs": 1, "restore_secs": 1, "page_size": 20}"#,
    )
    .await;
}

async fn fault(spec: &str) {
    control("POST", "faults", spec).await;
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn reads_the_doc_example_through_fetch() {
    reset().await;
    let listed = alice().list_snapshots(Some(12345)).await.unwrap();
    let names: Vec<_> = listed.items.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        ["pre-migration-snapshot", "weekly-snapshot-2025-01-08"]
    );
    assert_eq!(listed.items[0].size_mb, Some(5120));
    assert_eq!(
        listed.items[0].description.as_deref(),
        Some("Before major migration")
    );
    assert_eq!(listed.skipped, 0);
}

#[wasm_bindgen_test]
async fn follows_next_links_until_the_whole_list_is_read() {
    control("POST", "reset", r#"{"page_size": 2}"#).await;
    let everything = alice().list_snapshots(None).await.unwrap();
    control("POST", "reset", r#"{"page_size": 100}"#).await;
    let one_page = alice().list_snapshots(None).await.unwrap();
    assert!(everything.items.len() > 2, "more than one page was read");
    let ids = |l: &snapshot_panel::api::Listed<snapshot_core::Snapshot>| {
        l.items.iter().map(|s| s.id).collect::<Vec<_>>()
    };
    assert_eq!(ids(&everything), ids(&one_page));
}

#[wasm_bindgen_test]
async fn a_refused_name_comes_back_on_its_field() {
    reset().await;
    let new = NewSnapshot {
        server_id: 12345,
        name: "pre-migration-snapshot".into(),
        description: None,
    };
    match alice().create_snapshot(&new).await {
        Err(ApiError::Validation(errors)) => {
            let messages = errors.for_field("name").unwrap();
            assert!(messages[0].contains("already exists"), "{messages:?}");
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn the_sixth_snapshot_is_the_limit() {
    reset().await;
    let new = NewSnapshot {
        server_id: 12346,
        name: "one-too-many".into(),
        description: None,
    };
    assert!(matches!(
        alice().create_snapshot(&new).await,
        Err(ApiError::LimitReached { .. })
    ));
}

#[wasm_bindgen_test]
async fn a_bad_token_is_unauthorized_and_reported() {
    reset().await;
    let told = RwSignal::new(0);
    let client = client_with(Some("vps_not_a_token"), 10_000, told);
    assert_eq!(client.me().await.unwrap_err(), ApiError::Unauthorized);
    assert_eq!(
        told.get_untracked(),
        1,
        "the 401 was reported to the session"
    );
}

#[wasm_bindgen_test]
async fn a_missing_permission_is_forbidden_with_its_name() {
    reset().await;
    let carol = client_with(Some("vps_readonly_carol"), 10_000, RwSignal::new(0));
    match carol.delete_snapshot(950).await {
        Err(ApiError::Forbidden {
            detail: Some(detail),
        }) => assert!(detail.contains("snapshots:write"), "{detail}"),
        other => panic!("expected 403, got {other:?}"),
    }
}

/// How many /api/ requests the simulator has answered since its last reset.
async fn api_requests(method: &str, path: &str) -> usize {
    let response = gloo_net::http::Request::get(&format!("{SIM}/__sim/requests"))
        .send()
        .await
        .unwrap();
    let log: Vec<serde_json::Value> = response.json().await.unwrap();
    log.iter()
        .filter(|r| r["method"] == method && r["path"].as_str().unwrap_or("").starts_with(path))
        .count()
}

#[wasm_bindgen_test]
async fn a_proxy_error_page_is_retried_and_then_read() {
    reset().await;
    fault(r#"{"kinds": ["html502"], "count": 1}"#).await;
    let servers = alice().list_servers().await.unwrap();
    assert!(!servers.items.is_empty(), "the second try was read");
    assert_eq!(api_requests("GET", "/api/v1/servers/").await, 2);
}

#[wasm_bindgen_test]
async fn a_proxy_error_page_that_lasts_is_a_server_error_without_html() {
    reset().await;
    fault(r#"{"kinds": ["html502"], "count": 10}"#).await;
    let error = alice().list_servers().await.unwrap_err();
    assert!(
        matches!(error, ApiError::Server { status: 502, .. }),
        "{error:?}"
    );
    assert!(!error.message(Locale::En).contains('<'));
    assert_eq!(
        api_requests("GET", "/api/v1/servers/").await,
        4,
        "one try and three retries"
    );
    control("DELETE", "faults", "").await;
}

#[wasm_bindgen_test]
async fn truncated_json_is_retried_then_malformed() {
    reset().await;
    fault(r#"{"kinds": ["truncated"], "count": 1}"#).await;
    let listed = alice().list_snapshots(Some(12345)).await.unwrap();
    assert_eq!(listed.items.len(), 2, "the second try was read");
    fault(r#"{"kinds": ["truncated"], "count": 10}"#).await;
    let error = alice().list_snapshots(Some(12345)).await.unwrap_err();
    assert!(
        matches!(error, ApiError::Malformed { status: 200, .. }),
        "{error:?}"
    );
    control("DELETE", "faults", "").await;
}

#[wasm_bindgen_test]
async fn a_change_is_never_sent_twice() {
    reset().await;
    fault(r#"{"kinds": ["html502"], "method": "POST", "count": 1}"#).await;
    let new = NewSnapshot {
        server_id: 12347,
        name: "sent-once".into(),
        description: None,
    };
    let error = alice().create_snapshot(&new).await.unwrap_err();
    assert_eq!(error.no_answer(), Some(NoAnswer::Failed(502)), "{error:?}");
    assert_eq!(api_requests("POST", "/api/v1/snapshots/").await, 1);
}

#[wasm_bindgen_test]
async fn a_long_rate_limit_is_not_waited_for() {
    reset().await;
    fault(r#"{"kinds": ["429"], "retry_after_secs": 30, "count": 1}"#).await;
    let error = alice().me().await.unwrap_err();
    assert_eq!(
        error,
        ApiError::RateLimited {
            retry_after_secs: Some(30)
        }
    );
    assert_eq!(
        error.message(Locale::En),
        "The API is busy; trying again in 30 s."
    );
}

#[wasm_bindgen_test]
async fn a_short_rate_limit_is_waited_for() {
    reset().await;
    fault(r#"{"kinds": ["429"], "retry_after_secs": 1, "count": 1}"#).await;
    let started = js_sys::Date::now();
    assert!(alice().me().await.is_ok());
    assert!(
        js_sys::Date::now() - started >= 1000.0,
        "Retry-After was honoured"
    );
}

#[wasm_bindgen_test]
async fn a_lasting_outage_is_a_network_error() {
    reset().await;
    // Chromium itself retries a GET once when a reused connection drops: keep the outage long.
    fault(r#"{"kinds": ["drop"], "count": 50}"#).await;
    assert_eq!(alice().me().await.unwrap_err(), ApiError::Network);
    control("DELETE", "faults", "").await;
}

#[wasm_bindgen_test]
async fn a_slow_change_times_out() {
    reset().await;
    fault(r#"{"kinds": ["latency"], "latency_ms": 3000, "method": "POST", "count": 1}"#).await;
    let client = client_with(Some("vps_demo_alice"), 400, RwSignal::new(0));
    let started = js_sys::Date::now();
    let new = NewSnapshot {
        server_id: 12347,
        name: "too-slow".into(),
        description: None,
    };
    assert_eq!(
        client.create_snapshot(&new).await.unwrap_err(),
        ApiError::Timeout
    );
    let took = js_sys::Date::now() - started;
    assert!(
        took < 2500.0,
        "gave up after the timeout, not the answer ({took} ms)"
    );
}

#[wasm_bindgen_test]
async fn a_slow_read_times_out_and_is_tried_again() {
    reset().await;
    fault(r#"{"kinds": ["latency"], "latency_ms": 3000, "count": 1}"#).await;
    let client = client_with(Some("vps_demo_alice"), 400, RwSignal::new(0));
    assert!(client.me().await.is_ok());
}

#[wasm_bindgen_test]
async fn dropping_a_request_aborts_it() {
    reset().await;
    fault(r#"{"kinds": ["latency"], "latency_ms": 1500, "count": 1}"#).await;
    let before = abandoned_requests();
    let client = alice();
    let request = Box::pin(client.list_servers());
    match select(request, Box::pin(sleep(100))).await {
        Either::Left(_) => panic!("the slow request should not have finished first"),
        Either::Right(((), request)) => drop(request),
    }
    assert_eq!(
        abandoned_requests(),
        before + 1,
        "the dropped request was aborted"
    );
    // The next request is unaffected.
    assert!(alice().me().await.is_ok());
}

#[wasm_bindgen_test]
async fn deleting_twice_is_not_found() {
    reset().await;
    let client = alice();
    client.delete_snapshot(798).await.unwrap();
    assert!(matches!(
        client.delete_snapshot(798).await,
        Err(ApiError::NotFound { .. })
    ));
}

fn new_host() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document
        .create_element("div")
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

fn shadow_text(host: &web_sys::HtmlElement) -> String {
    host.shadow_root()
        .and_then(|s| s.text_content())
        .unwrap_or_default()
}

async fn wait_for_text(host: &web_sys::HtmlElement, text: &str) {
    for _ in 0..100 {
        if shadow_text(host).contains(text) {
            return;
        }
        sleep(100).await;
    }
    panic!(
        "“{text}” never appeared; the panel shows: {}",
        shadow_text(host)
    );
}

fn options(pairs: &[(&str, &str)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        js_sys::Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value)).unwrap();
    }
    object.into()
}

/// A fresh simulator, and a panel mounted into a new element in host mode with `token`.
async fn mount_with_host_token(token: &str) -> web_sys::HtmlElement {
    reset().await;
    let host = new_host();
    let api_base = format!("{SIM}/api/v1/");
    snapshot_panel::mount(
        host.clone(),
        options(&[("apiBase", &api_base), ("auth", "host"), ("token", token)]),
    )
    .unwrap();
    host
}

#[wasm_bindgen_test]
async fn mounts_into_a_host_element_and_unmounts() {
    let host = mount_with_host_token("vps_demo_alice").await;
    wait_for_text(&host, "pre-migration-snapshot").await;
    let shadow = host.shadow_root().unwrap();
    let region = shadow
        .query_selector("section[aria-labelledby='server-12345-title']")
        .unwrap();
    assert!(region.is_some(), "web-server-01 has its own region");
    assert!(shadow_text(&host).contains("2 of 5 snapshots"));
    assert!(snapshot_panel::unmount(&host));
    assert_eq!(shadow_text(&host), "", "unmounting empties the shadow root");
    host.remove();
}

#[wasm_bindgen_test]
async fn a_rotated_host_token_is_used_for_the_next_requests() {
    let host = mount_with_host_token("vps_demo_bob").await;
    wait_for_text(&host, "bob-nightly").await;
    assert!(snapshot_panel::set_token(
        &host,
        Some("vps_demo_alice".into())
    ));
    // The next load uses the new token: press Refresh.
    let refresh = host
        .shadow_root()
        .unwrap()
        .query_selector_all("button")
        .unwrap();
    for i in 0..refresh.length() {
        let button = refresh
            .item(i)
            .unwrap()
            .dyn_into::<web_sys::HtmlElement>()
            .unwrap();
        if button.text_content().unwrap_or_default().trim() == "Refresh" {
            button.click();
        }
    }
    wait_for_text(&host, "pre-migration-snapshot").await;
    snapshot_panel::unmount(&host);
    host.remove();
}

#[wasm_bindgen_test]
async fn a_bad_setting_is_explained_not_a_blank_page() {
    let host = new_host();
    snapshot_panel::mount(
        host.clone(),
        options(&[("auth", "sometimes"), ("serverId", "abc")]),
    )
    .unwrap();
    sleep(50).await;
    let text = shadow_text(&host);
    assert!(text.contains("misconfigured"), "{text}");
    assert!(text.contains("“auth” is “sometimes”"), "{text}");
    assert!(text.contains("“server-id” is “abc”"), "{text}");
    snapshot_panel::unmount(&host);
    host.remove();
}

/// The panel's button whose text (its accessible name) is `name`.
fn button(host: &web_sys::HtmlElement, name: &str) -> Option<web_sys::HtmlElement> {
    let buttons = host
        .shadow_root()
        .unwrap()
        .query_selector_all("button")
        .unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
        .find(|b| {
            b.text_content()
                .unwrap_or_default()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                == name
        })
}

async fn wait_for_button(host: &web_sys::HtmlElement, name: &str) -> web_sys::HtmlElement {
    for _ in 0..100 {
        if let Some(found) = button(host, name) {
            return found;
        }
        sleep(100).await;
    }
    panic!("no button “{name}”; the panel shows: {}", shadow_text(host));
}

/// Opens the restore dialog of pre-migration-snapshot, declines the safety snapshot so the
/// restore itself is sent at once, types the phrase and confirms.
async fn confirm_restore_of_pre_migration(host: &web_sys::HtmlElement) {
    wait_for_button(host, "Restore pre-migration-snapshot")
        .await
        .click();
    leptos::task::tick().await;
    sleep(50).await;
    let shadow = host.shadow_root().unwrap();
    let safety = shadow
        .query_selector("#restore-safety")
        .unwrap()
        .expect("web-server-01 has room, so a safety snapshot is offered")
        .dyn_into::<web_sys::HtmlInputElement>()
        .unwrap();
    assert!(safety.checked(), "the safety snapshot is offered ticked");
    safety.click();
    leptos::task::tick().await;
    let input = shadow
        .query_selector("#restore-confirm")
        .unwrap()
        .unwrap()
        .dyn_into::<web_sys::HtmlInputElement>()
        .unwrap();
    input.set_value("web-server-01");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    leptos::task::tick().await;
    sleep(50).await;
    wait_for_button(host, "Restore").await.click();
    leptos::task::tick().await;
}

/// A panel signed in with a token remembered in this tab (auth mode `token`).
async fn mount_with_remembered_token() -> web_sys::HtmlElement {
    reset().await;
    let storage = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    let api_base = format!("{SIM}/api/v1/");
    storage
        .set_item(
            &format!("snapshot-panel:token:{api_base}"),
            "vps_demo_alice",
        )
        .unwrap();
    let host = new_host();
    snapshot_panel::mount(
        host.clone(),
        options(&[("apiBase", &api_base), ("auth", "token")]),
    )
    .unwrap();
    host
}

/// After a panel was unmounted mid-request, another mounts and works: the module is alive.
async fn mounting_again_works() {
    let again = mount_with_host_token("vps_demo_alice").await;
    wait_for_text(&again, "pre-migration-snapshot").await;
    snapshot_panel::unmount(&again);
    again.remove();
}

#[wasm_bindgen_test]
async fn unmounting_while_a_restore_is_on_its_way_aborts_it() {
    let host = mount_with_remembered_token().await;
    fault(r#"{"kinds": ["latency"], "latency_ms": 1500, "method": "POST", "count": 1}"#).await;
    let before = abandoned_requests();
    confirm_restore_of_pre_migration(&host).await;
    sleep(200).await;
    assert!(snapshot_panel::unmount(&host));
    // The cancelled task is dropped, and its fetch aborted, when it is next polled.
    sleep(50).await;
    assert_eq!(abandoned_requests(), before + 1, "the restore was aborted");
    // Past the moment its answer would have come: nothing lands, nothing panics.
    sleep(1800).await;
    assert_eq!(shadow_text(&host), "");
    host.remove();
    mounting_again_works().await;
}

#[wasm_bindgen_test]
async fn unmounting_while_a_create_is_on_its_way_aborts_it() {
    let host = mount_with_host_token("vps_demo_alice").await;
    wait_for_text(&host, "pre-migration-snapshot").await;
    fault(r#"{"kinds": ["latency"], "latency_ms": 1500, "method": "POST", "count": 1}"#).await;
    let before = abandoned_requests();
    wait_for_button(&host, "New snapshot of staging-app")
        .await
        .click();
    leptos::task::tick().await;
    sleep(50).await;
    let form = host
        .shadow_root()
        .unwrap()
        .query_selector("dialog form")
        .unwrap()
        .unwrap()
        .dyn_into::<web_sys::HtmlFormElement>()
        .unwrap();
    form.request_submit().unwrap();
    sleep(200).await;
    assert!(snapshot_panel::unmount(&host));
    // The cancelled task is dropped, and its fetch aborted, when it is next polled.
    sleep(50).await;
    assert_eq!(abandoned_requests(), before + 1, "the create was aborted");
    sleep(1800).await;
    host.remove();
    mounting_again_works().await;
}

#[wasm_bindgen_test]
async fn a_host_listener_may_unmount_the_panel_inside_its_event() {
    let host = mount_with_host_token("vps_demo_alice").await;
    let heard = std::rc::Rc::new(std::cell::Cell::new(false));
    let listener = {
        let host = host.clone();
        let heard = heard.clone();
        wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
            heard.set(true);
            snapshot_panel::unmount(&host);
        })
    };
    host.add_event_listener_with_callback(
        "snapshot-panel:restore-started",
        listener.as_ref().unchecked_ref(),
    )
    .unwrap();
    confirm_restore_of_pre_migration(&host).await;
    for _ in 0..50 {
        if heard.get() {
            break;
        }
        sleep(100).await;
    }
    assert!(heard.get(), "the host heard the restore start");
    sleep(300).await;
    assert_eq!(shadow_text(&host), "", "the listener unmounted the panel");
    host.remove();
    drop(listener);
    mounting_again_works().await;
}

#[wasm_bindgen_test]
async fn an_unmounted_panel_sends_nothing_more() {
    control(
        "POST",
        "reset",
        r#"{"create_secs": 600, "restore_secs": 1}"#,
    )
    .await;
    let storage = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    let api_base = format!("{SIM}/api/v1/");
    storage
        .set_item(
            &format!("snapshot-panel:token:{api_base}"),
            "vps_demo_alice",
        )
        .unwrap();
    let host = new_host();
    // Every 5 s: the simulator's in-progress snapshot has just started, and the documented
    // durations would first check it after 30 s.
    snapshot_panel::mount(
        host.clone(),
        options(&[
            ("apiBase", &api_base),
            ("auth", "token"),
            ("pollSeconds", "5"),
        ]),
    )
    .unwrap();
    // analytics-hourly is in progress: the panel polls while it is mounted.
    wait_for_text(&host, "analytics-hourly").await;
    sleep(5600).await;
    assert!(
        api_requests("GET", "/api/v1/snapshots/").await >= 2,
        "the panel polled while mounted"
    );
    snapshot_panel::unmount(&host);
    control("DELETE", "requests", "").await;
    sleep(6000).await;
    assert_eq!(
        api_requests("GET", "/api/").await,
        0,
        "no request after unmount"
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn unmounting_right_after_a_view_change_is_safe() {
    let host = mount_with_host_token("vps_demo_alice").await;
    wait_for_text(&host, "pre-migration-snapshot").await;
    let link = host
        .shadow_root()
        .unwrap()
        .query_selector("section[data-server-id='12345'] h3 a")
        .unwrap()
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap();
    // The view changes, and focus is due to move to its title on the next frame; the host
    // unmounts the panel before that frame comes.
    link.click();
    leptos::task::tick().await;
    assert!(snapshot_panel::unmount(&host));
    sleep(200).await;
    assert_eq!(shadow_text(&host), "");
    host.remove();
    mounting_again_works().await;
}

// ----- keyed signals ----------------------------------------------------------------------------

#[wasm_bindgen_test]
fn a_change_to_one_id_wakes_only_what_reads_that_id() {
    use snapshot_panel::keyed::Keyed;
    use std::collections::BTreeMap;

    let owner = Owner::new();
    owner.with(|| {
        let keyed: Keyed<Vec<u32>> = Keyed::new();
        keyed.set_all(BTreeMap::from([(1, vec![10]), (2, vec![20])]));
        // What each server's section derives from its own signal, counting its runs.
        let runs = [RwSignal::new(0_u32), RwSignal::new(0_u32)];
        let derived = [1_u64, 2].map(|id| {
            let signal = keyed.get(id);
            let counter = runs[usize::try_from(id - 1).unwrap()];
            Memo::new(move |_| {
                counter.update_untracked(|n| *n += 1);
                signal.get()
            })
        });
        assert_eq!(derived[0].get(), vec![10]);
        assert_eq!(derived[1].get(), vec![20]);

        // Everything is set again; only id 1's value differs.
        keyed.set_all(BTreeMap::from([(1, vec![10, 11]), (2, vec![20])]));
        assert_eq!(derived[0].get(), vec![10, 11]);
        assert_eq!(derived[1].get(), vec![20]);
        assert_eq!(
            runs[0].get_untracked(),
            2,
            "id 1 changed, so its reader ran again"
        );
        assert_eq!(
            runs[1].get_untracked(),
            1,
            "id 2 did not change, so its reader did not run"
        );

        // An id that is gone goes back to the default; a new one has its value at once.
        keyed.set_all(BTreeMap::from([(3, vec![30])]));
        assert_eq!(derived[0].get(), Vec::<u32>::new());
        assert_eq!(derived[1].get(), Vec::<u32>::new());
        assert_eq!(keyed.get(3).get(), vec![30]);
        assert_eq!(
            keyed.get(4).get(),
            Vec::<u32>::new(),
            "an id never set reads the default"
        );
    });
}

#[wasm_bindgen_test]
async fn a_parts_tasks_leave_its_list_as_they_end_and_are_aborted_with_it() {
    use snapshot_panel::tasks::TaskOwner;
    use std::cell::Cell;
    use std::rc::Rc;

    let _ = any_spawner::Executor::init_wasm_bindgen();
    let part = Owner::new();
    let tasks = part.with(TaskOwner::current);
    // A page that polls for hours starts thousands of tasks: none stays behind once ended.
    let ended = Rc::new(Cell::new(0));
    for _ in 0..200 {
        let ended = Rc::clone(&ended);
        tasks.spawn(async move {
            sleep(1).await;
            ended.set(ended.get() + 1);
        });
    }
    let answer = tasks.guard(async { 42 }).await;
    assert_eq!(answer, Some(42));
    assert_eq!(tasks.running(), 200);
    sleep(100).await;
    assert_eq!(ended.get(), 200);
    assert_eq!(tasks.running(), 0, "ended tasks are off the list");

    // The part goes: what still runs is dropped, and lands nothing.
    let landed = Rc::new(Cell::new(false));
    {
        let landed = Rc::clone(&landed);
        tasks.spawn(async move {
            sleep(200).await;
            landed.set(true);
        });
    }
    let guarded = tasks.guard(async {
        sleep(200).await;
        7
    });
    assert_eq!(tasks.running(), 2);
    part.cleanup();
    assert_eq!(tasks.running(), 0);
    assert_eq!(guarded.await, None, "aborted with its part");
    sleep(300).await;
    assert!(!landed.get());
    // And once it is dropped, nothing more starts.
    drop(part);
    tasks.spawn(async {});
    assert_eq!(tasks.running(), 0);
}

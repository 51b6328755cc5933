//! The notification opt-in's decisions.

use snapshot_core::notify::{
    after_answer, follows_in_background, notifies, on_tick, NotifyState, Permission,
};

#[test]
fn ticking_asks_only_when_the_browser_never_answered() {
    assert_eq!(on_tick(Permission::Unanswered), NotifyState::Asking);
    assert_eq!(on_tick(Permission::Granted), NotifyState::On);
    assert_eq!(
        on_tick(Permission::Denied),
        NotifyState::Denied,
        "a refusal stands: never asked again"
    );
}

#[test]
fn the_answer_decides() {
    assert_eq!(after_answer(Some("granted")), NotifyState::On);
    assert_eq!(after_answer(Some("denied")), NotifyState::Denied);
    assert_eq!(
        after_answer(Some("default")),
        NotifyState::Off,
        "closed unanswered"
    );
    assert_eq!(after_answer(None), NotifyState::Off);
}

#[test]
fn only_an_allowed_opt_in_in_a_background_tab_notifies() {
    assert!(notifies(NotifyState::On, true, Permission::Granted));
    assert!(
        !notifies(NotifyState::On, false, Permission::Granted),
        "in front"
    );
    assert!(
        !notifies(NotifyState::On, true, Permission::Denied),
        "taken back in the browser's settings"
    );
    for state in [
        NotifyState::Off,
        NotifyState::Asking,
        NotifyState::Denied,
        NotifyState::Unsupported,
    ] {
        assert!(!notifies(state, true, Permission::Granted), "{state:?}");
        assert!(!follows_in_background(state), "{state:?}");
    }
    assert!(follows_in_background(NotifyState::On));
}

//! Where a send's time goes in the page, natively, on the scale world
//! (10,000 processes over 32 levels, 200 actions): restoring the session,
//! the reducer's send, the tree's view model, and the autosave and
//! permalink written after it. Prints figures; asserts nothing. The page's
//! own figures in Chromium are `e2e/scale.mjs`'s (`make scale`).
//!
//! ```text
//! cargo run --release --example page_scale [PROCESSES]
//! ```

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use sigscope::permalink::{encode_fragment, to_storage, Saved};
    use sigscope::send::{DropTarget, HowToSend, Sender};
    use sigscope::session::{AppState, Verb};
    use sigsim::Signal;
    use std::time::Instant;

    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let s = scale_world(n, 32, 200);
    let time = |what: &str, f: &mut dyn FnMut()| {
        let t = Instant::now();
        f();
        println!("  {what:<44}: {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    };
    println!("the page's work, natively, on {n} processes over 32 levels with 200 actions");
    let mut st = None;
    time("restore (replay of 200 actions)", &mut || {
        st = Some(
            AppState::new(
                s.clone(),
                Some(Sender::Process("p0".into())),
                HowToSend::Kill,
            )
            .unwrap(),
        );
    });
    let st = st.unwrap();
    time("the tree's view model", &mut || {
        sigscope::view_model::namespace_tree(&st);
    });
    let mut sent = None;
    for (what, target) in [
        (
            "a send: kill(2) of init1",
            DropTarget::Process("init1".into()),
        ),
        ("a send: kill(-1)", DropTarget::Everyone),
    ] {
        time(what, &mut || {
            sent = Some(st.apply(Verb::Send {
                target: target.clone(),
                sig: Signal::new(10).unwrap(),
            }));
        });
        let after = sent.clone().unwrap();
        time("  the tree's view model after it", &mut || {
            sigscope::view_model::namespace_tree(&after);
        });
        time("  autosave and permalink text", &mut || {
            let saved = Saved::of(&after);
            to_storage(&saved);
            encode_fragment(&saved);
        });
        time("  undo", &mut || {
            after.apply(Verb::Undo);
        });
    }
    // Issue 12's other size: a long session in the default world, as
    // e2e/scale.mjs makes through the page.
    let mut st = AppState::default();
    let mut last = Vec::new();
    for i in 0..2_000 {
        let sig = Signal::new(if i % 2 == 0 { 28 } else { 18 }).expect("SIGWINCH, SIGCONT");
        let t = Instant::now();
        st = st.apply(Verb::Send {
            target: DropTarget::Process("ctr-init".into()),
            sig,
        });
        if i >= 1_900 {
            last.push(t.elapsed().as_secs_f64() * 1e3);
        }
    }
    last.sort_by(f64::total_cmp);
    println!(
        "2,000 sends in the default world: the last 100 median {:.2} ms, max {:.2} ms",
        last[50], last[99]
    );
    time("  autosave and permalink text after them", &mut || {
        let saved = Saved::of(&st);
        to_storage(&saved);
        encode_fragment(&saved);
    });
    time("  the tree's view model", &mut || {
        sigscope::view_model::namespace_tree(&st);
    });
}

#[cfg(not(target_arch = "wasm32"))]
#[path = "common/scale_world.rs"]
mod common;

/// The scale world with `actions` kill(2)s of a level's init by the global
/// init, round the levels.
#[cfg(not(target_arch = "wasm32"))]
fn scale_world(n: usize, levels: usize, actions: usize) -> sigsim::Scenario {
    let list = (0..actions)
        .map(|a| serde_json::json!({"from": "p0", "kill": {"pid_of": format!("init{}", 1 + a % (levels - 1))}, "sig": "SIGUSR1"}))
        .collect();
    common::scale_world(n, levels, list)
}

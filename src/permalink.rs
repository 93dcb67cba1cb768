//! Nothing of the user's work is lost: the session lives in the URL fragment
//! (a permalink: `#s=<base64url of the sigscene/1 JSON>&from=<base64url of
//! the sender's id>&how=<call>`, or `by=kernel` instead of `from`)
//! and in local storage (autosave). The fragment wins, so a shared link
//! opens exactly what was shared.
//!
//! The encoding is plain base64url (no compression): no dependency, and a
//! reader can decode a link with `base64 -d`.

use crate::send::{HowToSend, Sender};
use crate::session::AppState;
use sigsim::Scenario;

/// The local-storage key of the autosave.
pub const STORAGE_KEY: &str = "sigscope.session";

/// What is saved: the scenario and the two sending choices.
#[derive(Clone, Debug, PartialEq)]
pub struct Saved {
    pub scenario: Scenario,
    pub sender: Option<Sender>,
    pub how: HowToSend,
}

impl Saved {
    pub fn of(st: &AppState) -> Saved {
        Saved {
            scenario: (*st.scenario).clone(),
            sender: Some(st.sender.clone()),
            how: st.how,
        }
    }

    /// The state this restores; `None` if the scenario no longer replays.
    pub fn restore(self) -> Result<AppState, sigsim::ScenarioError> {
        AppState::new(self.scenario, self.sender, self.how)
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// RFC 4648 §5 (base64url), without padding.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (*b as u32) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Accepts base64url or standard base64, padded or not.
pub fn base64url_decode(s: &str) -> Option<Vec<u8>> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'-' | b'+' => Some(62),
        b'_' | b'/' => Some(63),
        _ => None,
    };
    let s = s.trim_end_matches('=');
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    for chunk in s.as_bytes().chunks(4) {
        if chunk.len() == 1 {
            return None;
        }
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= (value(*c)? as u32) << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

/// `s=…&from=…&how=…`, without the `#`.
pub fn encode_fragment(saved: &Saved) -> String {
    let json = sigsim::json::scenario_to_string(&saved.scenario);
    let mut f = format!("s={}", base64url_encode(json.as_bytes()));
    match &saved.sender {
        Some(Sender::Process(from)) => {
            f.push_str("&from=");
            f.push_str(&base64url_encode(from.as_bytes()));
        }
        Some(Sender::Kernel) => f.push_str("&by=kernel"),
        None => {}
    }
    f.push_str("&how=");
    f.push_str(saved.how.name());
    f
}

/// Reads a fragment (with or without `#`). `Ok(None)`: it carries no
/// session; `Err`: it does, but it cannot be read.
pub fn decode_fragment(fragment: &str) -> Result<Option<Saved>, String> {
    let fragment = fragment.trim_start_matches('#');
    let mut scenario = None;
    let mut sender = None;
    let mut how = HowToSend::Kill;
    for part in fragment.split('&') {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        let text = || base64url_decode(v).and_then(|b| String::from_utf8(b).ok());
        match k {
            "s" => {
                let json = text().ok_or("the link's scenario is not base64url")?;
                scenario = Some(
                    sigsim::json::scenario_from_str(&json)
                        .map_err(|e| format!("the link's scenario: {e}"))?,
                );
            }
            "from" => sender = text().map(Sender::Process),
            "by" if v == "kernel" => sender = Some(Sender::Kernel),
            "how" => how = HowToSend::parse(v).unwrap_or(HowToSend::Kill),
            _ => {}
        }
    }
    Ok(scenario.map(|scenario| Saved {
        scenario,
        sender,
        how,
    }))
}

/// The autosave as stored: the fragment's fields as one JSON object,
/// `{"scenario": …, "sender": "shell" | null, "how": "kill"}` (the shape
/// serde wrote before the page dropped serde_json; saved sessions still
/// load).
pub fn to_storage(saved: &Saved) -> String {
    use sigsim::json::{scenario_json, write_json, Json};
    let sender = match &saved.sender {
        Some(Sender::Process(p)) => Json::Str(p.clone()),
        _ => Json::Null,
    };
    let stored = Json::Obj(vec![
        ("scenario".into(), scenario_json(&saved.scenario)),
        ("sender".into(), sender),
        ("how".into(), Json::Str(saved.how.name().into())),
    ]);
    let mut out = String::new();
    write_json(&mut out, &stored, None);
    out
}

pub fn from_storage(text: &str) -> Option<Saved> {
    use sigsim::json;
    let v = json::parse(text).ok()?;
    let f = json::object(&v, "", &["scenario", "sender", "how"]).ok()?;
    let scenario = f.req("scenario", json::scenario).ok()?;
    let sender = f.opt("sender", json::string).ok()?;
    let how = f.req("how", json::string).ok()?;
    Some(Saved {
        scenario,
        sender: Some(sender.map_or(Sender::Kernel, Sender::Process)),
        how: HowToSend::parse(&how).unwrap_or(HowToSend::Kill),
    })
}

/// Browser side: where the session comes from at start, and where it goes
/// after every change. Only called in the browser (effects never run in
/// server-side rendering).
pub mod browser {
    use super::*;

    fn window() -> Option<web_sys::Window> {
        web_sys::window()
    }

    /// Local storage can be missing or refused (a sandboxed iframe, a
    /// privacy mode): then there is simply no autosave.
    fn storage() -> Option<web_sys::Storage> {
        window()?.local_storage().ok().flatten()
    }

    /// The session to start with and, if a link could not be read, why.
    pub fn initial_state() -> (AppState, Option<String>) {
        let hash = window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        match decode_fragment(&hash) {
            Ok(Some(saved)) => match saved.restore() {
                Ok(st) => return (st, None),
                Err(e) => {
                    return (
                        AppState::default(),
                        Some(format!("The link's scenario does not replay: {e}")),
                    )
                }
            },
            Ok(None) => {}
            Err(e) => return (AppState::default(), Some(e)),
        }
        let autosaved = storage()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|t| from_storage(&t));
        if let Some(st) = autosaved.and_then(|saved| saved.restore().ok()) {
            return (st, None);
        }
        (AppState::default(), None)
    }

    /// Writes the autosave and the permalink (replacing the history entry:
    /// the back button leaves the page instead of stepping through edits).
    pub fn save(st: &AppState) {
        let saved = Saved::of(st);
        if let Some(s) = storage() {
            let _ = s.set_item(STORAGE_KEY, &to_storage(&saved));
        }
        if let Some(w) = window() {
            let url = format!("#{}", encode_fragment(&saved));
            if let Ok(h) = w.history() {
                let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            }
        }
    }

    /// The page's address, permalink included.
    pub fn current_url() -> String {
        window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Verb;
    use sigsim::Signal;

    #[test]
    fn base64url_round_trips_every_length() {
        for n in 0..40u8 {
            let bytes: Vec<u8> = (0..n)
                .map(|i| i.wrapping_mul(37).wrapping_add(250))
                .collect();
            let s = base64url_encode(&bytes);
            assert!(!s.contains(['+', '/', '=']));
            assert_eq!(base64url_decode(&s), Some(bytes));
        }
        assert_eq!(base64url_encode(b"sigscope"), "c2lnc2NvcGU");
        assert_eq!(base64url_decode("c2lnc2NvcGU="), Some(b"sigscope".to_vec()));
        assert_eq!(base64url_decode("a"), None);
    }

    #[test]
    fn a_session_survives_the_permalink() {
        let st = AppState::default()
            .apply(Verb::SetSender(crate::send::Sender::Process("app".into())))
            .apply(Verb::Send {
                target: crate::send::DropTarget::Process("ctr-init".into()),
                sig: Signal::KILL,
            });
        let fragment = encode_fragment(&Saved::of(&st));
        let back = decode_fragment(&format!("#{fragment}")).unwrap().unwrap();
        assert_eq!(back, Saved::of(&st));
        let restored = back.restore().unwrap();
        assert_eq!(restored.scenario, st.scenario);
        assert_eq!(restored.sender, st.sender);
        assert_eq!(
            from_storage(&to_storage(&Saved::of(&st))),
            Some(Saved::of(&st))
        );
    }

    #[test]
    fn the_kernel_as_sender_is_not_a_process_named_kernel() {
        let kernel = AppState::default().apply(Verb::SetSender(crate::send::Sender::Kernel));
        let back = decode_fragment(&encode_fragment(&Saved::of(&kernel)))
            .unwrap()
            .unwrap();
        assert_eq!(back.sender, Some(crate::send::Sender::Kernel));
        assert_eq!(
            from_storage(&to_storage(&Saved::of(&kernel))),
            Some(Saved::of(&kernel))
        );
        let s = crate::default_world::DEFAULT_SCENARIO_JSON.replace("\"shell\"", "\"kernel\"");
        let s: Scenario = serde_json::from_str(&s).unwrap();
        let named = AppState::new(s, None, crate::send::HowToSend::Kill).unwrap();
        let back = decode_fragment(&encode_fragment(&Saved::of(&named)))
            .unwrap()
            .unwrap();
        assert_eq!(
            back.sender,
            Some(crate::send::Sender::Process("kernel".into()))
        );
    }

    #[test]
    fn a_fragment_without_a_session_is_no_session() {
        assert_eq!(decode_fragment(""), Ok(None));
        assert_eq!(decode_fragment("#top"), Ok(None));
        assert!(decode_fragment("#s=!!!").is_err());
    }
}

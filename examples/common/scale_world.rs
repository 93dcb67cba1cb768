//! The scale world shared by the scale examples (and built the same way by
//! `e2e/scale.mjs` and `sigsim-cli/benches/kill.rs --scale`): `n` processes
//! over `levels` nested namespaces, each level's init made by the one above
//! and the rest spread over the levels, every one catching SIGUSR1.

/// That world with `actions` (JSON action objects).
pub fn scale_world(n: usize, levels: usize, actions: Vec<serde_json::Value>) -> sigsim::Scenario {
    use serde_json::json;
    let catch = json!({"SIGUSR1": "catch"});
    let mut namespaces = vec![json!({"id": "l0"})];
    let mut processes = vec![json!({"id": "p0", "ns": "l0", "signals": catch})];
    for l in 1..levels {
        namespaces.push(json!({"id": format!("l{l}"), "parent": format!("l{}", l - 1)}));
        let parent = if l == 1 {
            "p0".to_string()
        } else {
            format!("init{}", l - 1)
        };
        processes.push(json!({"id": format!("init{l}"), "ns": format!("l{l}"), "parent": parent, "signals": catch}));
    }
    for i in levels..n {
        let l = i % levels;
        let parent = if l == 0 {
            "p0".to_string()
        } else {
            format!("init{l}")
        };
        processes.push(json!({"id": format!("p{i}"), "ns": format!("l{l}"), "parent": parent, "signals": catch}));
    }
    serde_json::from_value(json!({
        "format": "sigscene/1",
        "namespaces": namespaces,
        "processes": processes,
        "actions": actions,
    }))
    .expect("a scenario")
}

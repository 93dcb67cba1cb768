//! Plays many random scenarios on the port, tracing on, to shake out panics:
//! `cargo run --release -p sigsim --example fuzz_port -- 100000`.
fn main() {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let mut steps = 0;
    for seed in 0..n {
        let s = sigsim::gen::scenario(seed);
        let plan = sigsim::validate(&s).expect("generated scenarios are valid");
        for opts in [
            sigsim::Options { under_host: true },
            sigsim::Options::default(),
        ] {
            if let Ok((o, _)) = sigsim::simulate(&plan, opts, true) {
                steps += o.steps.len();
            }
        }
    }
    println!("{n} scenarios, {steps} steps, no panic");
}

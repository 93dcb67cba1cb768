//! Renders the call-chain components for the blog's four cases (and the
//! compare view) to standalone HTML pages with the app's CSS inlined, and
//! with `--screenshot` takes a PNG of each with headless Chromium.
//!
//! ```text
//! cargo run --example call_chain_shots -- target/call_chain_shots [--screenshot] [--version 5.10] [--end | --at FUNC]
//! ```
//!
//! The pages are server-rendered (no wasm): each shows the step where the
//! signal's fate was sealed, as playback would after "jump to the
//! deciding step" (with `--end`: the last step, the whole path lit).

// Server rendering and tokio exist for native targets only.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    shots::main();
}

#[cfg(not(target_arch = "wasm32"))]
mod shots {
    use sigscope::call_chain::path;
    use sigscope::call_chain::{
        CallChain, ComparePaths, Playback, PlaybackCmd, PlaybackControls, SourcePane,
    };
    use sigsim::trace::TraceStep;
    use sigsim::KernelVersion;
    use std::path::{Path, PathBuf};
    use std::rc::Rc;
    use yew::prelude::*;

    const CASES: &[(&str, &str)] = &[
        (
            "001-sigterm-container-init-from-inside",
            "SIGTERM to the container's init, from inside",
        ),
        (
            "002-sigkill-container-init-from-inside",
            "SIGKILL to the container's init, from inside",
        ),
        (
            "003-sigterm-container-init-from-host",
            "SIGTERM to the container's init, from the host",
        ),
        (
            "004-sigkill-container-init-from-host",
            "SIGKILL to the container's init, from the host",
        ),
        (
            "005-sigterm-handler-init-from-inside",
            "SIGTERM to an init with a handler, from inside",
        ),
        (
            "006-sigterm-handler-init-from-host",
            "SIGTERM to an init with a handler, from the host",
        ),
    ];

    /// The first action's trace of a corpus scenario, on `v`.
    fn trace(name: &str, v: KernelVersion) -> Vec<TraceStep> {
        let text =
            std::fs::read_to_string(format!("corpus/{name}.json")).expect("run from the repo root");
        let scenario: sigsim::Scenario = serde_json::from_str(&text).expect("a sigscene/1 file");
        let mut plan = sigsim::validate(&scenario).expect("valid");
        plan.version = v;
        let (_, traces) = sigsim::simulate(&plan, sigsim::Options::default(), true).expect("runs");
        traces.into_iter().next().expect("one action")
    }

    #[derive(Properties, PartialEq)]
    struct ShotProps {
        title: AttrValue,
        steps: Rc<Vec<TraceStep>>,
        version: KernelVersion,
        current: usize,
    }

    #[function_component(Shot)]
    fn shot(p: &ShotProps) -> Html {
        let deciding = path::deciding_step(&p.steps);
        let state =
            Playback::new(p.steps.len(), deciding, false).apply(PlaybackCmd::Goto(p.current));
        let seal = deciding
            .and_then(|d| p.steps[d].verdict())
            .map(|v| AttrValue::from(path::seal_label(v, sigscope::words::Lang::En)));
        html! {
            <main class="shot">
                <h1>{ p.title.clone() }<small>{ format!(" — Linux {}", p.version) }</small></h1>
                <section class="cc-player">
                    <PlaybackControls {state} on_command={Callback::noop()} {seal} />
                    <div class="cc-player-main cc-with-source">
                        <CallChain steps={p.steps.clone()} version={p.version} current={p.current} reduced_motion={true} />
                        <SourcePane steps={p.steps.clone()} version={p.version} current={p.current} />
                    </div>
                </section>
            </main>
        }
    }

    #[derive(Properties, PartialEq)]
    struct CompareShotProps {
        a: Rc<Vec<TraceStep>>,
        b: Rc<Vec<TraceStep>>,
        version: KernelVersion,
    }

    #[function_component(CompareShot)]
    fn compare_shot(p: &CompareShotProps) -> Html {
        html! {
            <main class="shot">
                <h1>{ "SIGKILL to the container's init: from inside vs from the host" }<small>{ format!(" — Linux {}", p.version) }</small></h1>
                <ComparePaths version={p.version} a={p.a.clone()} b={p.b.clone()}
                    a_label="from inside (shell)" b_label="from the host (dockerd)" />
            </main>
        }
    }

    fn page(body: &str) -> String {
        let app = std::fs::read_to_string("static/app.css").unwrap_or_default();
        let cc = std::fs::read_to_string("static/call_chain.css").expect("static/call_chain.css");
        format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><style>{app}\n{cc}\n\
             .shot {{ padding: 14px 18px; }} .shot h1 {{ font-size: 1.15rem; margin: 0 0 .5rem; }} \
             .shot h1 small {{ color: #5a6475; font-weight: 400; }}</style></head><body>{body}</body></html>"
        )
    }

    fn screenshot(html: &Path, png: &Path, height: u32) {
        let status = std::process::Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                &format!("--window-size=1500,{height}"),
                &format!("--screenshot={}", png.display()),
            ])
            .arg(format!(
                "file://{}",
                std::fs::canonicalize(html).unwrap().display()
            ))
            .stderr(std::process::Stdio::null())
            .status();
        match status {
            Ok(s) if s.success() => println!("{}", png.display()),
            _ => eprintln!("chromium could not take {}", png.display()),
        }
    }

    #[tokio::main(flavor = "current_thread")]
    pub async fn main() {
        let mut args = std::env::args().skip(1);
        let mut out = PathBuf::from("target/call_chain_shots");
        let mut shoot = false;
        let mut at_end = false;
        let mut at_func: Option<String> = None;
        let mut versions = KernelVersion::ALL.to_vec();
        while let Some(a) = args.next() {
            match a.as_str() {
                "--screenshot" => shoot = true,
                "--end" => at_end = true,
                "--at" => at_func = args.next(),
                "--version" => {
                    let v = args.next().and_then(|v| KernelVersion::parse(&v));
                    versions = vec![v.expect("--version 6.18|5.10|4.19")];
                }
                _ => out = PathBuf::from(a),
            }
        }
        std::fs::create_dir_all(&out).unwrap();
        for &v in &versions {
            for (name, title) in CASES {
                let steps = trace(name, v);
                let at = at_func
                    .as_deref()
                    .and_then(|f| steps.iter().position(|s| s.name() == f));
                let current = if let Some(i) = at {
                    i
                } else if at_end {
                    steps.len().saturating_sub(1)
                } else {
                    path::deciding_step(&steps).unwrap_or(0)
                };
                let title = title.to_string();
                let body = yew::ServerRenderer::<Shot>::with_props(move || ShotProps {
                    title: title.into(),
                    steps: Rc::new(steps),
                    version: v,
                    current,
                })
                .hydratable(false)
                .render()
                .await;
                let end = match (&at_func, at_end) {
                    (Some(f), _) => format!("-{f}"),
                    (None, true) => "-end".to_string(),
                    _ => String::new(),
                };
                let file = out.join(format!("{}-{}{end}.html", &name[..3], v.as_str()));
                std::fs::write(&file, page(&body)).unwrap();
                if shoot {
                    screenshot(&file, &file.with_extension("png"), 1150);
                }
            }
            let (a, b) = (trace(CASES[1].0, v), trace(CASES[3].0, v));
            let body = yew::ServerRenderer::<CompareShot>::with_props(move || CompareShotProps {
                a: Rc::new(a),
                b: Rc::new(b),
                version: v,
            })
            .hydratable(false)
            .render()
            .await;
            let file = out.join(format!("compare-{}.html", v.as_str()));
            std::fs::write(&file, page(&body)).unwrap();
            if shoot {
                screenshot(&file, &file.with_extension("png"), 1500);
            }
        }
    }
}

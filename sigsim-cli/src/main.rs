//! `sigsim`: plays a `sigscene/1` scenario on the port (default) or on the
//! real kernel (`--real`) and prints the `sigscene-outcome/1` outcome.
//!
//! Bad input exits 2 with one line naming the offending field; a runner
//! failure exits 1. Nothing partial is ever printed. Error lines show
//! control characters escaped (`\n`, `\u{1b}`): what the input holds can
//! neither break the line nor drive the terminal. A reader that goes away
//! (`sigsim FILE | head`) ends the command quietly, with status 0.

use sigsim::describe::{describe, Lang};
use sigsim::outcome::{Outcome, StepOutcome};
use sigsim::trace::TraceStep;
use sigsim::{Options, Plan, ScenarioError, World};
use sigsim_cli::{input, random, real};
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "usage: sigsim [--trace [--lang en|zh]] FILE|-
       sigsim --real [--runs N] FILE|-
       sigsim random [--seed S] [--count N] [--real] [--runs N]

Plays a sigscene/1 scenario (FILE, or - for stdin) and prints its
sigscene-outcome/1 outcome. --trace adds each step's call chain (a
\"trace\" array per step); --lang zh writes its sentences in 简体中文. --real plays it on this machine's kernel inside
a fresh PID namespace (Linux, root); with --runs N it runs N times and
reports \"no single outcome\" if the runs disagree. `random` generates
seeded random scenarios, plays each on the port and (with --real) on the
kernel, and prints `agree N/N`.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(Failure::Usage(m)) => {
            complain(&format!("sigsim: {}\n{USAGE}", one_line(&m)));
            ExitCode::from(2)
        }
        Err(Failure::Invalid(m)) => {
            complain(&one_line(&m));
            ExitCode::from(2)
        }
        Err(Failure::Runner(m)) => {
            complain(&format!("sigsim: {}", one_line(&m)));
            ExitCode::from(1)
        }
        Err(Failure::Closed) => ExitCode::SUCCESS,
    }
}

enum Failure {
    Usage(String),
    Invalid(String),
    Runner(String),
    /// Standard output was closed before everything was written: the
    /// reader has what it wanted.
    Closed,
}

/// `text` with its control characters escaped as Rust writes them (`\n`,
/// `\u{1b}`), and the Unicode line and paragraph separators too: a key or
/// id from the input, quoted in an error, keeps the error on one line and
/// cannot send escape sequences to the terminal.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}

/// A line on stderr; if stderr itself is gone there is no one left to tell.
fn complain(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Writes `text` and a newline on stdout. A closed pipe is not an error of
/// the command (`sigsim FILE | head`); any other write failure is.
fn emit(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure::Closed),
        Err(e) => Err(Failure::Runner(format!("cannot write the outcome: {e}"))),
    }
}

fn run(args: &[String]) -> Result<ExitCode, Failure> {
    if args.first().map(String::as_str) == Some("random") {
        return random::main(&args[1..]).map_err(|e| match e {
            random::Error::Usage(m) => Failure::Usage(m),
            random::Error::Runner(m) => Failure::Runner(m),
        });
    }
    let mut trace = false;
    let mut lang = None;
    let mut real = false;
    let mut runs = 1;
    let mut file = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--trace" => trace = true,
            "--lang" => {
                let tag = it.next().map(String::as_str).unwrap_or("");
                lang = Some(Lang::parse(tag).ok_or_else(|| {
                    Failure::Usage(format!("--lang takes en or zh, not {tag:?}"))
                })?);
            }
            "--real" => real = true,
            "--runs" => runs = number(it.next(), "--runs")?,
            "-h" | "--help" => {
                emit(USAGE)?;
                return Ok(ExitCode::SUCCESS);
            }
            f if file.is_none() && (f == "-" || !f.starts_with('-')) => file = Some(f.to_string()),
            other => return Err(Failure::Usage(format!("unexpected argument {other:?}"))),
        }
    }
    let file = file.ok_or_else(|| Failure::Usage("no scenario file given".into()))?;
    if lang.is_some() && !trace {
        return Err(Failure::Usage(
            "--lang chooses the language of --trace's sentences".into(),
        ));
    }
    if real && trace {
        return Err(Failure::Usage(
            "--trace shows the port's decisions; it has no meaning with --real".into(),
        ));
    }
    let plan = input::load_plan(&file).map_err(Failure::Invalid)?;
    if real {
        return match real::run_real_repeated(&plan, &real::RealOptions::default(), runs) {
            Ok(Some(o)) => {
                print_outcome(&o)?;
                Ok(ExitCode::SUCCESS)
            }
            Ok(None) => Err(Failure::Runner(format!(
                "no single outcome: {runs} runs on the real kernel disagree"
            ))),
            Err(real::RealError::Rejected(e)) => Err(Failure::Invalid(e.to_string())),
            Err(real::RealError::Failed(m)) => Err(Failure::Runner(m)),
        };
    }
    stream_outcome(&plan, trace.then(|| lang.unwrap_or_default()))?;
    Ok(ExitCode::SUCCESS)
}

/// Plays the plan on the port and writes its outcome a step at a time, so
/// memory does not grow with the number of steps; the text is what
/// `serde_json::to_string_pretty` makes of the whole outcome. A scenario
/// that fails part-way (an actor dead by then) prints nothing: an untraced
/// first pass finds that out before anything is written.
fn stream_outcome(plan: &Plan, trace: Option<Lang>) -> Result<(), Failure> {
    let invalid = |e: ScenarioError| Failure::Invalid(e.to_string());
    let mut dry = World::new(plan.clone(), Options::default()).map_err(invalid)?;
    while dry.applied < dry.plan.actions.len() {
        dry.apply_next().map_err(invalid)?;
    }
    drop(dry);
    let mut world = World::new(plan.clone(), Options::default()).map_err(invalid)?;
    world.kernel.tracer.on = trace.is_some();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let head = format!(
        "{{\n  \"format\": {:?},\n  \"steps\": [",
        sigsim::outcome::FORMAT
    );
    write_out(&mut out, &head)?;
    let mut first = true;
    while world.applied < world.plan.actions.len() {
        let step = world.apply_next().map_err(invalid)?;
        let outcome = StepOutcome {
            ret: step.ret,
            processes: world.snapshot(),
            handled: step.handled,
        };
        let mut value = serde_json::to_value(&outcome).expect("outcomes serialise");
        if let Some(lang) = trace {
            value["trace"] = trace_json(&step.trace, lang);
        }
        let text = serde_json::to_string_pretty(&value).expect("json");
        write_out(&mut out, if first { "\n" } else { ",\n" })?;
        first = false;
        for (i, line) in text.lines().enumerate() {
            if i > 0 {
                write_out(&mut out, "\n")?;
            }
            write_out(&mut out, "    ")?;
            write_out(&mut out, line)?;
        }
    }
    write_out(&mut out, if first { "]\n}\n" } else { "\n  ]\n}\n" })?;
    out.flush().map_err(write_failure)
}

/// A step's trace as JSON, its sentences in the language asked for
/// (`describe` is the one place they come from).
fn trace_json(t: &[TraceStep], lang: Lang) -> serde_json::Value {
    let mut json = serde_json::to_value(t).expect("traces serialise");
    if lang != Lang::En {
        for (j, s) in json.as_array_mut().expect("a trace").iter_mut().zip(t) {
            j["reason"] = describe(s, lang).into();
        }
    }
    json
}

fn write_out(out: &mut impl Write, text: &str) -> Result<(), Failure> {
    out.write_all(text.as_bytes()).map_err(write_failure)
}

fn write_failure(e: std::io::Error) -> Failure {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Failure::Closed
    } else {
        Failure::Runner(format!("cannot write the outcome: {e}"))
    }
}

fn number(arg: Option<&String>, flag: &str) -> Result<usize, Failure> {
    arg.and_then(|s| s.parse().ok())
        .filter(|n| *n > 0)
        .ok_or_else(|| Failure::Usage(format!("{flag} takes a positive number")))
}

/// An outcome of the real kernel, whole (it is only known whole).
fn print_outcome(outcome: &Outcome) -> Result<(), Failure> {
    emit(&serde_json::to_string_pretty(outcome).expect("json"))
}

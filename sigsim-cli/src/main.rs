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
use sigsim::run::simulate_each;
use sigsim::trace::TraceStep;
use sigsim::{Options, Plan, ScenarioError, World};
use sigsim_cli::{input, random, real};
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "usage: sigsim [--trace [--lang en|zh]] FILE|-
       sigsim --real [--runs N] FILE|-
       sigsim random [--seed S] [--count N] [--kernel ERA] [--real] [--runs N]
                     [--jobs N] [--save DIR] [--print]
       sigsim script FILE|-

Plays a sigscene/1 scenario (FILE, or - for stdin) and prints its
sigscene-outcome/1 outcome. --trace adds each step's call chain (a
\"trace\" array per step); --lang zh writes its sentences in 简体中文. --real plays it on this machine's kernel inside
a fresh PID namespace (Linux, root); with --runs N it runs N times and
reports \"no single outcome\" if the runs disagree. `random` generates
seeded random scenarios, plays each on the port and (with --real) on the
kernel, and prints `agree N/N` (naming the seeds set aside because their
real runs disagreed with each other); --kernel plays them as scenarios for
that kernel version (6.18, 7.2, 6.12, 6.1, 5.10, 4.19); --jobs N plays N
at a time (default: one per CPU); --save DIR writes each disagreeing
scenario there; --print prints the scenarios instead of playing them. `script` prints a POSIX shell script that
plays the scenario on the kernel it runs on (as root; see docs/script.md);
what a script cannot express is listed on stderr, with exit status 2.";

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
    sigsim::validate::one_line(text.to_string())
}

/// A line on stderr; if stderr itself is gone there is no one left to tell.
fn complain(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Writes `text` and a newline on stdout; a closed pipe ends the command
/// quietly ([`write_failure`]).
fn emit(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}")
        .and_then(|()| out.flush())
        .map_err(write_failure)
}

fn run(args: &[String]) -> Result<ExitCode, Failure> {
    if args.first().map(String::as_str) == Some("random") {
        return random::main(&args[1..]).map_err(|e| match e {
            random::Error::Usage(m) => Failure::Usage(m),
            random::Error::Runner(m) => Failure::Runner(m),
            random::Error::Closed => Failure::Closed,
        });
    }
    if args.first().map(String::as_str) == Some("script") {
        return script(&args[1..]);
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

/// `sigsim script FILE`: the scenario as a shell script on stdout, or, for a
/// scenario a script cannot express, every reason on stderr and status 2.
fn script(args: &[String]) -> Result<ExitCode, Failure> {
    let file = match args {
        [h] if h == "-h" || h == "--help" => {
            emit(USAGE)?;
            return Ok(ExitCode::SUCCESS);
        }
        [f] if f == "-" || !f.starts_with('-') => f,
        [] => return Err(Failure::Usage("no scenario file given".into())),
        [other, ..] => return Err(Failure::Usage(format!("unexpected argument {other:?}"))),
    };
    let text = input::read(file).map_err(Failure::Invalid)?;
    let scenario = input::parse(&text).map_err(Failure::Invalid)?;
    // An invalid scenario is reported as `sigsim FILE` reports it.
    sigsim::validate(&scenario)?;
    match sigsim::script::script(&scenario) {
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .map_err(write_failure)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(unsupported) => {
            complain("sigsim: a shell script cannot express this scenario:");
            for reason in &unsupported.reasons {
                complain(&format!("  {}", one_line(&reason.to_string())));
            }
            Ok(ExitCode::from(2))
        }
    }
}

/// Plays the plan on the port and writes each step as soon as the world has
/// settled after it ([`simulate_each`]), so memory does not grow with the
/// number of steps: the process map and trace of one step at a time. The
/// text is what `serde_json::to_string_pretty` makes of the whole outcome.
/// A scenario that fails part-way (an actor dead by then) prints nothing:
/// an untraced first pass, which reads no outcome, finds that out before
/// anything is written.
fn stream_outcome(plan: &Plan, trace: Option<Lang>) -> Result<(), Failure> {
    let mut dry = World::new(plan.clone(), Options::default())?;
    while dry.applied < dry.plan.actions.len() {
        dry.apply_next()?;
    }
    drop(dry);
    let mut out = Indented {
        out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock()),
        indent: b"    ",
    };
    let head = format!(
        "{{\n  \"format\": {:?},\n  \"steps\": [",
        sigsim::outcome::FORMAT
    );
    out.out.write_all(head.as_bytes()).map_err(write_failure)?;
    simulate_each(
        plan,
        Options::default(),
        trace.is_some(),
        |i, outcome, t| -> Result<(), Failure> {
            out.out
                .write_all(if i == 0 { b"\n    " } else { b",\n    " })
                .map_err(write_failure)?;
            let step = StepJson {
                outcome: &outcome,
                trace: trace.map(|lang| TraceJson(&t, lang)),
            };
            serde_json::to_writer_pretty(&mut out, &step)
                .map_err(|e| write_failure(std::io::Error::from(e)))?;
            Ok(())
        },
    )?;
    let tail: &[u8] = if plan.actions.is_empty() {
        b"]\n}\n"
    } else {
        b"\n  ]\n}\n"
    };
    out.out.write_all(tail).map_err(write_failure)?;
    out.out.flush().map_err(write_failure)
}

impl From<ScenarioError> for Failure {
    fn from(e: ScenarioError) -> Failure {
        Failure::Invalid(e.to_string())
    }
}

/// One step as the format writes it, with its `trace` last when asked for.
#[derive(serde::Serialize)]
struct StepJson<'a> {
    #[serde(flatten)]
    outcome: &'a StepOutcome,
    #[serde(skip_serializing_if = "Option::is_none")]
    trace: Option<TraceJson<'a>>,
}

/// A step's trace, written one decision at a time, its sentences in the
/// language asked for (`describe` is the one place they come from).
struct TraceJson<'a>(&'a [TraceStep], Lang);

impl serde::Serialize for TraceJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for step in self.0 {
            if self.1 == Lang::En {
                seq.serialize_element(step)?;
            } else {
                // The step's own JSON (English), its reason replaced in place.
                let mut json = serde_json::to_value(step).map_err(S::Error::custom)?;
                json["reason"] = describe(step, self.1).into();
                seq.serialize_element(&json)?;
            }
        }
        seq.end()
    }
}

/// Writes pretty JSON one level deeper: `indent` after every newline.
/// Newlines in JSON text are only ever the formatter's (a string's are
/// escaped), so this is the indented text, byte for byte.
struct Indented<W> {
    out: W,
    indent: &'static [u8],
}

impl<W: Write> Write for Indented<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        let mut rest = buf;
        while let Some(n) = rest.iter().position(|b| *b == b'\n') {
            self.out.write_all(&rest[..=n])?;
            self.out.write_all(self.indent)?;
            rest = &rest[n + 1..];
        }
        self.out.write_all(rest)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// A write that failed: a closed pipe is not an error of the command
/// (`sigsim FILE | head`); any other failure is.
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

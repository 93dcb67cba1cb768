//! The trace: every decision the port makes, in order, as the kernel made
//! it. The app animates exactly these steps and shows the port's own source
//! line for each, so a step is recorded where the decision is taken, with
//! `file!()` and `line!()` of that place — never reconstructed afterwards.

use crate::outcome::Errno;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// One decision (or one pass through a function that decides nothing but
/// is on the path, so the diagram can light it).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TraceStep {
    /// The function, by its name in the kernel version being followed.
    pub func: &'static str,
    /// Call depth below the syscall (or below the receiver's `get_signal`).
    pub depth: u8,
    /// The process the function is looking at, by scenario id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task: Option<String>,
    /// What the function examined, in the order it examined it.
    #[serde(serialize_with = "ordered_map")]
    pub values: Vec<(&'static str, String)>,
    /// The branch taken, in one sentence.
    pub reason: String,
    /// Set where the signal's fate (or the call's result) is sealed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// The port's own source location of this decision.
    pub file: &'static str,
    pub line: u32,
}

/// What a deciding step decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The call fails with this errno here.
    Fails(Errno),
    /// sig 0: permission and existence checked, nothing sent.
    Probe,
    /// Dropped at generation time (`prepare_signal` said no): the call still returns 0.
    Dropped,
    /// Already pending: a legacy signal does not queue twice.
    Coalesced,
    /// Queued on the target.
    Queued,
    /// Fatal to the whole thread group, decided at send time.
    Fatal,
    /// Dequeued and handed to the user's handler.
    Handled,
    /// Dequeued and thrown away by the receiver.
    Discarded,
    /// Dequeued and the process stopped.
    Stopped,
    /// A stopped process resumed.
    Continued,
    /// Dequeued and the process died of it.
    Killed,
    /// A process exited.
    Exited,
    /// A process was created.
    Created,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Fails(e) => e.name(),
            Verdict::Probe => "probe",
            Verdict::Dropped => "dropped",
            Verdict::Coalesced => "coalesced",
            Verdict::Queued => "queued",
            Verdict::Fatal => "fatal",
            Verdict::Handled => "handled",
            Verdict::Discarded => "discarded",
            Verdict::Stopped => "stopped",
            Verdict::Continued => "continued",
            Verdict::Killed => "killed",
            Verdict::Exited => "exited",
            Verdict::Created => "created",
        }
    }
}

impl Serialize for Verdict {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.label())
    }
}

fn ordered_map<S: Serializer>(v: &[(&'static str, String)], s: S) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(v.len()))?;
    for (k, val) in v {
        m.serialize_entry(k, val)?;
    }
    m.end()
}

/// Collects steps while on; costs one branch per decision while off.
#[derive(Clone, Debug, Default)]
pub struct Tracer {
    pub on: bool,
    pub depth: u8,
    pub steps: Vec<TraceStep>,
}

/// Records a step if tracing is on. Arguments after the reason are
/// `"name" => value` pairs; nothing is formatted when tracing is off.
///
/// `trace!(k, func, task, verdict, reason, "sig" => sig, …)`
macro_rules! trace {
    ($k:ident, $func:expr, $task:expr, $verdict:expr, $reason:expr $(, $key:literal => $val:expr)* $(,)?) => {
        if $k.tracer.on {
            let task: Option<$crate::sched::TaskId> = $task;
            let step = $crate::trace::TraceStep::record(
                $func,
                $k.tracer.depth,
                task.map(|t| $k.tasks[t].name.as_str()),
                $verdict,
                String::from($reason),
                &[$(($key, &$val as &dyn ::core::fmt::Display)),*],
                file!(),
                line!(),
            );
            $k.tracer.push(step);
        }
    };
}

impl TraceStep {
    /// The out-of-line half of [`trace!`]: one call per decision instead of
    /// the step built in place at each of ~150 sites (which cost the page's
    /// wasm several KiB). Takes shared borrows only, so values may borrow
    /// the kernel.
    #[doc(hidden)]
    #[inline(never)]
    #[allow(clippy::too_many_arguments)]
    pub fn record(
        func: &'static str,
        depth: u8,
        task: Option<&str>,
        verdict: Option<Verdict>,
        reason: String,
        values: &[(&'static str, &dyn core::fmt::Display)],
        file: &'static str,
        line: u32,
    ) -> TraceStep {
        TraceStep {
            func,
            depth,
            task: task.map(str::to_string),
            values: values.iter().map(|(k, v)| (*k, v.to_string())).collect(),
            reason,
            verdict,
            file,
            line,
        }
    }
}

impl Tracer {
    #[doc(hidden)]
    #[inline(never)]
    pub fn push(&mut self, step: TraceStep) {
        self.steps.push(step);
    }
}

/// Calls a ported function one level deeper in the trace.
macro_rules! call {
    ($k:ident, $e:expr) => {{
        $k.tracer.depth += 1;
        let r = $e;
        $k.tracer.depth -= 1;
        r
    }};
}

pub(crate) use {call, trace};

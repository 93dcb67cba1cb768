//! The `sigscene/1` scenario as written (see `shared/scenario-format.md`):
//! plain serde types that reject unknown fields. Nothing here knows the
//! rules; [`crate::validate`] turns a `Scenario` into a [`crate::validate::Plan`]
//! the port can run, and names the offending field when it cannot.

use crate::signum::SigSpec;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const FORMAT: &str = "sigscene/1";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub format: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kernel: Option<String>,
    pub namespaces: Vec<NamespaceSpec>,
    pub processes: Vec<ProcessSpec>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionSpec>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamespaceSpec {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcessSpec {
    pub id: String,
    pub ns: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<u32>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub signals: BTreeMap<String, Disposition>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocked: Vec<SigSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<GroupSpec>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Disposition {
    /// SIG_DFL
    #[default]
    Default,
    /// SIG_IGN
    Ignore,
    /// A handler installed with SA_SIGINFO that records what it saw.
    Catch,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupSpec {
    /// `setpgid(0, 0)` right after creation.
    New,
    /// `setsid()` right after creation.
    Session,
}

/// One action. The format tells kinds apart by their keys, so every key is
/// optional here and [`crate::validate`] checks that exactly one kind's keys
/// are present; that way a wrong combination is reported by its path.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kill: Option<PidSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sigqueue: Option<PidSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tgkill: Option<PidSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pidfd_send_signal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sig: Option<SigSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kernel: Option<SigSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spawn: Option<ProcessSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sigaction: Option<BTreeMap<String, Disposition>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sigprocmask: Option<MaskSpec>,
}

/// The pid argument of kill-like calls: a raw number, or a process's PID
/// (or its group leader's) as seen from the caller.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PidSpec {
    Raw(i64),
    PidOf(PidOf),
    GroupOf(GroupOf),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PidOf {
    pub pid_of: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupOf {
    pub group_of: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaskSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<Vec<SigSpec>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unblock: Option<Vec<SigSpec>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set: Option<Vec<SigSpec>>,
}

//! The `sigscene-outcome/1` format: what a run of a scenario produced, one
//! step per action. The port and the real-kernel runner both write it; the
//! differential tests compare two of them with [`Outcome::same_as`].

use crate::signum::Signal;
pub use crate::uapi::{Errno, Handled, SiCode};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use std::fmt;

pub const FORMAT: &str = "sigscene-outcome/1";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub format: String,
    pub steps: Vec<StepOutcome>,
}

impl Outcome {
    pub fn new(steps: Vec<StepOutcome>) -> Self {
        Outcome {
            format: FORMAT.to_string(),
            steps,
        }
    }

    /// Equal as the format defines it: `handled` compared as a multiset.
    pub fn same_as(&self, other: &Outcome) -> bool {
        self.first_difference(other).is_none()
    }

    /// Where two outcomes first differ, in words, or `None`.
    pub fn first_difference(&self, other: &Outcome) -> Option<String> {
        if self.steps.len() != other.steps.len() {
            return Some(format!(
                "{} steps vs {}",
                self.steps.len(),
                other.steps.len()
            ));
        }
        for (i, (a, b)) in self.steps.iter().zip(&other.steps).enumerate() {
            if a.ret != b.ret {
                return Some(format!("steps[{i}].ret: {} vs {}", a.ret, b.ret));
            }
            if a.processes != b.processes {
                for (id, pa) in &a.processes.0 {
                    match b.processes.get(id) {
                        Some(pb) if pb == pa => {}
                        Some(pb) => {
                            return Some(format!("steps[{i}].processes.{id}: {pa:?} vs {pb:?}"))
                        }
                        None => {
                            return Some(format!("steps[{i}].processes.{id}: only in the first"))
                        }
                    }
                }
                return Some(format!(
                    "steps[{i}].processes: the second lists more processes"
                ));
            }
            let (mut ha, mut hb) = (a.handled.clone(), b.handled.clone());
            ha.sort();
            hb.sort();
            if ha != hb {
                return Some(format!("steps[{i}].handled: {ha:?} vs {hb:?}"));
            }
        }
        None
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepOutcome {
    pub ret: Ret,
    pub processes: ProcessMap,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub handled: Vec<Handled>,
}

/// `0` or the errno name a call returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ret {
    Ok,
    Err(Errno),
}

impl fmt::Display for Ret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ret::Ok => f.write_str("0"),
            Ret::Err(e) => f.write_str(e.name()),
        }
    }
}

impl Serialize for Ret {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Ret::Ok => s.serialize_u8(0),
            Ret::Err(e) => s.serialize_str(e.name()),
        }
    }
}

impl<'de> Deserialize<'de> for Ret {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            N(i64),
            S(String),
        }
        match Raw::deserialize(d)? {
            Raw::N(0) => Ok(Ret::Ok),
            Raw::N(n) => Err(de::Error::custom(format!(
                "ret is 0 or an errno name, not {n}"
            ))),
            Raw::S(s) => Errno::from_name(&s)
                .map(Ret::Err)
                .ok_or_else(|| de::Error::custom(format!("unknown errno {s:?}"))),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Running,
    Stopped,
    Dead,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcessOutcome {
    pub state: State,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signal: Option<Signal>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pending: Vec<Signal>,
}

/// Processes by id, in creation order (a JSON object whose key order is
/// kept so outcomes read like their scenarios).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProcessMap(pub Vec<(String, ProcessOutcome)>);

impl ProcessMap {
    pub fn get(&self, id: &str) -> Option<&ProcessOutcome> {
        self.0.iter().find(|(k, _)| k == id).map(|(_, v)| v)
    }
}

impl Serialize for ProcessMap {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for ProcessMap {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ProcessMap;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of processes")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<ProcessMap, A::Error> {
                let mut v = Vec::new();
                while let Some((k, p)) = a.next_entry()? {
                    v.push((k, p));
                }
                Ok(ProcessMap(v))
            }
        }
        d.deserialize_map(V)
    }
}

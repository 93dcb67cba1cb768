//! The `sigscene/1` scenario as written (see `shared/scenario-format.md`):
//! plain serde types that reject unknown fields. Nothing here knows the
//! rules; [`crate::validate`] turns a `Scenario` into a [`crate::validate::Plan`]
//! the port can run, and names the offending field when it cannot.
//!
//! serde's derive is looser than the format in three ways, closed here
//! (`docs/scenario-format-notes.md`): it reads a struct from a JSON array of
//! its fields, a unit enum from `{"catch": null}`, and keeps the last of two
//! equal keys in a map. The structs and enums below derive with
//! `remote = "Self"` and read through [`strict`], which takes objects
//! only, each key once (refused at the repeated key's path), and enums from
//! strings only. `sigsim::json`, the page's reader, follows the same rules.

use crate::describe::Lang;
use crate::signum::SigSpec;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

pub const FORMAT: &str = "sigscene/1";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub format: String,
    /// What the scenario is for, in words: the gallery's title, question
    /// and explanation (`docs/scenario-format-notes.md`). Optional; the
    /// kernel port never reads it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kernel: Option<String>,
    pub namespaces: Vec<NamespaceSpec>,
    pub processes: Vec<ProcessSpec>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionSpec>,
}

/// A scenario's words (optional in `sigscene/1`, an extension of this
/// project): a stable `name` (kebab-case, the gallery file's stem and the
/// page's `?preset=NAME`), a `title`, the `question` it answers, the
/// `group` of questions it belongs to, and two to four sentences that
/// `explain` the answer. [`crate::validate::validate_meta`] holds the
/// limits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub name: String,
    pub title: Text,
    pub question: Text,
    pub group: Text,
    pub explain: Text,
    /// Steps a learner takes on this world, each checked against what they
    /// did (optional; `docs/scenario-format-notes.md`, "lesson").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lesson: Vec<LessonStep>,
}

/// One step of a lesson: the words shown, and what the learner must do,
/// as a fact the page compares with the verb it receives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(deny_unknown_fields)]
pub struct LessonStep {
    pub say: Text,
    #[serde(rename = "do")]
    pub task: Task,
    /// Ask the learner for the outcome before this step's send plays.
    #[serde(default, skip_serializing_if = "is_false")]
    pub predict: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// What a lesson step asks for. Like [`ActionSpec`], every key is optional
/// and [`crate::validate`] checks that one kind's keys are present:
/// `send` + `to` (+ `from`), `set` + `on` + `to`, `exit`, or `undo`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(deny_unknown_fields)]
pub struct Task {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send: Option<SigSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set: Option<SigSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Aim>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undo: Option<bool>,
}

/// A step's `to`: a name (a process for `send`, a disposition for `set`),
/// a raw pid argument (`-1`: every process the sender may signal, `0`: its
/// own group) or `{"group_of": id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Aim {
    Name(String),
    Raw(i64),
    GroupOf(GroupOf),
}

/// A text in English, and optionally in 简体中文.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zh: Option<String>,
}

impl Text {
    /// The text in `lang`, or in English when it has none in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => self.zh.as_deref().unwrap_or(&self.en),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(deny_unknown_fields)]
pub struct NamespaceSpec {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(deny_unknown_fields)]
pub struct ProcessSpec {
    pub id: String,
    pub ns: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<u32>,
    #[serde(
        default,
        deserialize_with = "unique_keys",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub signals: BTreeMap<String, Disposition>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocked: Vec<SigSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<GroupSpec>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(remote = "Self", rename_all = "lowercase")]
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
#[serde(remote = "Self", rename_all = "lowercase")]
pub enum GroupSpec {
    /// `setpgid(0, 0)` right after creation.
    New,
    /// `setsid()` right after creation.
    Session,
}

/// One action. The format tells kinds apart by their keys, so every key is
/// optional here and [`crate::validate`] checks that exactly one kind's keys
/// are present; that way a wrong combination is reported by its path.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
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
    #[serde(
        default,
        deserialize_with = "some_unique_keys",
        skip_serializing_if = "Option::is_none"
    )]
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
#[serde(remote = "Self")]
#[serde(deny_unknown_fields)]
pub struct PidOf {
    pub pid_of: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(deny_unknown_fields)]
pub struct GroupOf {
    pub group_of: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(deny_unknown_fields)]
pub struct MaskSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<Vec<SigSpec>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unblock: Option<Vec<SigSpec>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set: Option<Vec<SigSpec>>,
}

/// The serde impls of the strict types: the derived (`remote = "Self"`)
/// functions, reading through a [`strict`] adapter.
macro_rules! strict_serde {
    ($adapter:ident: $($t:ty),*) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                <$t>::serialize(self, s)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <$t>::deserialize(strict::$adapter(d))
            }
        }
    )*};
}

strict_serde!(Object: Scenario, Meta, LessonStep, Task, Text, NamespaceSpec, ProcessSpec, ActionSpec, PidOf, GroupOf, MaskSpec);
strict_serde!(Name: Disposition, GroupSpec);

/// A `signals` or `sigaction` object: each key once.
fn unique_keys<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, Disposition>, D::Error> {
    BTreeMap::deserialize(strict::Object(d))
}

fn some_unique_keys<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<BTreeMap<String, Disposition>>, D::Error> {
    struct Map(BTreeMap<String, Disposition>);
    impl<'de> Deserialize<'de> for Map {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            unique_keys(d).map(Map)
        }
    }
    Ok(Option::<Map>::deserialize(d)?.map(|m| m.0))
}

/// Deserializer adapters that hold serde's derived code to the format.
pub mod strict {
    use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, Visitor};
    use std::collections::BTreeSet;
    use std::fmt;

    /// Reads a struct or map from a JSON object only (not from an array of
    /// its fields), and refuses a key given twice at that key's path.
    pub struct Object<D>(pub D);

    /// Reads a unit-only enum from a string only (not from
    /// `{"variant": null}`).
    pub struct Name<D>(pub D);

    impl<'de, D: Deserializer<'de>> Deserializer<'de> for Object<D> {
        type Error = D::Error;
        fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
            self.0.deserialize_map(Keys(v))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map struct enum identifier ignored_any
        }
    }

    impl<'de, D: Deserializer<'de>> Deserializer<'de> for Name<D> {
        type Error = D::Error;
        fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
            self.0.deserialize_str(Variant(v))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map struct enum identifier ignored_any
        }
    }

    /// Hands the derived visitor a map that checks its keys.
    struct Keys<V>(V);

    impl<'de, V: Visitor<'de>> Visitor<'de> for Keys<V> {
        type Value = V::Value;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            self.0.expecting(f)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
            self.0.visit_map(Unique {
                map,
                seen: BTreeSet::new(),
            })
        }
    }

    struct Unique<A> {
        map: A,
        seen: BTreeSet<String>,
    }

    impl<'de, A: MapAccess<'de>> MapAccess<'de> for Unique<A> {
        type Error = A::Error;
        fn next_key_seed<K: DeserializeSeed<'de>>(
            &mut self,
            seed: K,
        ) -> Result<Option<K::Value>, A::Error> {
            self.map.next_key_seed(Once {
                seed,
                seen: &mut self.seen,
            })
        }
        fn next_value_seed<S: DeserializeSeed<'de>>(
            &mut self,
            seed: S,
        ) -> Result<S::Value, A::Error> {
            self.map.next_value_seed(seed)
        }
        fn size_hint(&self) -> Option<usize> {
            self.map.size_hint()
        }
    }

    /// A key, refused if seen before. The error is raised while the key is
    /// read, so serde_path_to_error names the key (`processes[0].id`), as it
    /// does for an unknown field.
    struct Once<'s, K> {
        seed: K,
        seen: &'s mut BTreeSet<String>,
    }

    impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for Once<'_, K> {
        type Value = K::Value;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<K::Value, D::Error> {
            let key: String = serde::Deserialize::deserialize(d)?;
            if self.seen.contains(&key) {
                return Err(de::Error::custom(format_args!("duplicate key `{key}`")));
            }
            let value = self.seed.deserialize(key.as_str().into_deserializer());
            self.seen.insert(key);
            value
        }
    }

    /// Hands the derived visitor the string as a unit variant.
    struct Variant<V>(V);

    impl<'de, V: Visitor<'de>> Visitor<'de> for Variant<V> {
        type Value = V::Value;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            self.0.expecting(f)
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<V::Value, E> {
            self.0.visit_enum(s.into_deserializer())
        }
    }
}

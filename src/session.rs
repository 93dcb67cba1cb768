//! The one reducer. Its state is the session — a `sigscene/1` scenario
//! (starting world + actions) — plus the few choices of the page (sender,
//! how to send, the picked signal, what is selected); its verbs are what the
//! user does. Undo, permalinks, autosave and the tests all go through it.
//!
//! How an edit lands, as the issue asks:
//! - Before the first action, edits rewrite the starting world.
//! - Once the session has actions, an edit the format has an action for
//!   (spawn, sigaction, sigprocmask, exit) is appended as an action, so the
//!   port decides its result and a replay reproduces it exactly.
//! - Other edits (uid, group, deleting, namespaces, the kernel version)
//!   rewrite the starting world and the actions replay on it; if they no
//!   longer apply, the edit is refused with the reason.
//! - An edit the kernel refuses is refused with the kernel's reason: a
//!   failed call (EINVAL, ENOMEM, …) stays in the log as the call it was; a
//!   world the port will not build (the global init exiting panics the
//!   kernel) is not kept at all.

use crate::default_world::{default_scenario, DEFAULT_SENDER};
use crate::palette;
use crate::permalink::Kept;
use crate::replay::{ProcState, Replay};
use crate::send::{build_action, DropTarget, HowToSend, Sender};
use crate::words::Lang;
use sigsim::outcome::Ret;
use sigsim::scenario::{ActionSpec, Disposition, GroupSpec, MaskSpec, NamespaceSpec, ProcessSpec};
use sigsim::signum::SigSpec;
use sigsim::validate::Plan;
use sigsim::{Scenario, ScenarioError, Signal};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// How many scenarios undo remembers.
const UNDO_DEPTH: usize = 200;

/// The most processes (declared and spawned) a session may hold in the
/// page: its figures are measured at 10,000 (README, "Scale"); beyond this
/// the page refuses the session and says to use the `sigsim` command,
/// which has no such limit, rather than freeze the tab.
pub const PAGE_MAX_PROCESSES: usize = 12_000;
/// The most actions a session may hold in the page (2,000 sends are
/// measured).
pub const PAGE_MAX_ACTIONS: usize = 5_000;

/// Refuses a session larger than the page plays well, naming the field
/// and both sizes.
pub fn fits_the_page(s: &Scenario) -> Result<(), ScenarioError> {
    let spawned = s.actions.iter().filter(|a| a.spawn.is_some()).count();
    let processes = s.processes.len() + spawned;
    if processes > PAGE_MAX_PROCESSES {
        return Err(ScenarioError::new(
            "processes",
            format!(
                "{processes} processes are more than the page shows ({PAGE_MAX_PROCESSES} at most); the sigsim command plays any number: sigsim FILE"
            ),
        ));
    }
    if s.actions.len() > PAGE_MAX_ACTIONS {
        return Err(ScenarioError::new(
            "actions",
            format!(
                "{} actions are more than the page plays ({PAGE_MAX_ACTIONS} at most); the sigsim command plays any number: sigsim FILE",
                s.actions.len()
            ),
        ));
    }
    Ok(())
}

/// What the outcome panel says after a verb. Facts with their values, not
/// sentences: [`crate::words`] words them when they are shown, so that a
/// switch of language rewords the notice already on the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// Nothing done yet: how to begin.
    Welcome,
    /// The result of the session's action with this index.
    Step(usize),
    /// An edit that was not made, and why.
    Refused {
        what: Act,
        reason: Why,
    },
    /// The kernel would panic ("Attempted to kill init!"); the reason is
    /// the port's own.
    Panic {
        what: Act,
        reason: String,
    },
    Info(Msg),
}

/// What the user tried, as a refusal names it ("Not done: …").
#[derive(Clone, Debug, PartialEq)]
pub enum Act {
    Send(Signal),
    SendFrom(String),
    SetUid {
        id: String,
        uid: u32,
    },
    SetGroup {
        id: String,
        group: Option<GroupSpec>,
    },
    Exit(String),
    FollowKernel(String),
    Reset,
    AddNamespace {
        id: String,
        parent: String,
    },
    DeleteNamespace(String),
    AddProcess {
        id: String,
        ns: String,
        parent: String,
    },
    Sigaction {
        id: String,
        sig: Signal,
        disposition: Disposition,
    },
    Block {
        id: String,
        sig: Signal,
        blocked: bool,
    },
    Delete(String),
    Undo,
    Redo,
    Import,
    OpenLink,
    OpenPreset(String),
}

/// Why an edit was not made. The port's and the browser's own reasons are
/// carried as they say them (English: `sigsim::validate` has one language).
#[derive(Clone, Debug, PartialEq)]
pub enum Why {
    /// A `ScenarioError` of the port, or a link that does not read.
    Port(String),
    NoProcess(String),
    /// A sender that cannot make a call now.
    CannotAct(crate::replay::CannotAct),
    ChooseAnotherSender(crate::replay::CannotAct),
    KernelSendsToOne,
    /// This call signals one process only.
    OneProcessOnly(HowToSend),
    NoLongerReplays(String),
    /// A process the session made would no longer be made.
    WouldNowFail {
        actor: String,
        call: crate::replay::Call,
        explanation: Box<crate::explain::Explanation>,
    },
    RootNamespace,
    NestedNamespace(String),
    LivesIn(String),
    CannotBlock(Signal),
    GlobalInit,
    ParentOf {
        id: String,
        children: Vec<String>,
    },
    StillUsed(String),
    EarlierNoLongerReplays(String),
    NoEarlierPoint(String),
    NotASigsceneFile(String),
    /// No gallery scenario has this name (a `?preset=` typed by hand).
    NoSuchPreset(String),
    /// The preset's text could not be loaded or read: why.
    PresetNotLoaded(String),
}

/// What the session says after an edit that was made.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    PickSignalFirst,
    NoActionToShow,
    /// An edit of the starting world, and how many actions replayed on it.
    Done {
        what: Act,
        replayed: usize,
    },
    BackToDefault,
    KernelSends,
    NowSends(String),
    Added {
        id: String,
        pids: String,
    },
    Deleted(String),
    NothingToRedo,
    Redone,
    Undone,
    /// Undo took several actions off, since the shorter session did not
    /// replay (the port's reason).
    UndoneSeveral {
        n: usize,
        why: String,
    },
    NothingToUndo,
    Imported {
        processes: usize,
        actions: usize,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Verb {
    /// Drop a signal on a target (pointer drag).
    Send {
        target: DropTarget,
        sig: Signal,
    },
    /// Send the picked signal to a target (the keyboard way).
    SendArmed(DropTarget),
    /// Click or Enter on a process: send the signal in hand, or, with none,
    /// open the process in the editor.
    Activate(String),
    SetSender(Sender),
    SetHow(HowToSend),
    /// Pick (or put back) a signal for the keyboard way.
    Arm(Option<Signal>),
    SetRtOffset(u8),
    /// The target under the pointer while dragging (or focused while armed).
    Hover(Option<DropTarget>),
    Select(Option<String>),
    ToggleNamespace(String),
    /// "Show the other N processes" of a namespace.
    ShowAllProcesses(String),
    CreateNamespace {
        parent: String,
        id: String,
    },
    DeleteNamespace(String),
    /// Fork (same namespace), clone(CLONE_NEWPID) (first process of a child
    /// namespace) or setns + fork (an ancestor joins, as docker exec).
    AddProcess {
        id: String,
        parent: String,
        ns: String,
    },
    SetUid {
        id: String,
        uid: u32,
    },
    SetGroup {
        id: String,
        group: Option<GroupSpec>,
    },
    SetDisposition {
        id: String,
        sig: Signal,
        disposition: Disposition,
    },
    SetBlocked {
        id: String,
        sig: Signal,
        blocked: bool,
    },
    Exit {
        id: String,
    },
    Delete {
        id: String,
    },
    SetKernel(String),
    Undo,
    /// Puts back what the last undo took away (until the next edit).
    Redo,
    Reset,
    /// A `sigscene/1` file's text.
    Import(String),
    /// A permalink's fragment, from the embedding page (postMessage
    /// `load`): opened as a link is at load, a bad one kept aside.
    OpenLink(String),
    /// A gallery scenario, by name (the gallery, the myths, `?preset=`):
    /// its world becomes the session (undo comes back) and its words are
    /// shown until the session is edited. The browser loads its text
    /// first ([`crate::gallery`]).
    OpenPreset(String),
    /// A link from the embedding page that could not be opened before it
    /// reached the session (a compressed one that does not inflate): its
    /// fragment and why, refused and kept aside as a bad link is.
    RefuseLink(String, String),
    /// Forget a kept text for good.
    Discard(usize),
    /// What the last save said: `Some(why)` when it was not saved.
    Saved(Option<String>),
    /// The page's language switch.
    SetLang(Lang),
    /// The theme switch.
    SetTheme(crate::presenting::Theme),
    /// A− (`false`) and A+ (`true`): the presenter scale.
    Scale(bool),
    /// "Predict first": every send asks for the outcome before it shows.
    Predict(bool),
    /// The learner's answer to the open question: the send then shows.
    Answer(crate::lesson::Guess),
    /// Leave the question unanswered: the send is not made.
    SkipPrediction,
    /// Start the session's lesson from the starting world (an undoable
    /// edit when the session has actions).
    StartLesson,
    /// Put the lesson away (the session stays as it is).
    EndLesson,
}

/// A send made while a prediction is asked: the session with it, kept
/// aside until the learner answers, so that nothing on the page (tree, log,
/// kernel path) shows the outcome first.
#[derive(Clone)]
pub struct Pending {
    pub after: AppState,
    pub question: crate::lesson::Question,
}

/// A prediction answered: right or wrong, shown with the send it was about.
#[derive(Clone, Debug, PartialEq)]
pub struct Reveal {
    pub step: usize,
    pub scored: crate::lesson::Scored,
}

/// What an undo took away, for redo: the session as it was (its replay
/// kept, so a redo replays nothing) and how to undo it again.
#[derive(Clone, Debug)]
pub struct Undone {
    pub scenario: Rc<Scenario>,
    /// Kept for the latest [`REDO_REPLAYS_KEPT`] only: a 10,000-process
    /// world is megabytes, and 200 undos in a row would keep 200 of them.
    pub replay: Option<Rc<Replay>>,
    pub before: Before,
}

/// How many undone sessions keep their replay (the rest replay on redo).
const REDO_REPLAYS_KEPT: usize = 8;

/// How to get back to the session before an edit. A send only adds an
/// action, so undoing it needs no copy of the session: 2,000 sends keep
/// 200 steps of undo in a few kilobytes, not 200 copies of the session.
#[derive(Clone, Debug)]
pub enum Before {
    /// The edit added one action at the end: undo takes it off.
    Appended,
    /// Any other edit: the whole session before it.
    Whole(Rc<Scenario>),
}

#[derive(Clone)]
pub struct AppState {
    pub scenario: Rc<Scenario>,
    /// Derived: `scenario` replayed through the port.
    pub replay: Rc<Replay>,
    /// How to get back, edit by edit (the last is the latest).
    pub history: Vec<Before>,
    /// What undo took away, the latest last; emptied by any other edit.
    pub undone: Vec<Undone>,
    pub sender: Sender,
    pub how: HowToSend,
    pub armed: Option<Signal>,
    /// n of the SIGRTMIN+n chip.
    pub rt_offset: u8,
    pub hover: Option<DropTarget>,
    pub selected: Option<String>,
    pub notice: Notice,
    /// Namespaces the user opened or closed, over the automatic collapse.
    pub expanded: BTreeMap<String, bool>,
    /// Namespaces whose every process is shown, not only the first
    /// [`crate::view_model::SHOWN_PER_NAMESPACE`].
    pub shown_all: BTreeSet<String>,
    /// What a link or the autosave could not restore: kept until
    /// discarded.
    pub kept: Rc<Vec<Kept>>,
    /// Why the session is not saved in this browser, if it is not.
    pub unsaved: Option<String>,
    /// The page's language: a choice about the page, not the session (no
    /// undo, not in a link).
    pub lang: Lang,
    /// The page's theme and presenter scale (like `lang`, not the session).
    pub look: crate::presenting::Look,
    /// The gallery scenario opened last, as it was opened: its words are
    /// shown while the session is still that world ([`Self::preset_shown`]).
    pub preset: Option<Rc<OpenedPreset>>,
    /// The lesson of the scenario opened (`meta.lesson`), and how far the
    /// learner got: beside the session, not in it (links stay as short).
    pub lesson: Option<Rc<crate::lesson::LessonRun>>,
    /// "Predict first", a choice about the page like `lang`.
    pub predict: bool,
    /// The send waiting for the learner's prediction.
    pub pending: Option<Rc<Pending>>,
    /// The last prediction's verdict, until the next edit.
    pub reveal: Option<Rc<Reveal>>,
}

/// A gallery scenario as the page opened it.
#[derive(Debug, PartialEq)]
pub struct OpenedPreset {
    pub name: &'static str,
    pub meta: Rc<sigsim::scenario::Meta>,
    /// Its world, without the words: the session it started.
    pub scenario: Rc<Scenario>,
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.replay, &other.replay)
            && self.sender == other.sender
            && self.how == other.how
            && self.armed == other.armed
            && self.rt_offset == other.rt_offset
            && self.hover == other.hover
            && self.selected == other.selected
            && self.notice == other.notice
            && self.expanded == other.expanded
            && self.shown_all == other.shown_all
            && self.history.len() == other.history.len()
            && self.undone.len() == other.undone.len()
            && self.kept == other.kept
            && self.unsaved == other.unsaved
            && self.lang == other.lang
            && self.look == other.look
            && self.preset == other.preset
            && self.lesson == other.lesson
            && self.predict == other.predict
            && match (&self.pending, &other.pending) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
            && self.reveal == other.reveal
    }
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new(default_scenario(), None, HowToSend::Kill).expect("the default world replays")
    }
}

/// The sender a world starts with: the host's shell when there is one, else
/// the first other process of the root namespace, else the global init.
pub fn default_sender(plan: &Plan) -> Sender {
    let root = plan.root_ns();
    let initial = plan
        .processes
        .get(..plan.initial)
        .unwrap_or(&plan.processes);
    let pick = initial
        .iter()
        .find(|p| p.id == DEFAULT_SENDER && p.ns == root)
        .or_else(|| initial.iter().find(|p| p.ns == root && p.parent.is_some()))
        .or_else(|| initial.first());
    match pick {
        Some(p) => Sender::Process(p.id.clone()),
        None => Sender::Kernel,
    }
}

fn spec_mut<'a>(s: &'a mut Scenario, id: &str) -> Option<&'a mut ProcessSpec> {
    if let Some(p) = s.processes.iter_mut().find(|p| p.id == id) {
        return Some(p);
    }
    s.actions
        .iter_mut()
        .filter_map(|a| a.spawn.as_mut())
        .find(|p| p.id == id)
}

fn all_specs(s: &Scenario) -> impl Iterator<Item = &ProcessSpec> {
    s.processes
        .iter()
        .chain(s.actions.iter().filter_map(|a| a.spawn.as_ref()))
}

/// The notice for the last step of a replay (none: no step to show).
fn last_step(replay: &Replay) -> Notice {
    match replay.steps.len().checked_sub(1) {
        Some(i) => Notice::Step(i),
        None => Notice::Info(Msg::NoActionToShow),
    }
}

/// The index of the action a port error is about (its path starts
/// `actions[k]`), if it is about one.
fn failing_action(e: &ScenarioError) -> Option<usize> {
    let rest = e.path.strip_prefix("actions[")?;
    rest[..rest.find(']')?].parse().ok()
}

/// A port error as a reason, without the field path the page has no use for.
fn words(e: &ScenarioError) -> Why {
    Why::Port(e.message.clone())
}

impl AppState {
    /// A session on `scenario`; a sender that is not there falls back to
    /// the default one.
    pub fn new(
        scenario: Scenario,
        sender: Option<Sender>,
        how: HowToSend,
    ) -> Result<AppState, ScenarioError> {
        fits_the_page(&scenario)?;
        let replay = Replay::run(&scenario)?;
        let sender = match sender {
            Some(Sender::Process(id)) if replay.index(&id).is_some() => Sender::Process(id),
            Some(Sender::Kernel) => Sender::Kernel,
            _ => default_sender(&replay.plan),
        };
        let notice = if replay.steps.is_empty() {
            Notice::Welcome
        } else {
            Notice::Step(replay.steps.len() - 1)
        };
        Ok(AppState {
            scenario: Rc::new(scenario),
            replay: Rc::new(replay),
            history: Vec::new(),
            undone: Vec::new(),
            sender,
            how,
            armed: None,
            rt_offset: 0,
            hover: None,
            selected: None,
            notice,
            expanded: BTreeMap::new(),
            shown_all: BTreeSet::new(),
            kept: Rc::default(),
            unsaved: None,
            lang: Lang::En,
            look: Default::default(),
            preset: None,
            lesson: None,
            predict: false,
            pending: None,
            reveal: None,
        }
        .with_its_lesson())
    }

    /// Has the session's timeline started (any action)? Then edits the
    /// format has an action for become actions.
    pub fn started(&self) -> bool {
        !self.scenario.actions.is_empty()
    }

    /// The same session, saying `notice`.
    pub fn with_notice(&self, notice: Notice) -> AppState {
        self.with(|s| s.notice = notice)
    }

    /// The gallery scenario the session still is, unedited (an undo back
    /// to it counts): its words are shown, and its link is its name.
    pub fn preset_shown(&self) -> Option<&OpenedPreset> {
        self.preset
            .as_deref()
            .filter(|p| Rc::ptr_eq(&p.scenario, &self.scenario) || p.scenario == self.scenario)
    }

    pub fn sender_id(&self) -> Option<&str> {
        match &self.sender {
            Sender::Process(p) => Some(p),
            Sender::Kernel => None,
        }
    }

    /// Applies one verb. Pure: the browser glue only dispatches. A verb
    /// about the page leaves an open question (and the answer shown) as it
    /// is; any other drops the send that waits for a prediction. Then the
    /// lesson, if any, checks what was done ([`AppState::follow_lesson`]).
    pub fn apply(&self, verb: Verb) -> AppState {
        let about_the_page = matches!(
            verb,
            Verb::Hover(_)
                | Verb::Select(_)
                | Verb::ToggleNamespace(_)
                | Verb::ShowAllProcesses(_)
                | Verb::SetLang(_)
                | Verb::SetTheme(_)
                | Verb::Scale(_)
                | Verb::Saved(_)
                | Verb::Discard(_)
                | Verb::Arm(_)
                | Verb::SetRtOffset(_)
                | Verb::SetHow(_)
                | Verb::SetSender(_)
        );
        if about_the_page {
            return self.apply_verb(verb);
        }
        let this = match (&self.pending, &verb) {
            (Some(_), Verb::Answer(_) | Verb::Predict(false)) => self.clone(),
            (Some(_), _) => self.with(|s| s.pending = None),
            (None, _) => self.with(|s| s.reveal = None),
        };
        let next = this.apply_verb(verb.clone());
        this.follow_lesson(&verb, next)
    }

    fn apply_verb(&self, verb: Verb) -> AppState {
        match verb {
            Verb::Send { target, sig } => self.send(target, sig),
            Verb::SendArmed(target) => match self.armed {
                Some(sig) => self.send(target, sig),
                None => self.with(|s| s.notice = Notice::Info(Msg::PickSignalFirst)),
            },
            Verb::Activate(id) => match self.armed {
                Some(sig) => self.send(DropTarget::Process(id), sig),
                None => self.with(|s| {
                    s.selected = if s.selected.as_deref() == Some(&id) {
                        None
                    } else {
                        Some(id)
                    }
                }),
            },
            Verb::SetSender(sender) => self.set_sender(sender),
            Verb::SetHow(how) => self.with(|s| s.how = how),
            Verb::Arm(sig) => self.with(|s| {
                s.armed = sig;
                if sig.is_none() {
                    s.hover = None;
                }
            }),
            Verb::SetRtOffset(n) => self.with(|s| s.rt_offset = n.min(palette::RT_MAX_OFFSET)),
            Verb::Hover(h) => self.with(|s| s.hover = h),
            Verb::Select(id) => self.with(|s| s.selected = id),
            Verb::ToggleNamespace(id) => self.with(|s| {
                let open = crate::view_model::is_expanded(&s.replay, &s.expanded, &id);
                s.expanded.insert(id, !open);
            }),
            Verb::ShowAllProcesses(id) => self.with(|s| {
                s.shown_all.insert(id);
            }),
            Verb::CreateNamespace { parent, id } => self.create_namespace(parent, id),
            Verb::DeleteNamespace(id) => self.delete_namespace(id),
            Verb::AddProcess { id, parent, ns } => self.add_process(id, parent, ns),
            Verb::SetUid { id, uid } => self.rewrite(
                Act::SetUid {
                    id: id.clone(),
                    uid,
                },
                |s| {
                    spec_mut(s, &id)
                        .map(|p| p.uid = (uid != 0).then_some(uid))
                        .ok_or_else(|| Why::NoProcess(id.clone()))
                },
            ),
            Verb::SetGroup { id, group } => self.rewrite(
                Act::SetGroup {
                    id: id.clone(),
                    group,
                },
                |s| {
                    spec_mut(s, &id)
                        .map(|p| p.group = group)
                        .ok_or_else(|| Why::NoProcess(id.clone()))
                },
            ),
            Verb::SetDisposition {
                id,
                sig,
                disposition,
            } => self.set_disposition(id, sig, disposition),
            Verb::SetBlocked { id, sig, blocked } => self.set_blocked(id, sig, blocked),
            Verb::Exit { id } => self.append(
                ActionSpec {
                    exit: Some(id.clone()),
                    ..Default::default()
                },
                Act::Exit(id),
            ),
            Verb::Delete { id } => self.delete_process(id),
            Verb::SetKernel(v) => self.rewrite(Act::FollowKernel(v.clone()), |s| {
                s.kernel = Some(v.clone());
                Ok(())
            }),
            Verb::Undo => self.undo(),
            Verb::Redo => self.redo(),
            Verb::Reset => match self.replace(default_scenario()) {
                Ok(s) => s.with(|s| {
                    s.sender = default_sender(&s.replay.plan);
                    s.notice = Notice::Info(Msg::BackToDefault);
                }),
                Err(e) => self.refused(Act::Reset, words(&e)),
            },
            Verb::Import(text) => self.import(&text),
            Verb::OpenLink(fragment) => self.open_link(&fragment),
            Verb::OpenPreset(name) => self.open_preset(name),
            Verb::RefuseLink(fragment, why) => self.refuse_link(&fragment, why),
            Verb::Discard(i) => self.with(|s| {
                if i < s.kept.len() {
                    Rc::make_mut(&mut s.kept).remove(i);
                }
            }),
            Verb::Saved(unsaved) => self.with(|s| s.unsaved = unsaved),
            Verb::SetLang(lang) => self.with(|s| s.lang = lang),
            Verb::SetTheme(theme) => self.with(|s| s.look.theme = theme),
            Verb::Scale(up) => {
                self.with(|s| s.look.scale = crate::presenting::scale_step(s.look.scale, up))
            }
            Verb::Predict(on) => match &self.pending {
                // Turned off with a question open: the send shows, unscored.
                Some(p) if !on => p.after.with(|s| {
                    s.predict = false;
                    s.pending = None;
                }),
                _ => self.with(|s| s.predict = on),
            },
            Verb::Answer(guess) => self.answer(guess),
            Verb::SkipPrediction => self.clone(),
            Verb::StartLesson => self.start_lesson(),
            Verb::EndLesson => self.with(|s| s.lesson = None),
        }
    }

    fn with(&self, f: impl FnOnce(&mut AppState)) -> AppState {
        let mut s = self.clone();
        f(&mut s);
        s
    }

    fn refused(&self, what: Act, reason: Why) -> AppState {
        self.with(|s| s.notice = Notice::Refused { what, reason })
    }

    /// A port error: a kernel panic is shown as one.
    fn rejected(&self, what: Act, e: &ScenarioError) -> AppState {
        if e.message.contains("panics") {
            self.with(|s| {
                s.notice = Notice::Panic {
                    what,
                    reason: e.message.clone(),
                }
            })
        } else {
            self.refused(what, words(e))
        }
    }

    /// `next` as the session, the current one kept for undo.
    fn replace(&self, next: Scenario) -> Result<AppState, ScenarioError> {
        fits_the_page(&next)?;
        let replay = Replay::run(&next)?;
        Ok(self.advance(next, replay, Before::Whole(self.scenario.clone())))
    }

    fn advance(&self, next: Scenario, replay: Replay, before: Before) -> AppState {
        let mut s = self.clone();
        s.undone.clear();
        s.history.push(before);
        if s.history.len() > UNDO_DEPTH {
            s.history.remove(0);
        }
        s.scenario = Rc::new(next);
        s.replay = Rc::new(replay);
        s.hover = None;
        s.forget_missing();
        s
    }

    /// After the processes changed: a sender or selection that is gone
    /// falls back.
    fn forget_missing(&mut self) {
        if let Sender::Process(p) = &self.sender {
            if self.replay.index(p).is_none() {
                self.sender = default_sender(&self.replay.plan);
            }
        }
        if let Some(p) = &self.selected {
            if self.replay.task(p).is_none() {
                self.selected = None;
            }
        }
    }

    /// Appends an action; the port decides its result.
    fn append(&self, action: ActionSpec, what: Act) -> AppState {
        let mut next = (*self.scenario).clone();
        next.actions.push(action);
        if let Err(e) = fits_the_page(&next) {
            return self.rejected(what, &e);
        }
        match self.replay.extended(&next) {
            Ok(replay) => self
                .advance(next, replay, Before::Appended)
                .with(|s| s.notice = last_step(&s.replay)),
            Err(e) => self.rejected(what, &e),
        }
    }

    /// Rewrites the starting world (or a spawn's declaration) and replays
    /// every action on it; refused if the edit cannot be made or the
    /// actions no longer apply.
    fn rewrite(&self, what: Act, edit: impl FnOnce(&mut Scenario) -> Result<(), Why>) -> AppState {
        let mut next = (*self.scenario).clone();
        if let Err(why) = edit(&mut next) {
            return self.refused(what, why);
        }
        let s = match self.replace(next) {
            Ok(s) => s,
            Err(e) => return self.refused(what, Why::NoLongerReplays(e.message.clone())),
        };
        // A process the session made must still be made.
        for (old, new) in self.replay.steps.iter().zip(&s.replay.steps) {
            if !old.is_send && old.ret == Ret::Ok && new.ret != Ret::Ok {
                return self.refused(
                    what,
                    Why::WouldNowFail {
                        actor: new.actor.clone(),
                        call: new.call.clone(),
                        explanation: Box::new(new.explanation.clone()),
                    },
                );
            }
        }
        let replayed = s.scenario.actions.len();
        s.with(|s| s.notice = Notice::Info(Msg::Done { what, replayed }))
    }

    fn send(&self, target: DropTarget, sig: Signal) -> AppState {
        let what = Act::Send(sig);
        let s = match build_action(&self.replay, &self.sender, self.how, &target, sig) {
            Ok(a) => self.append(a, what),
            Err(why) => self.refused(what, why),
        };
        s.with(|s| {
            s.armed = None;
            s.hover = None;
        })
    }

    fn set_sender(&self, sender: Sender) -> AppState {
        if let Sender::Process(p) = &sender {
            if let Some(why) = self.replay.cannot_act(p) {
                return self.refused(Act::SendFrom(p.clone()), Why::CannotAct(why));
            }
        }
        let line = match &sender {
            Sender::Kernel => Msg::KernelSends,
            Sender::Process(p) => Msg::NowSends(p.clone()),
        };
        self.with(|s| {
            s.sender = sender;
            s.notice = Notice::Info(line);
        })
    }

    fn create_namespace(&self, parent: String, id: String) -> AppState {
        let id = match id.trim() {
            "" => self.fresh_namespace_id(),
            t => t.to_string(),
        };
        let what = Act::AddNamespace {
            id: id.clone(),
            parent: parent.clone(),
        };
        self.rewrite(what, |s| {
            s.namespaces.push(NamespaceSpec {
                id: id.clone(),
                parent: Some(parent.clone()),
            });
            Ok(())
        })
        .with(|s| {
            s.expanded.insert(id.clone(), true);
        })
    }

    fn fresh_namespace_id(&self) -> String {
        (2..)
            .map(|n| format!("ctr{n}"))
            .find(|c| !self.scenario.namespaces.iter().any(|n| &n.id == c))
            .unwrap()
    }

    /// A name no process has: `proc6`, `proc7`, …
    pub fn fresh_process_id(&self) -> String {
        let taken = |c: &str| all_specs(&self.scenario).any(|p| p.id == c);
        (all_specs(&self.scenario).count() + 1..)
            .map(|n| format!("proc{n}"))
            .find(|c| !taken(c))
            .unwrap()
    }

    fn delete_namespace(&self, id: String) -> AppState {
        let what = Act::DeleteNamespace(id.clone());
        let s = &self.scenario;
        if s.namespaces
            .iter()
            .any(|n| n.id == id && n.parent.is_none())
        {
            return self.refused(what, Why::RootNamespace);
        }
        if let Some(c) = s
            .namespaces
            .iter()
            .find(|n| n.parent.as_deref() == Some(&id))
        {
            return self.refused(what, Why::NestedNamespace(c.id.clone()));
        }
        if let Some(p) = all_specs(s).find(|p| p.ns == id) {
            return self.refused(what, Why::LivesIn(p.id.clone()));
        }
        self.rewrite(what, |s| {
            s.namespaces.retain(|n| n.id != id);
            Ok(())
        })
    }

    fn add_process(&self, id: String, parent: String, ns: String) -> AppState {
        let id = match id.trim() {
            "" => self.fresh_process_id(),
            t => t.to_string(),
        };
        let what = Act::AddProcess {
            id: id.clone(),
            ns: ns.clone(),
            parent: parent.clone(),
        };
        let spec = ProcessSpec {
            id: id.clone(),
            ns,
            parent: Some(parent),
            ..Default::default()
        };
        if self.started() {
            return self.append(
                ActionSpec {
                    spawn: Some(spec),
                    ..Default::default()
                },
                what,
            );
        }
        let mut next = (*self.scenario).clone();
        next.processes.push(spec);
        match self.replace(next) {
            Ok(s) => s.with(|s| {
                let pids = s
                    .replay
                    .task(&id)
                    .map(|t| crate::view_model::pid_chain(&s.replay.world.kernel, t));
                s.notice = Notice::Info(Msg::Added {
                    id: id.clone(),
                    pids: pids.unwrap_or_default(),
                });
            }),
            Err(e) => self.refused(what, words(&e)),
        }
    }

    fn set_disposition(&self, id: String, sig: Signal, d: Disposition) -> AppState {
        let what = Act::Sigaction {
            id: id.clone(),
            sig,
            disposition: d,
        };
        if self.started() {
            let mut map = BTreeMap::new();
            map.insert(palette::name(sig), d);
            return self.append(
                ActionSpec {
                    from: Some(id),
                    sigaction: Some(map),
                    ..Default::default()
                },
                what,
            );
        }
        self.rewrite(what, |s| {
            let p = spec_mut(s, &id).ok_or_else(|| Why::NoProcess(id.clone()))?;
            p.signals.retain(|k, _| Signal::parse(k) != Some(sig));
            if d != Disposition::Default {
                p.signals.insert(palette::name(sig), d);
            }
            Ok(())
        })
    }

    fn set_blocked(&self, id: String, sig: Signal, blocked: bool) -> AppState {
        let what = Act::Block {
            id: id.clone(),
            sig,
            blocked,
        };
        if blocked && sig.kernel_only() {
            // Not an error in the kernel, but nothing would happen: say so.
            return self.refused(what, Why::CannotBlock(sig));
        }
        if self.started() {
            let list = vec![SigSpec::from(sig)];
            let mask = if blocked {
                MaskSpec {
                    block: Some(list),
                    ..Default::default()
                }
            } else {
                MaskSpec {
                    unblock: Some(list),
                    ..Default::default()
                }
            };
            return self.append(
                ActionSpec {
                    from: Some(id),
                    sigprocmask: Some(mask),
                    ..Default::default()
                },
                what,
            );
        }
        self.rewrite(what, |s| {
            let p = spec_mut(s, &id).ok_or_else(|| Why::NoProcess(id.clone()))?;
            p.blocked.retain(|b| b.number() != Some(sig.nr() as i64));
            if blocked {
                p.blocked.push(SigSpec::from(sig));
            }
            Ok(())
        })
    }

    fn delete_process(&self, id: String) -> AppState {
        let what = Act::Delete(id.clone());
        let s = &self.scenario;
        if s.processes.first().is_some_and(|p| p.id == id) {
            return self.refused(what, Why::GlobalInit);
        }
        let children: Vec<String> = all_specs(s)
            .filter(|p| p.parent.as_deref() == Some(&id))
            .map(|p| p.id.clone())
            .collect();
        if !children.is_empty() {
            return self.refused(what, Why::ParentOf { id, children });
        }
        let mut next = (**s).clone();
        next.processes.retain(|p| p.id != id);
        next.actions
            .retain(|a| a.spawn.as_ref().is_none_or(|p| p.id != id));
        match self.replace(next) {
            Ok(st) => st.with(|st| st.notice = Notice::Info(Msg::Deleted(id))),
            Err(e) => self.refused(what, Why::StillUsed(e.to_string())),
        }
    }

    /// Can undo do anything? (The button is disabled otherwise.)
    pub fn can_undo(&self) -> bool {
        !self.history.is_empty() || self.started()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    /// The session the last undo left, as it was: nothing is replayed.
    fn redo(&self) -> AppState {
        let Some(u) = self.undone.last().cloned() else {
            return self.with(|s| s.notice = Notice::Info(Msg::NothingToRedo));
        };
        let replay = match u.replay {
            Some(r) => r,
            None => match self.replay.extended(&u.scenario) {
                Ok(r) => Rc::new(r),
                Err(e) => {
                    return self.refused(Act::Redo, words(&e)).with(|s| {
                        s.undone.pop();
                    })
                }
            },
        };
        let mut s = self.clone();
        s.undone.pop();
        s.notice = match u.before {
            Before::Appended => last_step(&replay),
            Before::Whole(_) => Notice::Info(Msg::Redone),
        };
        s.history.push(u.before);
        s.scenario = u.scenario;
        s.replay = replay;
        s.hover = None;
        s.forget_missing();
        s
    }

    /// Steps back to the previous session. A session restored from a link
    /// or the autosave has no history: then undo drops its last action, and
    /// more if the shorter session does not replay (an earlier action may
    /// name a process only the dropped one spawns); what was dropped is
    /// said. Undo never panics: a session that cannot be stepped back is
    /// refused with the reason.
    fn undo(&self) -> AppState {
        if let Some(before) = self.history.last() {
            let prev = match before {
                Before::Whole(prev) => prev.clone(),
                Before::Appended => {
                    let mut prev = (*self.scenario).clone();
                    prev.actions.pop();
                    Rc::new(prev)
                }
            };
            return match self.replay.truncated(&prev) {
                Ok(replay) => self.undone(prev, replay, Msg::Undone),
                // Every entry replayed when it was current; should one not,
                // it is dropped so that the next undo can go further back.
                Err(e) => self
                    .refused(Act::Undo, Why::EarlierNoLongerReplays(e.to_string()))
                    .with(|s| {
                        s.history.pop();
                    }),
            };
        }
        if !self.started() {
            return self.with(|s| s.notice = Notice::Info(Msg::NothingToUndo));
        }
        let mut prev = (*self.scenario).clone();
        prev.actions.pop();
        let mut first_error: Option<String> = None;
        loop {
            match self.replay.truncated(&prev) {
                Ok(replay) => {
                    let notice = match first_error {
                        None => Msg::Undone,
                        Some(why) => Msg::UndoneSeveral {
                            n: self.scenario.actions.len() - prev.actions.len(),
                            why,
                        },
                    };
                    return self.undone(Rc::new(prev), replay, notice);
                }
                Err(e) => {
                    first_error.get_or_insert_with(|| e.to_string());
                    if prev.actions.is_empty() {
                        return self.refused(
                            Act::Undo,
                            Why::NoEarlierPoint(first_error.unwrap_or_default()),
                        );
                    }
                    // Straight to before the action at fault (one replay,
                    // not one per action); else one more action back.
                    match failing_action(&e).filter(|&k| k < prev.actions.len()) {
                        Some(k) => prev.actions.truncate(k),
                        None => {
                            prev.actions.pop();
                        }
                    }
                }
            }
        }
    }

    /// `prev`, replayed, as the session after an undo (the top of the
    /// history, if any, is the session it came from).
    fn undone(&self, prev: Rc<Scenario>, replay: Replay, notice: Msg) -> AppState {
        let mut s = self.clone();
        // A session restored from a link has no history: redo then gets
        // back to it as from any edit, by the whole session before it.
        let before = s
            .history
            .pop()
            .unwrap_or_else(|| Before::Whole(prev.clone()));
        s.undone.push(Undone {
            scenario: self.scenario.clone(),
            replay: Some(self.replay.clone()),
            before,
        });
        if let Some(old) = s.undone.iter_mut().rev().nth(REDO_REPLAYS_KEPT) {
            old.replay = None;
        }
        s.scenario = prev;
        s.replay = Rc::new(replay);
        s.hover = None;
        s.forget_missing();
        s.notice = Notice::Info(notice);
        s
    }

    /// The lesson of this session's scenario, from the start (none begun
    /// when the session already has actions: the card offers to start).
    fn with_its_lesson(mut self) -> AppState {
        let meta = match (&self.scenario.meta, self.preset_shown()) {
            (Some(m), _) => Some(m.clone()),
            // A gallery scenario's words stay with the preset, not the session.
            (None, Some(p)) => Some((*p.meta).clone()),
            (None, None) if crate::default_world::is_default_world(&self.scenario) => {
                crate::default_world::default_meta()
            }
            (None, None) => None,
        };
        let begun = !self.started();
        self.lesson = meta
            .and_then(|m| crate::lesson::LessonRun::of(&m, begun))
            .map(Rc::new);
        self
    }

    /// The lesson's side of a verb: a session replaced brings its own
    /// lesson; otherwise what was done is checked against the step (a
    /// send, a disposition, an exit, an undo — another edit is "not the
    /// step"; choices about the page are nothing). A send is then kept
    /// aside for a prediction if "Predict first" is on or the step asks.
    fn follow_lesson(&self, verb: &Verb, mut next: AppState) -> AppState {
        use crate::lesson::{Did, Question, Sent};
        let changed = !Rc::ptr_eq(&self.scenario, &next.scenario);
        let replaced = changed
            && (matches!(
                verb,
                Verb::Reset | Verb::Import(_) | Verb::OpenLink(_) | Verb::OpenPreset(_)
            ) || self.scenario.meta != next.scenario.meta);
        if replaced {
            return next.with_its_lesson();
        }
        let grew = changed && next.scenario.actions.len() > self.scenario.actions.len();
        let target = match verb {
            Verb::Send { target, sig } => Some((target.clone(), *sig)),
            Verb::SendArmed(target) => self.armed.map(|sig| (target.clone(), sig)),
            Verb::Activate(id) => self.armed.map(|sig| (DropTarget::Process(id.clone()), sig)),
            _ => None,
        };
        let did = match verb {
            _ if !changed => None,
            Verb::Undo => Some(Did::Undo),
            // Redo puts back an edit already checked (or undone on purpose);
            // an answer shows a send checked when it was made.
            Verb::Redo
            | Verb::StartLesson
            | Verb::EndLesson
            | Verb::Answer(_)
            | Verb::Predict(_)
            | Verb::SkipPrediction => None,
            Verb::SetDisposition {
                id,
                sig,
                disposition,
            } => Some(Did::Set {
                id: id.clone(),
                sig: *sig,
                disposition: *disposition,
            }),
            Verb::Exit { id } => Some(Did::Exit(id.clone())),
            _ => match &target {
                Some((target, sig)) if grew => Some(Did::Send {
                    sig: *sig,
                    target: target.clone(),
                    from: self.sender.clone(),
                }),
                _ => Some(Did::Other),
            },
        };
        let mut asks = false;
        if let (Some(did), Some(run)) = (did, next.lesson.as_mut().filter(|r| r.begun)) {
            let sent = next
                .replay
                .steps
                .last()
                .filter(|s| grew && s.is_send)
                .map(|s| Sent::of(s));
            let run = Rc::make_mut(run);
            if let Some(i) = run.check(did, next.history.len(), sent) {
                asks = run.steps[i].predict;
            }
        }
        let ask = (self.predict || asks) && grew;
        let question = target
            .filter(|_| ask)
            .and_then(|(t, _)| Question::about(&self.replay, &next.replay, &t));
        match question {
            Some(question) => {
                next.pending = None;
                // The card stays on the step until the answer: skipping
                // the question takes the send back.
                self.with(|s| {
                    s.pending = Some(Rc::new(Pending {
                        after: next,
                        question,
                    }));
                    s.armed = None;
                    s.hover = None;
                })
            }
            None => next,
        }
    }

    /// The learner's prediction: the send they made shows, with whether
    /// they were right, and the lesson keeps the score.
    fn answer(&self, guess: crate::lesson::Guess) -> AppState {
        let Some(p) = &self.pending else {
            return self.clone();
        };
        let q = &p.question;
        let mut s = p.after.clone();
        let Some(step) = s.replay.steps.get(q.step) else {
            return s;
        };
        let scored = crate::lesson::Scored {
            truth: q.truth(step),
            guess,
        };
        if let Some(run) = s.lesson.as_mut() {
            if let Some(i) = run.done.last().map(|d| d.step) {
                Rc::make_mut(run).record(i, scored.clone());
            }
        }
        s.pending = None;
        s.reveal = Some(Rc::new(Reveal {
            step: q.step,
            scored,
        }));
        s
    }

    /// Back to the starting world, the lesson at its first step.
    fn start_lesson(&self) -> AppState {
        let mut s = if self.started() {
            let mut start = (*self.scenario).clone();
            start.actions.clear();
            match self.replace(start) {
                Ok(s) => s.with(|s| s.notice = Notice::Welcome),
                Err(e) => return self.refused(Act::Reset, words(&e)),
            }
        } else {
            self.clone()
        };
        s.sender = default_sender(&s.replay.plan);
        if let Some(run) = s.lesson.as_mut() {
            let run = Rc::make_mut(run);
            run.begun = true;
            run.done.clear();
            run.off_step = None;
        }
        s
    }

    /// The session a link carries, as [`crate::permalink::load`] opens
    /// one: a good link becomes the session (undo comes back); a bad one
    /// is kept aside and refused with its reason, the session unchanged; a
    /// fragment with no session changes nothing.
    fn open_link(&self, fragment: &str) -> AppState {
        match crate::permalink::open_link(fragment) {
            Ok(Some(opened)) => {
                let mut s = opened;
                s.history = self.history.clone();
                s.history.push(Before::Whole(self.scenario.clone()));
                if s.history.len() > UNDO_DEPTH {
                    s.history.remove(0);
                }
                s.kept = self.kept.clone();
                s.unsaved = self.unsaved.clone();
                s.lang = self.lang;
                s.look = self.look;
                s
            }
            Ok(None) => self.clone(),
            Err(why) => self.refuse_link(fragment, why),
        }
    }

    /// A gallery scenario as the session, the current one kept for undo.
    fn open_preset(&self, name: String) -> AppState {
        let what = Act::OpenPreset(name.clone());
        let opened = match crate::gallery::open(&name) {
            None if !crate::gallery::is_preset(&name) => {
                return self.refused(what, Why::NoSuchPreset(name))
            }
            None => {
                return self.refused(what, Why::PresetNotLoaded("not loaded".into()));
            }
            Some(Err(e)) => return self.refused(what, Why::PresetNotLoaded(e)),
            Some(Ok(o)) => o,
        };
        let scenario = Rc::new(opened.scenario);
        match self.replace((*scenario).clone()) {
            Ok(s) => s.with(|s| {
                s.scenario = scenario.clone();
                s.preset = Some(Rc::new(OpenedPreset {
                    name: opened.name,
                    meta: opened.meta,
                    scenario,
                }));
                s.sender = default_sender(&s.replay.plan);
                s.armed = None;
                s.selected = None;
                s.expanded.clear();
                s.shown_all.clear();
                s.notice = match s.replay.steps.len() {
                    0 => Notice::Welcome,
                    n => Notice::Step(n - 1),
                };
            }),
            Err(e) => self.refused(what, Why::PresetNotLoaded(e.to_string())),
        }
    }

    fn refuse_link(&self, fragment: &str, why: String) -> AppState {
        let mut s = self.refused(Act::OpenLink, Why::Port(why.clone()));
        crate::permalink::keep_link(Rc::make_mut(&mut s.kept), &why, fragment);
        s
    }

    fn import(&self, text: &str) -> AppState {
        let scenario: Scenario = match sigsim::json::scenario_from_str(text) {
            Ok(s) => s,
            Err(e) => return self.refused(Act::Import, Why::NotASigsceneFile(e.to_string())),
        };
        match self.replace(scenario) {
            Ok(s) => s.with(|s| {
                if s.sender_id()
                    .is_some_and(|p| s.replay.state_of(p) != Some(ProcState::Running))
                {
                    s.sender = default_sender(&s.replay.plan);
                }
                let (p, a) = (s.replay.plan.processes.len(), s.scenario.actions.len());
                s.notice = Notice::Info(Msg::Imported {
                    processes: p,
                    actions: a,
                });
            }),
            Err(e) => self.refused(Act::Import, Why::Port(e.to_string())),
        }
    }
}

impl yew::Reducible for AppState {
    type Action = Verb;

    fn reduce(self: Rc<Self>, verb: Verb) -> Rc<Self> {
        // Hovering fires on every pointer move: keep the same state (and
        // skip a render) when nothing changed.
        if let Verb::Hover(h) = &verb {
            if *h == self.hover {
                return self;
            }
        }
        Rc::new(self.apply(verb))
    }
}

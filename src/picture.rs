//! The namespace tree as a standalone SVG picture, for slides and
//! handouts: drawn from the view model ([`NsView`]) in the page's words and
//! its theme's colours, with the kernel path's current step marked as on
//! the page. Pure text: the browser side
//! (`components/picture_export.rs`) reads the colours off the page's own
//! styles ([`PROBE_MARKUP`], [`PROBES`]) and rasterizes the SVG for PNG.
//!
//! Drawn, not copied: the tree on the page is HTML, which an SVG could
//! only carry in a `<foreignObject>` — unstyled outside the page, and a
//! canvas that draws one is tainted in some browsers, so no PNG. Shapes
//! and text need neither the page's CSS nor its fonts.

use crate::components::kernel_path::TreeFocus;
use crate::view_model::{short_pids, NsView, ProcView, Role};
use crate::words::Words;
use std::collections::HashMap;
use std::fmt::Write;

/// Markup the browser puts (hidden) into the tree to read the theme's
/// colours: every look a picture uses, each marked `data-p`. Classes
/// only (no `style=`: the page's Content-Security-Policy refuses them).
pub const PROBE_MARKUP: &str = concat!(
    r#"<section class="ns depth-0" data-p="ns0"><header class="ns-head">"#,
    r#"<span class="ns-name" data-p="nsname">n</span><span class="ns-level" data-p="nslevel">1</span>"#,
    r#"<span class="ns-init" data-p="nsinit">i<strong data-p="nsinitname">n</strong></span>"#,
    r#"<span class="ns-dead" data-p="nsdead">d</span></header>"#,
    r#"<p class="ns-collapsed" data-p="nscollapsed">c</p><p class="ns-step-note" data-p="nsstepnote">s</p>"#,
    r#"<ul class="procs">"#,
    r#"<li class="proc" data-p="proc"><div class="proc-main"><div class="proc-head">"#,
    r#"<span class="proc-name" data-p="procname">p</span><span class="state running" data-p="running">r</span></div>"#,
    r#"<div class="pids"><span class="pid-label" data-p="pidlabel">PID</span><span class="pid-chain" data-p="pids">1</span></div>"#,
    r#"<div class="meta" data-p="meta">m</div><div class="death" data-p="death">d</div>"#,
    r#"<div class="badges"><span class="badge role" data-p="b-role">r</span><span class="badge sender" data-p="b-sender">s</span>"#,
    r#"<span class="badge caught" data-p="b-caught">c</span><span class="badge ignored" data-p="b-ignored">i</span>"#,
    r#"<span class="badge blocked" data-p="b-blocked">b</span><span class="badge pending" data-p="b-pending">p</span></div>"#,
    r#"<div class="step-note" data-p="stepnote">s</div>"#,
    r#"<ul class="effects"><li class="effect fatal" data-p="e-fatal">f</li><li class="effect dropped" data-p="e-dropped">d</li>"#,
    r#"<li class="effect good" data-p="e-good">g</li><li class="effect held" data-p="e-held">h</li></ul></div></li>"#,
    r#"<li class="proc state-stopped"><div class="proc-main"><div class="proc-head"><span class="state stopped" data-p="stopped">s</span></div></div></li>"#,
    r#"<li class="proc state-zombie" data-p="procgone"><div class="proc-main"><div class="proc-head">"#,
    r#"<span class="proc-name" data-p="procgonename">z</span><span class="state zombie" data-p="zombie">z</span></div></div></li>"#,
    r#"<li class="proc state-dead"><div class="proc-main"><div class="proc-head"><span class="state dead" data-p="dead">d</span></div></div></li>"#,
    r#"<li class="proc is-sender" data-p="procsender"><div class="proc-main"></div></li>"#,
    r#"<li class="proc step-caller"><div class="proc-main" data-p="stepcaller"><div class="step-note" data-p="stepnotecaller">c</div></div></li>"#,
    r#"<li class="proc step-target"><div class="proc-main" data-p="steptarget"></div></li>"#,
    r#"</ul>"#,
    r#"<section class="ns depth-1" data-p="ns1"></section><section class="ns depth-2" data-p="ns2"></section>"#,
    r#"<section class="ns depth-3" data-p="ns3"></section><section class="ns depth-4" data-p="ns4"></section>"#,
    r#"<section class="ns depth-5" data-p="ns5"></section><section class="ns depth-6" data-p="ns6"></section>"#,
    r#"<section class="ns depth-7" data-p="ns7"></section><section class="ns dead depth-1" data-p="nsdeadbox"></section>"#,
    r#"<section class="ns step-compared depth-1" data-p="nscompared"></section>"#,
    r#"<section class="ns step-caller-ns depth-1" data-p="nscaller"></section>"#,
    r#"</section>"#,
);

/// Which colour to read: (key, the `data-p` of the probe, the computed
/// property, the light theme's value for a picture drawn off the page).
/// A `box-shadow` is read for its colour.
pub const PROBES: &[(&str, &str, &str, &str)] = &[
    ("ns-name", "nsname", "color", "#1b2130"),
    ("ns-level", "nslevel", "color", "#5a6475"),
    ("ns-level-bg", "nslevel", "background-color", "#ffffff"),
    ("ns-level-line", "nslevel", "border-top-color", "#d6dbe3"),
    ("ns-init", "nsinit", "color", "#5a6475"),
    ("ns-init-name", "nsinitname", "color", "#1b2130"),
    ("ns-dead", "nsdead", "color", "#b3261e"),
    ("ns-collapsed", "nscollapsed", "color", "#5a6475"),
    ("ns-step-note", "nsstepnote", "color", "#7a4b00"),
    ("ns-dead-bg", "nsdeadbox", "background-color", "#fcebea"),
    ("ns-dead-line", "nsdeadbox", "border-top-color", "#b3261e"),
    ("ns-compared", "nscompared", "outline-color", "#d08a1f"),
    ("ns-caller", "nscaller", "outline-color", "#2f6fd0"),
    ("ns0-bg", "ns0", "background-color", "#ffffff"),
    ("ns0-line", "ns0", "border-top-color", "#d6dbe3"),
    ("ns1-bg", "ns1", "background-color", "#f3f6fb"),
    ("ns1-line", "ns1", "border-top-color", "#cfd8e8"),
    ("ns2-bg", "ns2", "background-color", "#eef2f9"),
    ("ns2-line", "ns2", "border-top-color", "#c7d2e6"),
    ("ns3-bg", "ns3", "background-color", "#e9eef7"),
    ("ns3-line", "ns3", "border-top-color", "#bfcbe2"),
    ("ns4-bg", "ns4", "background-color", "#e4eaf5"),
    ("ns4-line", "ns4", "border-top-color", "#b8c5df"),
    ("ns5-bg", "ns5", "background-color", "#e0e7f3"),
    ("ns5-line", "ns5", "border-top-color", "#b1bfdb"),
    ("ns6-bg", "ns6", "background-color", "#e0e7f3"),
    ("ns6-line", "ns6", "border-top-color", "#b1bfdb"),
    ("ns7-bg", "ns7", "background-color", "#e0e7f3"),
    ("ns7-line", "ns7", "border-top-color", "#b1bfdb"),
    ("proc-bg", "proc", "background-color", "#ffffff"),
    ("proc-line", "proc", "border-top-color", "#d6dbe3"),
    ("proc-name", "procname", "color", "#1b2130"),
    ("proc-gone-bg", "procgone", "background-color", "#fafbfc"),
    ("proc-gone-name", "procgonename", "color", "#5a6475"),
    ("proc-sender", "procsender", "border-top-color", "#2b59c3"),
    ("pid-label", "pidlabel", "color", "#5a6475"),
    ("pids", "pids", "color", "#1b2130"),
    ("meta", "meta", "color", "#5a6475"),
    ("death", "death", "color", "#b3261e"),
    ("step-note", "stepnote", "color", "#7a4b00"),
    ("step-note-caller", "stepnotecaller", "color", "#1d4f9c"),
    ("step-caller", "stepcaller", "box-shadow", "#2f6fd0"),
    ("step-target", "steptarget", "box-shadow", "#d08a1f"),
    ("running", "running", "color", "#17704a"),
    ("running-bg", "running", "background-color", "#e2f3ea"),
    ("stopped", "stopped", "color", "#8a5a00"),
    ("stopped-bg", "stopped", "background-color", "#fbf1dc"),
    ("zombie", "zombie", "color", "#6b4a93"),
    ("zombie-bg", "zombie", "background-color", "#efe9f6"),
    ("dead", "dead", "color", "#5a6475"),
    ("dead-bg", "dead", "background-color", "#eceef2"),
    ("b-role", "b-role", "color", "#ffffff"),
    ("b-role-bg", "b-role", "background-color", "#1b2130"),
    ("b-sender", "b-sender", "color", "#ffffff"),
    ("b-sender-bg", "b-sender", "background-color", "#2b59c3"),
    ("b-caught", "b-caught", "color", "#17704a"),
    ("b-caught-bg", "b-caught", "background-color", "#e2f3ea"),
    ("b-ignored", "b-ignored", "color", "#5a6475"),
    ("b-ignored-bg", "b-ignored", "background-color", "#eceef2"),
    ("b-blocked", "b-blocked", "color", "#8a5a00"),
    ("b-blocked-bg", "b-blocked", "background-color", "#fbf1dc"),
    ("b-pending", "b-pending", "color", "#8a5a00"),
    ("b-pending-bg", "b-pending", "background-color", "#ffffff"),
    ("e-fatal", "e-fatal", "color", "#ffffff"),
    ("e-fatal-bg", "e-fatal", "background-color", "#b3261e"),
    ("e-dropped", "e-dropped", "color", "#5a6475"),
    ("e-dropped-bg", "e-dropped", "background-color", "#eceef2"),
    ("e-good", "e-good", "color", "#17704a"),
    ("e-good-bg", "e-good", "background-color", "#e2f3ea"),
    ("e-held", "e-held", "color", "#8a5a00"),
    ("e-held-bg", "e-held", "background-color", "#fbf1dc"),
];

/// The theme's colours and fonts, as a picture uses them.
#[derive(Clone, Debug, PartialEq)]
pub struct Look {
    colours: HashMap<&'static str, String>,
    /// The page's background, behind the picture.
    pub page: String,
    pub sans: String,
    pub mono: String,
}

impl Default for Look {
    /// The light theme, for a picture drawn off the page (tests).
    fn default() -> Look {
        Look {
            colours: PROBES.iter().map(|p| (p.0, p.3.to_string())).collect(),
            page: "#f4f5f7".into(),
            sans: "system-ui, sans-serif".into(),
            mono: "ui-monospace, monospace".into(),
        }
    }
}

impl Look {
    /// Sets a colour as the browser computed it; a transparent one (or
    /// none) keeps what it was, as the page shows what lies under it.
    pub fn set(&mut self, key: &'static str, computed: &str) {
        if let Some(c) = colour_of(computed) {
            self.colours.insert(key, c);
        }
    }

    fn c(&self, key: &str) -> &str {
        self.colours.get(key).map_or("#808080", String::as_str)
    }
}

/// The colour in a computed value (`rgb(…)`, `rgba(…)`, or a box-shadow
/// that starts with one); `None` for transparent or none.
fn colour_of(v: &str) -> Option<String> {
    let v = v.trim();
    if v.starts_with('#') {
        return Some(v.into());
    }
    let start = v.find("rgb")?;
    let end = start + v[start..].find(')')? + 1;
    let c = &v[start..end];
    let transparent = c.starts_with("rgba(") && c.trim_end_matches(')').ends_with(", 0");
    (!transparent).then(|| c.into())
}

/// A coordinate or length as SVG text: a whole number, or one decimal.
/// Written through integers: `f64`'s own formatting would add some 15 KB
/// of float-printing code to the page's wasm for this one use.
#[derive(Clone, Copy)]
struct Px(f64);

impl std::fmt::Display for Px {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tenths = (self.0 * 10.0).round() as i64;
        let sign = if tenths < 0 { "-" } else { "" };
        let (whole, frac) = (tenths.abs() / 10, tenths.abs() % 10);
        if frac == 0 {
            write!(f, "{sign}{whole}")
        } else {
            write!(f, "{sign}{whole}.{frac}")
        }
    }
}

/// Text for XML: attribute values and element content alike.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Not allowed in XML 1.0 at all: a picture must still parse.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// An estimate of a text's width: no fonts are measured off the page, so
/// boxes are sized from this and text that would overflow is shortened.
fn text_w(s: &str, size: f64, bold: bool) -> f64 {
    let em: f64 = s
        .chars()
        .map(|c| match c {
            // CJK and full-width forms: one em.
            '\u{1100}'..='\u{115f}' | '\u{2e80}'..='\u{a4cf}' | '\u{ac00}'..='\u{d7a3}' => 1.0,
            '\u{f900}'..='\u{faff}' | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ff60}' => 1.0,
            'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '|' | '!' | '\'' | ' ' | '(' | ')' => 0.32,
            'm' | 'w' | 'M' | 'W' => 0.85,
            c if c.is_ascii_uppercase() => 0.66,
            _ => 0.56,
        })
        .sum();
    em * size * if bold { 1.08 } else { 1.0 }
}

/// `s`, shortened with "…" to fit `max` pixels.
fn fit(s: &str, size: f64, bold: bool, max: f64) -> String {
    if text_w(s, size, bold) <= max {
        return s.into();
    }
    let mut out = String::new();
    for ch in s.chars() {
        out.push(ch);
        if text_w(&out, size, bold) + text_w("…", size, bold) > max {
            out.pop();
            break;
        }
    }
    out.push('…');
    out
}

const CARD_W: f64 = 214.0;
const GAP: f64 = 10.0;
const PAD: f64 = 12.0;
const HEAD_H: f64 = 30.0;
const COLS: usize = 3;
const LINE: f64 = 18.0;

/// What a process card shows, line by line, and its height.
struct Card<'a> {
    p: &'a ProcView,
    caller: bool,
    target: bool,
    note: Option<String>,
    badges: Vec<(String, &'static str)>,
    badge_rows: usize,
    h: f64,
}

fn card<'a>(p: &'a ProcView, focus: Option<&TreeFocus>, w: &Words) -> Card<'a> {
    let pw = &w.process;
    let caller = focus.is_some_and(|f| f.is_caller(&p.id));
    let target = focus.is_some_and(|f| f.is_target(&p.id));
    let func = focus.map_or("", |f| f.func);
    let note = match (caller, target) {
        (true, true) => Some((pw.caller_examined)(func)),
        (true, false) => Some(pw.caller.to_string()),
        (false, true) => Some((pw.examined)(func)),
        (false, false) => None,
    };
    let mut badges = Vec::new();
    match p.role {
        Role::GlobalInit => badges.push((pw.global_init.to_string(), "b-role")),
        Role::NamespaceInit => badges.push((pw.ns_init.to_string(), "b-role")),
        Role::Plain => {}
    }
    if p.is_sender {
        badges.push((pw.sender.to_string(), "b-sender"));
    }
    for (list, kind, i) in [
        (&p.caught, "b-caught", 0),
        (&p.ignored, "b-ignored", 1),
        (&p.blocked, "b-blocked", 2),
        (&p.pending, "b-pending", 3),
    ] {
        for s in list.iter() {
            badges.push((
                format!("{}{}", pw.badge[i].0, crate::palette::short(*s)),
                kind,
            ));
        }
    }
    let badge_rows = badge_layout(&badges).last().map_or(0, |b| b.2 + 1);
    let mut h = 8.0 + 22.0 + LINE + LINE; // name row, PIDs, meta or death
    h += badge_rows as f64 * 20.0;
    h += note.as_ref().map_or(0.0, |_| LINE);
    h += p.effects.len() as f64 * 21.0;
    Card {
        p,
        caller,
        target,
        note,
        badges,
        badge_rows,
        h: h + 8.0,
    }
}

/// Each badge's x offset, width and row, wrapped to the card's width.
fn badge_layout(badges: &[(String, &'static str)]) -> Vec<(f64, f64, usize)> {
    let (mut x, mut row) = (0.0, 0);
    let inner = CARD_W - 20.0;
    badges
        .iter()
        .map(|(t, _)| {
            let w = (text_w(t, 11.0, true) + 10.0).min(inner);
            if x > 0.0 && x + w > inner {
                x = 0.0;
                row += 1;
            }
            let at = (x, w, row);
            x += w + 4.0;
            at
        })
        .collect()
}

/// The size a namespace takes: its natural width and its height.
fn size(ns: &NsView, focus: Option<&TreeFocus>, w: &Words) -> (f64, f64) {
    let head = head_width(ns, w);
    let mut h = PAD + HEAD_H;
    let mut width = head;
    // Rows and namespaces are followed by a gap, the last one's dropped.
    let mut trailing_gap = false;
    if ns.expanded {
        if focus.is_some_and(|f| compared(ns, f)) {
            h += LINE + 4.0;
        }
        let cards: Vec<Card> = ns.processes.iter().map(|p| card(p, focus, w)).collect();
        for row in cards.chunks(COLS) {
            h += row.iter().map(|c| c.h).fold(0.0, f64::max) + GAP;
            width = width.max(row.len() as f64 * (CARD_W + GAP) - GAP);
            trailing_gap = true;
        }
        if ns.not_shown > 0 {
            h += LINE + 4.0;
            trailing_gap = false;
        }
        for c in &ns.children {
            let (cw, ch) = size(c, focus, w);
            width = width.max(cw);
            h += ch + GAP;
            trailing_gap = true;
        }
    } else {
        h += LINE + 4.0;
        width = width.max(text_w(
            &(w.tree.hidden)(ns.total_processes, ns.total_namespaces),
            13.0,
            false,
        ));
    }
    let h = h + PAD - if trailing_gap { GAP } else { 0.0 };
    (width + 2.0 * PAD, h)
}

fn head_width(ns: &NsView, w: &Words) -> f64 {
    let t = &w.tree;
    let init = match (&ns.init, ns.dead) {
        (_, true) => t.dead.to_string(),
        (Some(i), false) => format!("{}{i}", t.init),
        (None, false) => t.empty.to_string(),
    };
    text_w(&ns.id, 15.0, true)
        + 14.0
        + text_w(&(t.level)(ns.level), 11.0, false)
        + 24.0
        + text_w(&init, 13.0, false)
}

fn compared(ns: &NsView, f: &TreeFocus) -> bool {
    f.focus.levels.is_some() && ns.processes.iter().any(|p| f.is_target(&p.id))
}

struct Svg<'a> {
    out: String,
    look: &'a Look,
}

impl Svg<'_> {
    #[allow(clippy::too_many_arguments)]
    fn rect(
        &mut self,
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        r: f64,
        fill: &str,
        stroke: Option<(&str, f64)>,
    ) {
        let (x, y, w, h, r) = (Px(x), Px(y), Px(w), Px(h), Px(r));
        let _ = write!(
            self.out,
            r#"<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{r}" fill="{}""#,
            esc(self.look.c(fill))
        );
        if let Some((s, sw)) = stroke {
            let sw = Px(sw);
            let _ = write!(
                self.out,
                r#" stroke="{}" stroke-width="{sw}""#,
                esc(self.look.c(s))
            );
        }
        self.out.push_str("/>");
    }

    #[allow(clippy::too_many_arguments)]
    fn text(&mut self, x: f64, y: f64, s: &str, size: f64, bold: bool, colour: &str, extra: &str) {
        let (x, y, size) = (Px(x), Px(y), Px(size));
        let _ = write!(
            self.out,
            r#"<text x="{x}" y="{y}" font-size="{size}" fill="{}"{}{extra}>{}</text>"#,
            esc(self.look.c(colour)),
            if bold { r#" font-weight="700""# } else { "" },
            esc(s)
        );
    }
}

/// The tree as an SVG document, `(text, width, height)` in CSS pixels.
pub fn tree_svg(
    tree: &NsView,
    focus: Option<&TreeFocus>,
    w: &Words,
    look: &Look,
) -> (String, u32, u32) {
    let (tw, th) = size(tree, focus, w);
    let (width, height) = ((tw + 32.0).ceil() as u32, (th + 32.0).ceil() as u32);
    let mut svg = Svg {
        out: String::new(),
        look,
    };
    let _ = write!(
        svg.out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{}" lang="{}"><title>{}</title>"#,
        esc(&look.sans),
        w.lang.tag(),
        esc(w.tree.region)
    );
    let _ = write!(
        svg.out,
        r#"<rect width="100%" height="100%" fill="{}"/>"#,
        esc(&look.page)
    );
    draw_ns(&mut svg, tree, 16.0, 16.0, tw, focus, w);
    svg.out.push_str("</svg>");
    (svg.out, width, height)
}

fn draw_ns(
    svg: &mut Svg,
    ns: &NsView,
    x: f64,
    y: f64,
    width: f64,
    focus: Option<&TreeFocus>,
    w: &Words,
) {
    let t = &w.tree;
    let (_, h) = size(ns, focus, w);
    let depth = ns.level.min(7);
    let (bg, line) = if ns.dead {
        ("ns-dead-bg".to_string(), "ns-dead-line".to_string())
    } else {
        (format!("ns{depth}-bg"), format!("ns{depth}-line"))
    };
    svg.rect(x, y, width, h, 10.0, &bg, Some((&line, 1.0)));
    let is_compared = focus.is_some_and(|f| compared(ns, f));
    let caller_here = focus.is_some_and(|f| ns.processes.iter().any(|p| f.is_caller(&p.id)));
    let outline = if is_compared {
        Some(("ns-compared", 3.0, "6 4"))
    } else if caller_here {
        Some(("ns-caller", 2.0, "5 4"))
    } else {
        None
    };
    if let Some((c, sw, dash)) = outline {
        let _ = write!(
            svg.out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="12" fill="none" stroke="{}" stroke-width="{}" stroke-dasharray="{dash}"/>"#,
            Px(x - 3.0),
            Px(y - 3.0),
            Px(width + 6.0),
            Px(h + 6.0),
            esc(svg.look.c(c)),
            Px(sw)
        );
    }
    // The head: name, level, init.
    let (mut hx, hy) = (x + PAD, y + PAD + 16.0);
    svg.text(hx, hy, &ns.id, 15.0, true, "ns-name", "");
    hx += text_w(&ns.id, 15.0, true) + 10.0;
    let level = (t.level)(ns.level);
    let lw = text_w(&level, 11.0, false) + 14.0;
    svg.rect(
        hx,
        hy - 12.0,
        lw,
        16.0,
        8.0,
        "ns-level-bg",
        Some(("ns-level-line", 1.0)),
    );
    svg.text(hx + 7.0, hy - 0.5, &level, 11.0, false, "ns-level", "");
    hx += lw + 10.0;
    match (&ns.init, ns.dead) {
        (_, true) => svg.text(hx, hy, t.dead, 13.0, true, "ns-dead", ""),
        (Some(i), false) => {
            let _ = write!(
                svg.out,
                r#"<text x="{}" y="{}" font-size="13" fill="{}">{}<tspan fill="{}" font-weight="700">{}</tspan></text>"#,
                Px(hx),
                Px(hy),
                esc(svg.look.c("ns-init")),
                esc(t.init),
                esc(svg.look.c("ns-init-name")),
                esc(i)
            );
        }
        (None, false) => svg.text(
            hx,
            hy,
            t.empty,
            13.0,
            false,
            "ns-init",
            r#" font-style="italic""#,
        ),
    }
    let mut cy = y + PAD + HEAD_H;
    let inner = width - 2.0 * PAD;
    if !ns.expanded {
        let hidden = (t.hidden)(ns.total_processes, ns.total_namespaces);
        svg.text(
            x + PAD + 4.0,
            cy + 13.0,
            &fit(&hidden, 13.0, false, inner),
            13.0,
            false,
            "ns-collapsed",
            "",
        );
        return;
    }
    if let Some(f) = focus.filter(|f| compared(ns, f)) {
        let note = crate::components::namespace_tree::compared_note(f, ns.level, t);
        svg.text(
            x + PAD,
            cy + 13.0,
            &fit(&note, 13.0, true, inner),
            13.0,
            true,
            "ns-step-note",
            "",
        );
        cy += LINE + 4.0;
    }
    let cards: Vec<Card> = ns.processes.iter().map(|p| card(p, focus, w)).collect();
    for row in cards.chunks(COLS) {
        let rh = row.iter().map(|c| c.h).fold(0.0, f64::max);
        for (i, c) in row.iter().enumerate() {
            draw_card(svg, c, x + PAD + i as f64 * (CARD_W + GAP), cy, w);
        }
        cy += rh + GAP;
    }
    if ns.not_shown > 0 {
        let more = (t.show_others)(ns.not_shown, &ns.id);
        svg.text(
            x + PAD,
            cy + 13.0,
            &fit(&more, 13.0, false, inner),
            13.0,
            false,
            "ns-collapsed",
            "",
        );
        cy += LINE + 4.0;
    }
    for c in &ns.children {
        let (_, ch) = size(c, focus, w);
        draw_ns(svg, c, x + PAD, cy, inner, focus, w);
        cy += ch + GAP;
    }
}

fn draw_card(svg: &mut Svg, c: &Card, x: f64, y: f64, w: &Words) {
    let pw = &w.process;
    let p = c.p;
    let gone = !p.state.is_alive();
    let bg = if gone { "proc-gone-bg" } else { "proc-bg" };
    let line = if p.is_sender {
        "proc-sender"
    } else {
        "proc-line"
    };
    svg.rect(
        x,
        y,
        CARD_W,
        c.h,
        10.0,
        bg,
        Some((line, if p.is_sender { 2.0 } else { 1.0 })),
    );
    if gone {
        // Dashed, as on the page: gone, or not reaped yet.
        let _ = write!(
            svg.out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="10" fill="none" stroke="{}" stroke-dasharray="4 3"/>"#,
            Px(x),
            Px(y),
            Px(CARD_W),
            Px(c.h),
            esc(svg.look.c("proc-line"))
        );
    }
    for (on, key) in [(c.caller, "step-caller"), (c.target, "step-target")] {
        if on {
            let _ = write!(
                svg.out,
                r#"<rect x="{}" y="{}" width="{}" height="{}" rx="12" fill="none" stroke="{}" stroke-width="3"/>"#,
                Px(x - 2.0),
                Px(y - 2.0),
                Px(CARD_W + 4.0),
                Px(c.h + 4.0),
                esc(svg.look.c(key))
            );
        }
    }
    let (ix, inner) = (x + 10.0, CARD_W - 20.0);
    let state = (pw.state)(p.state);
    let sw = text_w(state, 11.0, true) + 14.0;
    let name_colour = if gone { "proc-gone-name" } else { "proc-name" };
    let deco = if gone {
        r#" text-decoration="line-through""#
    } else {
        ""
    };
    let mut ty = y + 24.0;
    svg.text(
        ix,
        ty,
        &fit(&p.id, 15.0, true, inner - sw - 6.0),
        15.0,
        true,
        name_colour,
        deco,
    );
    let label = p.state.label();
    svg.rect(
        x + CARD_W - 10.0 - sw,
        ty - 13.0,
        sw,
        17.0,
        8.5,
        &format!("{label}-bg"),
        None,
    );
    svg.text(
        x + CARD_W - 10.0 - sw / 2.0,
        ty - 0.5,
        state,
        11.0,
        true,
        label,
        r#" text-anchor="middle""#,
    );
    ty += LINE + 2.0;
    let _ = write!(
        svg.out,
        r#"<text x="{}" y="{}" font-size="10" letter-spacing=".5" fill="{}">PID</text><text x="{}" y="{}" font-size="14" font-weight="650" font-family="{}" fill="{}">{}</text>"#,
        Px(ix),
        Px(ty),
        esc(svg.look.c("pid-label")),
        Px(ix + 30.0),
        Px(ty),
        esc(&svg.look.mono),
        esc(svg.look.c("pids")),
        esc(&fit(&short_pids(&p.pids), 14.0, true, inner - 30.0))
    );
    ty += LINE;
    if let Some(death) = p.death.as_ref().filter(|_| p.effects.is_empty()) {
        svg.text(
            ix,
            ty,
            &fit(&(pw.effect)(death), 12.0, true, inner),
            12.0,
            true,
            "death",
            "",
        );
    } else if p.state.is_alive() {
        let meta = (pw.uid_meta)(p.uid, &crate::components::process_node::group_text(p, pw));
        svg.text(
            ix,
            ty,
            &fit(&meta, 12.0, false, inner),
            12.0,
            false,
            "meta",
            "",
        );
    }
    ty += 8.0;
    let layout = badge_layout(&c.badges);
    for ((text, kind), (bx, bw, row)) in c.badges.iter().zip(layout) {
        let by = ty + row as f64 * 20.0;
        let dashed = *kind == "b-pending";
        let _ = write!(
            svg.out,
            r#"<rect x="{}" y="{}" width="{}" height="16" rx="5" fill="{}" stroke="{}"{}/>"#,
            Px(ix + bx),
            Px(by),
            Px(bw),
            esc(svg.look.c(&format!("{kind}-bg"))),
            esc(svg.look.c(kind)),
            if dashed {
                r#" stroke-dasharray="3 2""#
            } else {
                r#" stroke-opacity=".35""#
            }
        );
        svg.text(
            ix + bx + 5.0,
            by + 12.0,
            &fit(text, 11.0, true, bw - 8.0),
            11.0,
            true,
            kind,
            "",
        );
    }
    ty += c.badge_rows as f64 * 20.0;
    if let Some(note) = &c.note {
        ty += 12.0;
        let colour = if c.caller {
            "step-note-caller"
        } else {
            "step-note"
        };
        svg.text(
            ix,
            ty,
            &fit(note, 12.0, true, inner),
            12.0,
            true,
            colour,
            "",
        );
        ty += 4.0;
    }
    for e in &p.effects {
        ty += 4.0;
        let tone = e.tone();
        let text = fit(&(pw.effect)(e), 12.0, true, inner - 12.0);
        svg.rect(
            ix,
            ty,
            text_w(&text, 12.0, true) + 12.0,
            17.0,
            6.0,
            &format!("e-{tone}-bg"),
            None,
        );
        svg.text(
            ix + 6.0,
            ty + 12.5,
            &text,
            12.0,
            true,
            &format!("e-{tone}"),
            "",
        );
        ty += 17.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computed_colours_are_read_and_transparent_is_not_a_colour() {
        assert_eq!(colour_of("rgb(1, 2, 3)").as_deref(), Some("rgb(1, 2, 3)"));
        assert_eq!(
            colour_of("rgb(47, 111, 208) 0px 0px 0px 3px").as_deref(),
            Some("rgb(47, 111, 208)")
        );
        assert_eq!(colour_of("rgba(0, 0, 0, 0)"), None);
        assert_eq!(colour_of("none"), None);
    }

    #[test]
    fn every_probe_is_in_the_markup() {
        for (key, probe, _, _) in PROBES {
            assert!(
                PROBE_MARKUP.contains(&format!("data-p=\"{probe}\"")),
                "{key}: no data-p=\"{probe}\""
            );
        }
    }

    #[test]
    fn the_default_world_draws_every_process_in_both_languages() {
        let st = crate::session::AppState::default();
        let tree = crate::view_model::namespace_tree(&st);
        for lang in [crate::words::Lang::En, crate::words::Lang::Zh] {
            let (svg, w, h) = tree_svg(&tree, None, crate::words::of(lang), &Look::default());
            assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
            assert!(svg.ends_with("</svg>"));
            assert!(svg.contains(&format!("width=\"{w}\" height=\"{h}\"")));
            assert!(
                (400..2000).contains(&w) && (200..2000).contains(&h),
                "{w}×{h}"
            );
            for p in &st.replay.plan.processes {
                assert!(svg.contains(&format!(">{}<", p.id)), "{lang:?}: {}", p.id);
            }
            assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
            assert!(!svg.contains("light-dark") && !svg.contains("var("));
        }
    }

    #[test]
    fn lengths_are_written_without_float_formatting() {
        let px = |v| Px(v).to_string();
        assert_eq!(
            [
                px(12.0),
                px(12.04),
                px(12.06),
                px(-3.5),
                px(-0.04),
                px(214.0)
            ],
            ["12", "12", "12.1", "-3.5", "0", "214"]
        );
    }

    #[test]
    fn text_is_escaped_and_shortened() {
        assert_eq!(
            esc("<a & \"b\">\u{1}"),
            "&lt;a &amp; &quot;b&quot;&gt;\u{fffd}"
        );
        let long = "a-process-with-a-name-far-too-long-for-any-card";
        let f = fit(long, 15.0, true, 120.0);
        assert!(f.ends_with('…') && text_w(&f, 15.0, true) <= 120.0, "{f}");
        assert_eq!(fit("app", 15.0, true, 120.0), "app");
    }
}

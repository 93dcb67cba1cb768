//! The diagram folded to the path taken: of the ~50 functions of a
//! version's map, one send walks a dozen. The folded view frames only
//! those (the rest is hidden until the reader asks for the whole map), so
//! the path fills the pane and its names stay readable on a phone.
//!
//! The frame is the whole trace's, not the current step's: it stays put
//! while the path plays, and each step lights a node inside it.

use super::chain::{Graph, NODE_H, NODE_W};
use super::path::StepLink;

/// A rectangle of the graph's coordinates (one unit is about a pixel).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Frame {
    /// The whole map.
    pub fn whole(g: &Graph) -> Frame {
        Frame {
            x: 0.0,
            y: 0.0,
            w: g.width,
            h: g.height,
        }
    }

    /// The SVG `viewBox`, in whole units.
    pub fn view_box(&self) -> String {
        let r = |v: f32| v.round() as i32;
        format!("{} {} {} {}", r(self.x), r(self.y), r(self.w), r(self.h))
    }

    /// Where `(x, y)` of the graph lies in this frame, in hundredths of a
    /// percent of its width and height.
    pub fn share(&self, x: f32, y: f32) -> (i32, i32) {
        let h = |v: f32, of: f32| (v / of * 10000.0).round() as i32;
        (h(x - self.x, self.w), h(y - self.y, self.h))
    }
}

/// Which nodes and edges of the map the traces walk through.
#[derive(Clone, Debug, PartialEq)]
pub struct Walked {
    pub nodes: Vec<bool>,
    pub edges: Vec<bool>,
}

pub fn walked(g: &Graph, traces: &[&[StepLink]]) -> Walked {
    let mut w = Walked {
        nodes: vec![false; g.nodes.len()],
        edges: vec![false; g.edges.len()],
    };
    for l in traces.iter().flat_map(|t| t.iter()) {
        for n in l.node.iter().chain(&l.via) {
            if let Some(b) = w.nodes.get_mut(*n) {
                *b = true;
            }
        }
        for e in &l.edges {
            if let Some(b) = w.edges.get_mut(*e) {
                *b = true;
            }
        }
    }
    w
}

/// Room around the path's nodes for what is drawn beside them: verdict
/// badges over the top-right corner, the compared seal under the bottom
/// edge, an edge's label beside its bend.
const PAD_X: f32 = 14.0;
const PAD_Y: f32 = 16.0;
const LABEL_HALF_W: f32 = 44.0;
/// The narrowest frame in a wide pane: room beside the path for the
/// current step's callout, and no path blown up to twice its size. A
/// phone, where the callout goes under the diagram, takes the path's own
/// width, to scroll sideways as little as it can.
pub const MIN_W: f32 = 620.0;

/// The frame of every node a trace (and the one compared with it) walks
/// through, with the labels of the edges between them, at least `min_w`
/// wide where the map allows; the whole map when the traces walk nowhere.
pub fn path_frame(g: &Graph, traces: &[&[StepLink]], min_w: f32) -> Frame {
    let mut nodes: Vec<usize> = Vec::new();
    let mut edges: Vec<usize> = Vec::new();
    for links in traces {
        for l in links.iter() {
            nodes.extend(l.node);
            nodes.extend(l.via.iter().copied());
            edges.extend(l.edges.iter().copied());
        }
    }
    if nodes.is_empty() {
        return Frame::whole(g);
    }
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for n in nodes.iter().filter_map(|&i| g.nodes.get(i)) {
        x0 = x0.min(n.x);
        y0 = y0.min(n.y);
        x1 = x1.max(n.x + NODE_W);
        y1 = y1.max(n.y + NODE_H);
    }
    for e in edges.iter().filter_map(|&i| g.edges.get(i)) {
        if e.label.is_some() {
            let (lx, ly) = e.label_at;
            x0 = x0.min(lx - LABEL_HALF_W);
            x1 = x1.max(lx + LABEL_HALF_W);
            y0 = y0.min(ly - PAD_Y);
            y1 = y1.max(ly + 4.0);
        }
    }
    let (mut x0, mut x1) = (x0 - PAD_X, x1 + PAD_X);
    let widen = (min_w - (x1 - x0)).max(0.0) / 2.0;
    (x0, x1) = (x0 - widen, x1 + widen);
    // Widened past an edge of the map: the room goes to the other side.
    if x0 < 0.0 {
        (x0, x1) = (0.0, x1 - x0);
    }
    if x1 > g.width {
        (x0, x1) = (x0 - (x1 - g.width), g.width);
    }
    let (x0, y0) = (x0.max(0.0), (y0 - PAD_Y).max(0.0));
    let (x1, y1) = (x1.min(g.width), (y1 + PAD_Y).min(g.height));
    if x1 <= x0 || y1 <= y0 {
        return Frame::whole(g);
    }
    Frame {
        x: x0,
        y: y0,
        w: x1 - x0,
        h: y1 - y0,
    }
}

//! Sizes of everything in the drawing, in CSS px at natural size (one
//! viewBox unit is one px), shared by the layout and the SVG writer so that
//! text the layout measured is drawn where the layout reserved room for it.

use crate::diagram::graph::Node;
use crate::diagram::text::{self, Wrapped};

/// Outer margin around the whole drawing.
pub const MARGIN: f32 = 8.0;
/// Width of the lane titles column at the left.
pub const HEADER_W: f32 = 136.0;
/// Room between the lane titles and the first column, and after the last.
pub const CONTENT_PAD: f32 = 18.0;
/// Padding above and below the content of a lane.
pub const LANE_PAD: f32 = 14.0;
/// Height of a lane without procedures.
pub const EMPTY_LANE_H: f32 = 44.0;
pub const LANE_TITLE_SIZE: f32 = 13.0;
pub const LANE_TITLE_LINE: f32 = 16.0;
pub const LANE_TITLE_LINES: usize = 4;

pub const NODE_W: f32 = 176.0;
pub const NODE_PAD_X: f32 = 10.0;
pub const NODE_PAD_Y: f32 = 9.0;
pub const TITLE_SIZE: f32 = 13.0;
pub const TITLE_LINE: f32 = 16.0;
pub const TITLE_LINES: usize = 3;
pub const META_SIZE: f32 = 12.0;
pub const META_LINE: f32 = 15.0;
pub const OWNER_LINES: usize = 2;
pub const LIMIT_LINES: usize = 2;
/// Room between the title and the owner/time lines.
pub const META_GAP: f32 = 4.0;
/// Width of the clock icon in front of the time limit.
pub const CLOCK_W: f32 = 15.0;
/// Height of a route step badge; it sits on a node's top left corner, so
/// nodes keep at least this much room around them.
pub const BADGE_H: f32 = 18.0;

pub const LABEL_SIZE: f32 = 11.0;
pub const LABEL_LINE: f32 = 13.5;
pub const LABEL_MAX_W: f32 = 136.0;
pub const LABEL_LINES: usize = 3;
/// Room between a label's text and the edge line under it.
pub const LABEL_GAP: f32 = 3.0;

/// Height of a self-loop above its node.
pub const LOOP_H: f32 = 16.0;
/// Horizontal extent of a self-loop, measured from the node's right side.
pub const LOOP_FAR: f32 = 52.0;
pub const LOOP_NEAR: f32 = 18.0;

/// Vertical room between two procedures in a column.
pub const SEP_NODE: f32 = 22.0;
/// ... between a procedure and an edge line.
pub const SEP_MIXED: f32 = 12.0;
/// ... between two edge lines.
pub const SEP_LINE: f32 = 9.0;
/// Most room between two ports on one side of a node.
pub const PORT_STEP: f32 = 14.0;

/// Room between a column and the first or last vertical track next to it.
pub const CHANNEL_MARGIN: f32 = 12.0;
/// Room between two vertical tracks in one channel.
pub const TRACK: f32 = 8.0;
pub const CHANNEL_MIN: f32 = 24.0;
/// Width of a column that only edges pass through.
pub const PASS_W: f32 = 12.0;

/// The lines of text in a node and its box height.
#[derive(Debug, Clone)]
pub struct NodeText {
    pub title: Wrapped,
    pub owner: Vec<String>,
    pub limit: Vec<String>,
    pub height: f32,
}

pub fn node_text(node: &Node) -> NodeText {
    let inner = NODE_W - 2.0 * NODE_PAD_X;
    let title = text::wrap(&node.title, TITLE_SIZE, true, inner, TITLE_LINES);
    let owner = node
        .owner
        .as_ref()
        .filter(|s| !s.trim().is_empty())
        .map(|s| text::wrap(s, META_SIZE, false, inner, OWNER_LINES).lines)
        .unwrap_or_default();
    let limit = node
        .limit
        .as_ref()
        .filter(|s| !s.trim().is_empty())
        .map(|s| text::wrap(s, META_SIZE, false, inner - CLOCK_W, LIMIT_LINES).lines)
        .unwrap_or_default();
    let meta = owner.len() + limit.len();
    let mut height = 2.0 * NODE_PAD_Y + title.lines.len().max(1) as f32 * TITLE_LINE;
    if meta > 0 {
        height += META_GAP + meta as f32 * META_LINE;
    }
    NodeText {
        title,
        owner,
        limit,
        height,
    }
}

/// An edge label as drawn: at most [`LABEL_LINES`] lines.
#[derive(Debug, Clone)]
pub struct LabelText {
    pub text: Wrapped,
    pub w: f32,
    pub h: f32,
}

pub fn label_text(label: &str, max_w: f32) -> LabelText {
    let text = text::wrap(label, LABEL_SIZE, false, max_w, LABEL_LINES);
    let w = text
        .lines
        .iter()
        .map(|l| text::width(l, LABEL_SIZE, false))
        .fold(0.0f32, f32::max)
        .ceil();
    let h = text.lines.len() as f32 * LABEL_LINE;
    LabelText { text, w, h }
}

pub fn lane_title(title: &str) -> Wrapped {
    text::wrap(title, LANE_TITLE_SIZE, true, HEADER_W - 20.0, LANE_TITLE_LINES)
}

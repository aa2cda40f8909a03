//! Monitoring charts of the success-indicator self-assessment, as inline
//! SVG that the page's stylesheet colours (light and dark): per region each
//! statement's scores over the school years, and at the site root every
//! region's latest scores side by side. Each chart has a table beside it
//! that says the same, so the SVG itself is hidden from screen readers.

use serde::Serialize;

use super::views::Link;
use crate::escape;
use crate::model::{Region, Site};
use crate::urls;

const ROW: f32 = 30.0;
const LABEL: f32 = 36.0;
const YEAR: f32 = 96.0;
const TOP: f32 = 22.0;

/// Each statement of `region` as a row, numbered as in its table: a line
/// through its score (1 to 5) in each school year, the score beside each
/// point. `None` when there is no more than one year to show a development.
pub fn development(region: &Region) -> Option<String> {
    let years = region.indicator_years();
    if years.len() < 2 || region.indicators.is_empty() {
        return None;
    }
    let width = LABEL + YEAR * years.len() as f32;
    let height = TOP + ROW * region.indicators.len() as f32;
    let x = |col: usize| LABEL + YEAR * col as f32 + YEAR / 2.0;
    // Score 1 at the bottom of a row, 5 at its top.
    let y = |row: usize, score: u8| TOP + ROW * row as f32 + ROW - 6.0 - (f32::from(score) - 1.0) * (ROW - 12.0) / 4.0;
    let mut svg = format!(
        r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" aria-hidden="true" focusable="false">"#
    );
    for (col, year) in years.iter().enumerate() {
        svg.push_str(&format!(
            r#"<text class="chart__axis" x="{}" y="14" text-anchor="middle">{}</text>"#,
            x(col),
            escape::xml(year)
        ));
    }
    for (row, indicator) in region.indicators.iter().enumerate() {
        let base = TOP + ROW * row as f32;
        svg.push_str(&format!(
            r#"<line class="chart__rule" x1="0" x2="{width}" y1="{base}" y2="{base}"/><text class="chart__label" x="4" y="{}">{}</text>"#,
            base + ROW / 2.0 + 4.0,
            row + 1
        ));
        let points: Vec<(f32, f32, u8)> = (years.iter().enumerate())
            .filter_map(|(col, year)| {
                let (_, score) = indicator.scores.iter().find(|(y, _)| y == year)?;
                Some((x(col), y(row, *score), *score))
            })
            .collect();
        if points.len() > 1 {
            let path: Vec<String> = points.iter().map(|(px, py, _)| format!("{px},{py}")).collect();
            svg.push_str(&format!(
                r#"<polyline class="chart__line" points="{}"/>"#,
                path.join(" ")
            ));
        }
        // Each score beside its point, on the side the line does not take:
        // left of the first point, right of the others.
        for (i, (px, py, score)) in points.into_iter().enumerate() {
            let (dx, anchor) = if i == 0 { (-8.0, "end") } else { (8.0, "start") };
            svg.push_str(&format!(
                r#"<circle class="chart__dot" cx="{px}" cy="{py}" r="4"/><text class="chart__value" x="{}" y="{}" text-anchor="{anchor}">{score}</text>"#,
                px + dx,
                py + 4.0
            ));
        }
    }
    svg.push_str("</svg>");
    Some(svg)
}

/// Every region's latest self-assessment, for the site root: a heat map
/// of regions against statements and the same as a table.
#[derive(Debug, Serialize)]
pub struct Comparison {
    /// The statements, numbered from 1: the columns.
    pub statements: Vec<String>,
    pub rows: Vec<ComparisonRow>,
    pub svg: String,
}

#[derive(Debug, Serialize)]
pub struct ComparisonRow {
    pub region: Link,
    /// The school year of the scores.
    pub year: String,
    /// One score per statement; `None` where the region did not score it.
    pub scores: Vec<Option<u8>>,
}

/// `None` when no region has a self-assessment.
pub fn comparison(site: &Site) -> Option<Comparison> {
    let mut statements: Vec<String> = Vec::new();
    for r in &site.regions {
        for i in &r.indicators {
            if !statements.contains(&i.statement) {
                statements.push(i.statement.clone());
            }
        }
    }
    let rows: Vec<ComparisonRow> = (site.regions.iter())
        .filter_map(|r| {
            let year = r.indicator_years().pop()?;
            let score = |statement: &String| {
                let indicator = r.indicators.iter().find(|i| i.statement == *statement)?;
                indicator.scores.iter().find(|(y, _)| *y == year).map(|(_, s)| *s)
            };
            Some(ComparisonRow {
                region: Link::new(&r.name, urls::region_home(&r.slug)),
                scores: statements.iter().map(score).collect(),
                year,
            })
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let svg = heat_map(&rows, statements.len());
    Some(Comparison { statements, rows, svg })
}

const NAME: f32 = 300.0;
const CELL: f32 = 44.0;
const CELL_ROW: f32 = 24.0;

fn heat_map(rows: &[ComparisonRow], columns: usize) -> String {
    let width = NAME + CELL * columns as f32;
    let height = TOP + CELL_ROW * rows.len() as f32;
    let mut svg = format!(
        r#"<svg class="chart chart--heat" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" aria-hidden="true" focusable="false">"#
    );
    for col in 0..columns {
        svg.push_str(&format!(
            r#"<text class="chart__axis" x="{}" y="14" text-anchor="middle">{}</text>"#,
            NAME + CELL * col as f32 + CELL / 2.0,
            col + 1
        ));
    }
    for (i, row) in rows.iter().enumerate() {
        let top = TOP + CELL_ROW * i as f32;
        svg.push_str(&format!(
            r#"<text class="chart__label" x="0" y="{}">{}</text>"#,
            top + CELL_ROW / 2.0 + 4.0,
            escape::xml(&row.region.title)
        ));
        for (col, score) in row.scores.iter().enumerate() {
            let left = NAME + CELL * col as f32;
            let Some(score) = score else { continue };
            svg.push_str(&format!(
                r#"<rect class="heat heat--{score}" x="{}" y="{}" width="{}" height="{}"/><text class="heat__value heat__value--{score}" x="{}" y="{}" text-anchor="middle">{score}</text>"#,
                left + 1.0,
                top + 1.0,
                CELL - 2.0,
                CELL_ROW - 2.0,
                left + CELL / 2.0,
                top + CELL_ROW / 2.0 + 4.0
            ));
        }
    }
    svg.push_str("</svg>");
    svg
}

//! The care-route diagram: a layered layout of a region's procedures in one
//! lane per level, drawn as SVG at build time.

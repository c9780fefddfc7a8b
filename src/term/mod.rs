//! Terminal drawing helpers shared by `tui` and `cli` (below both).

pub mod graphics;
pub mod puzzle_image;

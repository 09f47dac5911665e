//! What the page draws and says of results, as plain text and SVG: the
//! reading in sentences (`reading`), the charts (`chart_svg`,
//! `speedup_chart`), the per-worker timeline (`timeline`) and the Python
//! program a configuration corresponds to (`python_code`).

pub mod chart_svg;
pub mod python_code;
pub mod reading;
pub mod speedup_chart;
pub mod timeline;

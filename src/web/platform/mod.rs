//! The browser's facilities the rest uses: downloads, the clipboard and the
//! build's URLs (`browser`), the embed's messages (`embed`), the page's
//! environment and clock (`environment`, `clock_probe`), numbers in the
//! reader's language (`i18n`), the published results (`results_json`), and
//! the hooks the benchmarks call (`bench_hooks`).

pub mod bench_hooks;
pub mod browser;
pub mod clock_probe;
pub mod embed;
pub mod environment;
pub mod i18n;
pub mod results_json;

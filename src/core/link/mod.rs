//! What a link says and how it is written: the field schema (`fields`),
//! the configuration it describes (`config`), the codec between the two
//! (`codec`), links with results (`share`), the tutorial's presets and a
//! link's preview card (`preview`).

pub mod codec;
pub mod config;
pub mod fields;
pub mod presets;
pub mod preview;
pub mod share;

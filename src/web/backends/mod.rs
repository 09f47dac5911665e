//! Where runs are measured: shared-memory threads (`threads`: a driver
//! worker and rayon pools on a reservoir of workers), message-passing
//! processes (`processes`), and serial in a worker of its own (`serial`).
//! Every worker runs one script (`worker.js`), is started one way
//! (`worker`) and enters its backend at one export (`entry`); each
//! backend's folder holds its page side, its worker side and its messages.

pub mod entry;
pub mod processes;
pub mod serial;
#[cfg(feature = "threads")]
pub mod threads;
pub mod worker;

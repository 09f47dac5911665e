//! Where runs are measured: shared-memory threads (`threads`: a driver
//! worker and rayon pools on a reservoir of workers), message-passing
//! processes (`processes`), and serial in a worker of its own (`serial`).
//! Each folder holds its Rust and its worker script.

pub mod processes;
pub mod serial;
#[cfg(feature = "threads")]
pub mod threads;
pub mod worker;

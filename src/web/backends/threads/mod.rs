//! The engine of the threaded build: a driver worker that runs experiments
//! (`driver`), a reservoir of web workers joined to the shared memory that
//! the driver's pools borrow and give back (`reservoir`), the page's
//! handle on the driver (`page`), and the page's starting of the engine's
//! workers and hold on the pool workers (`engine_workers`). The page and
//! the driver meet only at the messages of `core::run::engine_protocol`:
//! the page never calls rayon, never sends on a channel that can lock, and
//! never drops a pool.

pub mod driver;
pub mod engine_workers;
pub mod page;
pub mod reservoir;

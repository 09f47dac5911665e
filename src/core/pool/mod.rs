//! The pools: what Python's five modes mean, whatever runs the tasks
//! (`scheduler`: chunks, their queue, results in input order), the modes
//! over rayon threads (`modes`), the message-passing processes' dispatch
//! and watchdog (`process_pool`), their pass, generic over what carries
//! the messages (`process_loop`), a process's side of it (`process_side`),
//! and the clock every worker shares (`clock`).

pub mod clock;
pub mod modes;
pub mod process_loop;
pub mod process_pool;
pub mod process_side;
pub mod scheduler;

//! The pools: Python's five ways of handing tasks to one (`modes`, over
//! rayon threads), the message-passing processes' scheduling and watchdog
//! (`process_pool`) and their pass, generic over what carries the messages
//! (`process_loop`), and the clock every worker shares (`clock`).

pub mod clock;
pub mod modes;
pub mod process_loop;
pub mod process_pool;

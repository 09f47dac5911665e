//! The Rust entry of every worker: worker.js calls it with the worker's
//! role once the build is up, and it hands the worker to its backend.

use wasm_bindgen::prelude::*;

use crate::web::backends::worker::{decode, post_to_page, Life, Role};

/// The Rust entry of every worker (called by worker.js once the build is up).
/// Returns `true` when the worker was retired and should close.
#[wasm_bindgen]
pub fn playground_worker_main(role: JsValue) -> bool {
    let Ok(role) = decode::<Role>(role) else {
        failed("no such role");
        return false;
    };
    match role {
        #[cfg(feature = "threads")]
        Role::Driver => crate::web::backends::threads::driver::main(),
        #[cfg(feature = "threads")]
        Role::Pool => return crate::web::backends::threads::reservoir::serve(),
        Role::Process => crate::web::backends::processes::worker_main(),
        Role::Serial => crate::web::backends::serial::worker_main(),
        #[cfg(not(feature = "threads"))]
        Role::Driver | Role::Pool => failed("this build has no threads"),
    }
    false
}

/// Tells the page this worker cannot take its role.
fn failed(message: &str) {
    let failed = Life::Failed {
        message: message.into(),
    };
    post_to_page(&failed, &js_sys::Array::new());
}

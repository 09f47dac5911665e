//! The Rust entry of every worker: worker.js calls it with the worker's
//! role once the build is up, and it hands the worker to its backend.

use wasm_bindgen::prelude::*;

use crate::web::backends::worker::{decode, post_to_page, Life, Role};

/// The Rust entry of every worker (called by worker.js once the build is up).
/// Returns `true` when the worker was retired and should close.
#[wasm_bindgen]
pub fn playground_worker_main(role: JsValue) -> bool {
    let Ok(role) = decode::<Role>(role) else {
        post_to_page(
            &Life::Failed {
                message: "no such role".into(),
            },
            &js_sys::Array::new(),
        );
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
        Role::Driver | Role::Pool => post_to_page(
            &Life::Failed {
                message: "this build has no threads".into(),
            },
            &js_sys::Array::new(),
        ),
    }
    false
}

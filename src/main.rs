//! The wasm entry point. Every worker re-runs it (src/web/backends/worker.js
//! imports the app's module again), so the UI mounts only on the page's Window.

#[cfg(target_arch = "wasm32")]
fn main() {
    if parallel_playground::web::platform::environment::is_main_window() {
        console_error_panic_hook::set_once();
        parallel_playground::web::platform::i18n::format_numbers_with_intl();
        // The threads engine's driver worker boots while the app renders.
        #[cfg(feature = "threads")]
        parallel_playground::web::backends::threads::page::start_early();
        // The static "Loading…" placeholder gives way to the app.
        if let Some(loading) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("loading"))
        {
            loading.remove();
        }
        yew::Renderer::<parallel_playground::web::components::app::App>::new().render();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("playground-app is the browser app: build it with scripts/build (Trunk), serve it with playground-server.");
    std::process::exit(2);
}

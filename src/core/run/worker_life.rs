//! The roles a worker takes and the messages of its life, whatever its
//! role: declared here, once, for the page (`web::backends::worker`) and
//! for the one worker script, which writes two of them before any build
//! runs (a test holds the script to this file).

use serde::{Deserialize, Serialize};

/// What a worker is for; the Rust entry `playground_worker_main` runs it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The threads' experiment driver (threaded build).
    Driver,
    /// A worker of the threads' reservoir: runs pool threads (threaded build).
    Pool,
    /// A process of the processes backend (build without shared memory).
    Process,
    /// Serial factorials in a worker (build without shared memory, or the page's).
    Serial,
}

/// A worker's life, whatever its role.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "body", rename_all = "snake_case")]
pub enum Life {
    /// The build is up and the role listens.
    Ready,
    /// The build could not load (written by worker.js).
    Failed { message: String },
    /// The page asks a pool worker, during a run, whether it is alive.
    Ping,
    /// A pool worker read a ping: its script was stopped mid-task
    /// (written by worker.js: no build runs then).
    Stopped,
    /// A pool worker was retired and is about to close.
    Exit,
}

impl Life {
    /// Every message's `type` (a test holds it to the variants).
    pub const KINDS: [&'static str; 5] = ["ready", "failed", "ping", "stopped", "exit"];
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORKER_JS: &str = include_str!("../../web/backends/worker.js");

    /// The `type`s the worker script posts or reads: `type: 'x'` and `type === 'x'`.
    fn script_kinds(marker: &str) -> Vec<String> {
        WORKER_JS
            .split(marker)
            .skip(1)
            .filter_map(|rest| rest.split('\'').next().map(str::to_string))
            .collect()
    }

    /// Where each variant's `type` is in `Life::KINDS`: a new variant does
    /// not compile here until it is listed.
    fn kind_index(life: &Life) -> usize {
        match life {
            Life::Ready => 0,
            Life::Failed { .. } => 1,
            Life::Ping => 2,
            Life::Stopped => 3,
            Life::Exit => 4,
        }
    }

    #[test]
    fn kinds_lists_every_variant_as_serde_names_it() {
        let every = [
            Life::Ready,
            Life::Failed {
                message: String::new(),
            },
            Life::Ping,
            Life::Stopped,
            Life::Exit,
        ];
        let mut listed: Vec<usize> = every.iter().map(kind_index).collect();
        listed.sort_unstable();
        listed.dedup();
        assert_eq!(listed, (0..Life::KINDS.len()).collect::<Vec<_>>());
        for life in &every {
            let json = serde_json::to_value(life).unwrap();
            assert_eq!(json["type"], Life::KINDS[kind_index(life)], "{life:?}");
        }
    }

    #[test]
    fn every_kind_is_a_message() {
        for kind in Life::KINDS {
            let json = match kind {
                "failed" => format!(r#"{{"type":"{kind}","body":{{"message":"m"}}}}"#),
                _ => format!(r#"{{"type":"{kind}"}}"#),
            };
            assert!(serde_json::from_str::<Life>(&json).is_ok(), "{kind}");
        }
    }

    #[test]
    fn the_worker_script_posts_only_life_messages() {
        let posted = script_kinds("postMessage({ type: '");
        assert_eq!(posted, ["stopped", "failed"]);
        assert!(WORKER_JS.contains("postMessage({ type: 'failed', body: { message: "));
        let json = r#"{"type":"failed","body":{"message":"the build did not load"}}"#;
        assert_eq!(
            serde_json::from_str::<Life>(json).unwrap(),
            Life::Failed {
                message: "the build did not load".into()
            }
        );
        assert_eq!(
            serde_json::from_str::<Life>(r#"{"type":"stopped"}"#).unwrap(),
            Life::Stopped
        );
    }

    #[test]
    fn the_worker_script_reads_declared_messages_and_roles() {
        let mut read = script_kinds("type === '");
        read.extend(script_kinds("type !== '"));
        read.sort();
        // `preload` and `init` are `web::backends::worker::Start`'s.
        assert_eq!(read, ["init", "ping", "preload"]);
        assert!(WORKER_JS.contains("const { role, main_js: mainJs, module, memory } = data.body;"));
        assert!(serde_json::from_str::<Life>(r#"{"type":"ping"}"#).is_ok());
        for role in script_kinds("role === '") {
            assert!(
                serde_json::from_str::<Role>(&format!("\"{role}\"")).is_ok(),
                "{role}"
            );
        }
    }
}

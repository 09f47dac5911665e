//! The mock API fuzzed from its own OpenAPI description: schemathesis (from
//! PyPI, pinned in tests/schemathesis/requirements.txt and installed into a
//! virtualenv under the target dir when missing) runs every check it has
//! against the built server binary. No answer may be a 5xx, and every
//! answer must match the description: status, content type, headers, body.

use std::{
    io::{BufRead, BufReader},
    path::{Path, PathBuf},
    process::{Child, Command, Output, Stdio},
};

mod common;

/// How many cases schemathesis makes per operation and phase: a few
/// seconds here, enough to reach every parameter's edges.
const MAX_EXAMPLES: &str = "300";

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemathesis")
}

/// The pinned version, from the requirements file.
fn pinned_version() -> String {
    let requirements = std::fs::read_to_string(suite_dir().join("requirements.txt")).unwrap();
    requirements
        .lines()
        .find_map(|line| line.trim().strip_prefix("schemathesis=="))
        .expect("requirements.txt pins schemathesis==<version>")
        .trim()
        .to_owned()
}

fn run(command: &mut Command) -> Output {
    command
        .output()
        .unwrap_or_else(|err| panic!("cannot run {command:?}: {err}"))
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// schemathesis's `st`, installed into its own virtualenv unless the pinned
/// version is already there.
fn schemathesis() -> PathBuf {
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("schemathesis-venv");
    let st = venv.join("bin/st");
    let version = pinned_version();
    let installed = Command::new(&st)
        .arg("--version")
        .output()
        .is_ok_and(|output| String::from_utf8_lossy(&output.stdout).contains(&version));
    if installed {
        return st;
    }
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    let made = run(Command::new(&python).args(["-m", "venv"]).arg(&venv));
    assert!(
        made.status.success(),
        "{python} -m venv failed (install python3 and python3-venv):\n{}",
        text(&made)
    );
    let pip = run(Command::new(venv.join("bin/pip"))
        .args(["install", "--disable-pip-version-check", "-q", "-r"])
        .arg(suite_dir().join("requirements.txt")));
    assert!(
        pip.status.success(),
        "installing schemathesis {version} from PyPI failed:\n{}",
        text(&pip)
    );
    st
}

/// The server binary on a free port without latency; killed when dropped.
struct Server {
    child: Child,
    base: String,
    dist: PathBuf,
}

impl Server {
    fn start() -> Self {
        let dist = common::unique_temp_dir("server-schemathesis");
        std::fs::write(
            dist.join("index.html"),
            "<!doctype html><title>fuzz</title>\n",
        )
        .unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_playground-server"))
            .args(["--port", "0", "--latency-ms", "0", "--dist"])
            .arg(&dist)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        // `Serving <dist> at http://127.0.0.1:<port>/`
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let base = line
            .trim()
            .rsplit_once(" at ")
            .map(|(_, url)| url.trim_end_matches('/').to_owned())
            .unwrap_or_else(|| panic!("the server did not announce its address: {line:?}"));
        Server { child, base, dist }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dist);
    }
}

#[test]
fn schemathesis_finds_no_failure_in_the_mock_api() {
    let st = schemathesis();
    let server = Server::start();
    // Its reports and hypothesis's example database stay out of the repo.
    let scratch = common::unique_temp_dir("schemathesis-run");
    let output = run(Command::new(&st)
        .current_dir(&scratch)
        .env("SCHEMATHESIS_HOOKS", suite_dir().join("hooks.py"))
        .arg("--config-file")
        .arg(suite_dir().join("schemathesis.toml"))
        .arg("run")
        .arg(format!("{}/openapi.json", server.base))
        // Every path, the description's own too.
        .args(["--include-path-regex", ".*"])
        .args(["--checks", "all"])
        .args(["--max-examples", MAX_EXAMPLES])
        .args(["--workers", "2"])
        .args(["--request-timeout", "10"])
        .args(["--output-sanitize", "false"]));
    let report = text(&output);
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(
        output.status.success(),
        "schemathesis found failures:\n{report}"
    );
    assert!(report.contains("No issues found"), "{report}");
    assert!(
        report.contains("2 selected / 2 total"),
        "both operations are fuzzed:\n{report}"
    );
    eprintln!(
        "{}",
        report
            .lines()
            .filter(|line| line.contains("generated") || line.contains("Seed:"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

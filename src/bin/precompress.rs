//! Precompresses the built app, once, at build time (scripts/build runs it on
//! `dist/` after both Trunk builds): next to every wasm, JS, HTML, CSS, JSON
//! and SVG file it writes `NAME.br` (brotli, quality 11, a 16 MiB window) and
//! `NAME.gz` (gzip by zopfli: deflate's format, smaller than zlib's level
//! 9). The server sends one of them to a client that accepts it
//! (src/server/static_files.rs) instead of compressing on the fly at zlib's
//! default level, which leaves the wasm much larger (figures in
//! docs/benchmark.md). A variant no smaller than its file is not written.
//!
//! Variants whose file is gone (an older build's) are removed. Files are
//! written under a dot name and renamed into place, so a running server never
//! sends half a file (dotfiles are never served).
//!
//!   precompress [--quiet] DIR...

use std::{
    fs,
    io::{self, Write},
    path::{Path, PathBuf},
    process::ExitCode,
    sync::atomic::{AtomicUsize, Ordering},
    sync::Mutex,
};

use brotli::enc::BrotliEncoderParams;

/// The extensions worth compressing: text and wasm (images and fonts are
/// compressed already).
const COMPRESSIBLE: &[&str] = &[
    "wasm", "js", "mjs", "html", "htm", "css", "json", "svg", "txt",
];
/// The variants' extensions, as tower-http's `ServeFile` looks them up.
const VARIANTS: &[&str] = &["br", "gz"];

fn main() -> ExitCode {
    let mut quiet = false;
    let mut dirs = Vec::new();
    for arg in std::env::args_os().skip(1) {
        match arg.to_str() {
            Some("--quiet") => quiet = true,
            Some("-h" | "--help") => {
                println!("usage: precompress [--quiet] DIR...\nwrites NAME.br and NAME.gz beside each wasm/JS/HTML/CSS/JSON/SVG file under DIR");
                return ExitCode::SUCCESS;
            }
            _ => dirs.push(PathBuf::from(arg)),
        }
    }
    if dirs.is_empty() {
        eprintln!("usage: precompress [--quiet] DIR...");
        return ExitCode::from(2);
    }
    match run(&dirs, quiet) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("precompress: {error}");
            ExitCode::FAILURE
        }
    }
}

/// One file's sizes: original, gzip, brotli.
struct Sizes {
    path: PathBuf,
    raw: usize,
    gzip: usize,
    brotli: usize,
}

fn run(dirs: &[PathBuf], quiet: bool) -> io::Result<()> {
    let mut files = Vec::new();
    for dir in dirs {
        collect(dir, &mut files)?;
    }
    files.sort();
    // Brotli at quality 11 takes seconds on a wasm module: one thread per core.
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    std::thread::scope(|scope| {
        for _ in 0..threads.min(files.len()) {
            scope.spawn(|| {
                while let Some(file) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let result = precompress(file);
                    results.lock().unwrap().push(result);
                }
            });
        }
    });
    let mut sizes = results
        .into_inner()
        .unwrap()
        .into_iter()
        .collect::<io::Result<Vec<_>>>()?;
    sizes.sort_by(|a, b| a.path.cmp(&b.path));
    if !quiet {
        let kb = |bytes: usize| format!("{:.1} KB", bytes as f64 / 1024.0);
        let mut out = io::stdout().lock();
        writeln!(out, "{:>12} {:>12} {:>12}  file", "raw", "gzip", "brotli")?;
        for s in &sizes {
            writeln!(
                out,
                "{:>12} {:>12} {:>12}  {}",
                kb(s.raw),
                kb(s.gzip),
                kb(s.brotli),
                s.path.display()
            )?;
        }
        let total = |f: fn(&Sizes) -> usize| sizes.iter().map(f).sum::<usize>();
        writeln!(
            out,
            "{:>12} {:>12} {:>12}  total of {} files",
            kb(total(|s| s.raw)),
            kb(total(|s| s.gzip)),
            kb(total(|s| s.brotli)),
            sizes.len()
        )?;
    }
    Ok(())
}

/// The compressible files under `dir` (dot names and symlinks skipped), and
/// removes variants whose file is gone.
fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let file_type = entry.file_type()?;
        if name.starts_with('.') || file_type.is_symlink() {
            continue;
        }
        if file_type.is_dir() {
            collect(&path, files)?;
            continue;
        }
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if VARIANTS.contains(&extension) {
            if !path.with_extension("").exists() {
                fs::remove_file(&path)?;
            }
        } else if COMPRESSIBLE.contains(&extension.to_ascii_lowercase().as_str()) {
            files.push(path);
        }
    }
    Ok(())
}

fn precompress(path: &Path) -> io::Result<Sizes> {
    let data = fs::read(path)?;
    let brotli = brotli(&data)?;
    let gzip = gzip(&data)?;
    let brotli = write_variant(path, "br", &data, &brotli)?;
    let gzip = write_variant(path, "gz", &data, &gzip)?;
    Ok(Sizes {
        path: path.to_path_buf(),
        raw: data.len(),
        gzip,
        brotli,
    })
}

/// Brotli at its best: quality 11 and the largest window browsers accept
/// (24 bits; "large window" brotli is not HTTP's `br`).
fn brotli(data: &[u8]) -> io::Result<Vec<u8>> {
    let params = BrotliEncoderParams {
        quality: 11,
        lgwin: 24,
        size_hint: data.len(),
        ..BrotliEncoderParams::default()
    };
    let mut out = Vec::with_capacity(data.len() / 3);
    brotli::BrotliCompress(&mut &data[..], &mut out, &params)?;
    Ok(out)
}

/// Gzip by zopfli at its default 15 iterations (slow, but once a build): any
/// gzip decoder reads it. Its header has no name and a zero time, so a
/// rebuild of the same bytes gives the same file.
fn gzip(data: &[u8]) -> io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len() / 3);
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Gzip,
        data,
        &mut out,
    )?;
    Ok(out)
}

/// Writes `PATH.EXT` through a dot name and a rename; removes it instead when
/// the variant saves nothing. Returns the bytes a client gets for it.
fn write_variant(
    path: &Path,
    extension: &str,
    data: &[u8],
    compressed: &[u8],
) -> io::Result<usize> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let target = path.with_file_name(format!("{name}.{extension}"));
    if compressed.len() >= data.len() {
        return match fs::remove_file(&target) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
            _ => Ok(data.len()),
        };
    }
    let temporary = path.with_file_name(format!(".{name}.{extension}.tmp"));
    fs::write(&temporary, compressed)?;
    fs::rename(&temporary, &target)?;
    Ok(compressed.len())
}

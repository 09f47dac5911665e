//! `/preview.png?LINK`: the Open Graph image of a link, 1200x630, naming the
//! experiment (kind, n or pages, modes, workers, backends) in the link's
//! language. Drawn as SVG and rasterised by resvg with a bundled subset of
//! Noto Sans CJK SC (so Chinese renders on a machine without CJK fonts);
//! each image is made once and kept, since a link's image never changes.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, OnceLock},
};

use axum::{
    body::Bytes,
    extract::RawQuery,
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use resvg::{tiny_skia, usvg};

use super::{drawn_query, read_link};
use crate::core::link::preview::LinkPreview;

/// Open Graph's recommended size (and Twitter's large summary card's ratio).
pub const SIZE: (u32, u32) = (1200, 630);
/// Images kept; beyond it the cache starts over (a client asking for many
/// different links costs rendering time, never unbounded memory).
const CACHE_ENTRIES: usize = 512;
/// Links vary in their query, so the image is cached by browsers and
/// unfurlers for a day rather than for ever (a new build may draw it anew).
const CACHE_CONTROL: &str = "public, max-age=86400";

const FONT_FAMILY: &str = "Noto Sans CJK SC";
pub const FONTS: [&[u8]; 2] = [
    include_bytes!("font/NotoSansSC-Regular-preview.otf"),
    include_bytes!("font/NotoSansSC-Bold-preview.otf"),
];

pub async fn serve(RawQuery(query): RawQuery, headers: HeaderMap) -> Response {
    let link = read_link(query.as_deref().unwrap_or(""), &headers);
    if !link.errors.is_empty() {
        let messages: Vec<&str> = link.errors.iter().map(|e| e.message.as_str()).collect();
        return (StatusCode::BAD_REQUEST, messages.join("\n")).into_response();
    }
    let key = drawn_query(&link);
    let cached = cache()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(&key)
        .cloned();
    let png = match cached {
        Some(png) => png,
        None => {
            let preview = LinkPreview::of(&link.config, link.lang);
            // Rasterising takes tens of ms of CPU: off the async workers, and
            // no more at once than there are cores, so that a client asking
            // for many links queues behind itself instead of taking the
            // blocking pool's hundreds of threads.
            let Ok(_permit) = drawing_slots().acquire().await else {
                return (StatusCode::SERVICE_UNAVAILABLE, "the server is stopping").into_response();
            };
            let Ok(Some(png)) = tokio::task::spawn_blocking(move || render(&preview)).await else {
                return (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the preview image could not be drawn",
                )
                    .into_response();
            };
            let png = Bytes::from(png);
            let mut cache = cache().lock().unwrap_or_else(|e| e.into_inner());
            if cache.len() >= CACHE_ENTRIES {
                cache.clear();
            }
            cache.insert(key, png.clone());
            png
        }
    };
    (
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, CACHE_CONTROL),
            // A link without `lang=` is drawn in the request's language.
            (header::VARY, "accept-language"),
        ],
        png,
    )
        .into_response()
}

fn drawing_slots() -> &'static tokio::sync::Semaphore {
    static SLOTS: OnceLock<tokio::sync::Semaphore> = OnceLock::new();
    SLOTS.get_or_init(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
    })
}

fn cache() -> &'static Mutex<HashMap<String, Bytes>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Bytes>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// The fonts, parsed once.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONT_DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONT_DB
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            for font in FONTS {
                db.load_font_data(font.to_vec());
            }
            Arc::new(db)
        })
        .clone()
}

/// The PNG of `preview`, or `None` if resvg refuses the drawing (a bug).
pub fn render(preview: &LinkPreview) -> Option<Vec<u8>> {
    let svg = svg(preview);
    let options = usvg::Options {
        font_family: FONT_FAMILY.to_string(),
        fontdb: fonts(),
        ..Default::default()
    };
    let tree = usvg::Tree::from_str(&svg, &options).ok()?;
    let mut pixmap = tiny_skia::Pixmap::new(SIZE.0, SIZE.1)?;
    resvg::render(
        &tree,
        tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().ok()
}

/// The drawing: the playground's name, the experiment, one row per setting, what the playground is.
fn svg(preview: &LinkPreview) -> String {
    let (width, height) = SIZE;
    let text_width = f64::from(width) - 2.0 * 80.0;
    let mut rows = String::new();
    for (i, (label, value)) in preview.rows.iter().enumerate() {
        let y = 345 + 82 * i;
        rows += &format!(
            r##"<text x="80" y="{y}" font-size="30" fill="#475569">{}</text><text x="400" y="{y}" font-size="{}" font-weight="bold" fill="#0f172a">{}</text>"##,
            escape_xml(label),
            fit(value, 40.0, text_width - 320.0),
            escape_xml(value),
        );
    }
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">
<rect width="{width}" height="{height}" fill="#f8fafc"/>
<rect width="24" height="{height}" fill="#3451d1"/>
<rect x="80" y="56" width="44" height="44" rx="9" fill="#3451d1"/>
<text x="142" y="92" font-size="34" font-weight="bold" fill="#3451d1">{site}</text>
<text x="80" y="210" font-size="{title_size}" font-weight="bold" fill="#0f172a">{experiment}</text>
<line x1="80" y1="262" x2="{line_end}" y2="262" stroke="#cbd5e1" stroke-width="2"/>
{rows}
<text x="80" y="{footer_y}" font-size="{footer_size}" fill="#64748b">{footer}</text>
</svg>"##,
        site = escape_xml(preview.site_name),
        title_size = fit(&preview.experiment, 64.0, text_width),
        experiment = escape_xml(&preview.experiment),
        line_end = width - 80,
        footer_y = height - 48,
        footer_size = fit(preview.footer, 26.0, text_width),
        footer = escape_xml(preview.footer),
    )
}

/// The font size, at most `largest`, at which `text` fits in `width` pixels
/// (wide characters count one em, the others about half).
fn fit(text: &str, largest: f64, width: f64) -> f64 {
    let ems: f64 = text
        .chars()
        .map(|c| if c.len_utf8() > 1 { 1.0 } else { 0.56 })
        .sum();
    (width / ems.max(1.0)).min(largest).floor()
}

fn escape_xml(text: &str) -> String {
    super::escape_html(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::i18n::Lang;
    use crate::core::link::codec::parse_query;

    #[test]
    fn the_image_is_a_1200_by_630_png_in_both_languages() {
        let config = parse_query(
            "exp=factorial&n=3000&modes=map,apply_async&workers=1,2,4&backend=threads,processes",
            2,
        )
        .config;
        for lang in Lang::ALL {
            let png = render(&LinkPreview::of(&config, lang)).expect("drawn");
            assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
            // IHDR: width and height, big-endian, at bytes 16..24.
            assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 1200);
            assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 630);
        }
    }

    /// Every character an image can show is in the bundled fonts: else run
    /// `scripts/preview-font` after changing the preview's strings.
    #[test]
    fn the_bundled_fonts_cover_every_character_of_the_previews() {
        let faces: Vec<ttf_parser::Face> = FONTS
            .iter()
            .map(|font| ttf_parser::Face::parse(font, 0).unwrap())
            .collect();
        for query in [
            "exp=factorial",
            "exp=factorial&backend=threads,processes&workers=1,64",
            "exp=reposts&pages=100&count=200&latency=10000",
        ] {
            for lang in Lang::ALL {
                let preview = LinkPreview::of(&parse_query(query, 2).config, lang);
                let shown = [preview.site_name, &preview.experiment, preview.footer]
                    .into_iter()
                    .chain(
                        preview
                            .rows
                            .iter()
                            .flat_map(|(label, value)| [*label, value.as_str()]),
                    )
                    .flat_map(str::chars)
                    .filter(|c| !c.is_whitespace());
                for c in shown {
                    for face in &faces {
                        assert!(face.glyph_index(c).is_some(), "{c:?} ({lang:?}, {query}) is not in the preview font: run scripts/preview-font");
                    }
                }
            }
        }
    }

    #[test]
    fn long_values_shrink_to_fit() {
        let workers = (1..=16)
            .map(|k| (k * 4).to_string())
            .collect::<Vec<_>>()
            .join(", ");
        assert!(fit(&workers, 40.0, 720.0) * 0.56 * workers.len() as f64 <= 720.0);
        assert_eq!(fit("map", 40.0, 720.0), 40.0);
    }
}

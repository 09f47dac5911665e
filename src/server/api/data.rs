//! The mock API's data: the reposts of a post, made from its id alone.
//!
//! Every field comes from a small hash of the post's id (and the repost's
//! place in the timeline), so the same request always gets the same bytes,
//! on any machine, without storing anything. Reposts are newest first: their
//! `created_at` and `id` both decrease down the timeline, across pages.

use crate::core::weibo::{RepostTimeline, Status, User, SERVED_REPOSTS};

/// The post the tutorial fetched: it has 4801 reposts here.
pub const TUTORIAL_MID: i64 = 3_664_072_912_104_801;

/// A post's reposts, all of them (only the latest [`SERVED_REPOSTS`] are
/// served): the id's last five decimal digits, so a reader can pick a post
/// with any number of reposts (the tutorial's post has 4801).
pub fn total_reposts(id: i64) -> u64 {
    id.unsigned_abs() % 100_000
}

/// Page `page` (1-based) of `count` reposts of post `id`. `count` is used as
/// given: the caller caps it. Pages past the served reposts are empty.
pub fn repost_timeline(id: i64, count: u64, page: u64) -> RepostTimeline {
    Post::new(id).timeline(count, page)
}

/// The original post, as reposts embed it in `retweeted_status`.
pub fn original_status(id: i64) -> Status {
    Post::new(id).original
}

/// Original posts appear from 2014-01-01 00:00 UTC on (the tutorial's year)...
const FIRST_POST_TIME: i64 = 1_388_534_400;
/// ...over four years.
const POST_TIME_SPREAD: u64 = 4 * 365 * 86_400;
/// Successive repost ids are at most this far apart (ids grow with time).
const ID_STEP: i64 = 1 << 16;
/// The reposts' time zone: China Standard Time, as Weibo writes it.
const UTC_OFFSET_SECONDS: i64 = 8 * 3600;

/// What differs between hashes of the same post.
#[derive(Clone, Copy)]
enum Salt {
    PostTime = 1,
    Gap,
    Author,
    PostText,
    PostSource,
    PostComments,
    RepostTime,
    RepostId,
    Reposter,
    RepostText,
    RepostSource,
    RepostCounts,
    Quoted,
}

struct Post {
    total: u64,
    seed: u64,
    created_at: i64,
    /// Average seconds between reposts.
    gap: i64,
    /// Reposts' ids start just past this one.
    id_base: i64,
    original: Status,
}

impl Post {
    fn new(id: i64) -> Self {
        let seed = id as u64;
        let total = total_reposts(id);
        let created_at =
            FIRST_POST_TIME + (hash(seed, Salt::PostTime, 0) % POST_TIME_SPREAD) as i64;
        let gap = 15 + (hash(seed, Salt::Gap, 0) % 90) as i64;
        // Reposts come after the post, so their ids are larger, unless that
        // would overflow: then they sit just below it.
        let span = (total as i64 + 2) * ID_STEP;
        let id_base = match id.checked_add(span) {
            Some(_) => id,
            None => id - span,
        };
        let original = Status {
            created_at: weibo_time(created_at),
            id,
            idstr: id.to_string(),
            mid: id.to_string(),
            text: pick(POST_TEXTS, hash(seed, Salt::PostText, 0)).to_owned(),
            source: source(hash(seed, Salt::PostSource, 0)),
            reposts_count: total,
            comments_count: total / 4 + hash(seed, Salt::PostComments, 0) % (total / 4 + 1),
            user: user(hash(seed, Salt::Author, 0), true),
            retweeted_status: None,
        };
        Post {
            total,
            seed,
            created_at,
            gap,
            id_base,
            original,
        }
    }

    fn served(&self) -> u64 {
        self.total.min(SERVED_REPOSTS)
    }

    fn timeline(&self, count: u64, page: u64) -> RepostTimeline {
        let served = self.served();
        let start = page.saturating_sub(1).saturating_mul(count).min(served);
        let end = start.saturating_add(count).min(served);
        let reposts: Vec<Status> = (start..end).map(|newest| self.repost(newest)).collect();
        let next_cursor = match reposts.last() {
            Some(last) if end < served => last.id as u64,
            _ => 0,
        };
        RepostTimeline {
            reposts,
            total_number: self.total,
            previous_cursor: 0,
            next_cursor,
            hasvisible: false,
        }
    }

    /// The repost `newest` places down the timeline (0 is the latest).
    fn repost(&self, newest: u64) -> Status {
        // Counted from the oldest, so a repost's fields do not change as
        // newer ones arrive.
        let nth = self.total - 1 - newest;
        let r = |salt| hash(self.seed, salt, nth);
        // Both strictly increase with `nth`: each step adds one full gap
        // (or id step) and a remainder smaller than it.
        let created_at = self.created_at
            + (nth as i64 + 1) * self.gap
            + (r(Salt::RepostTime) % self.gap as u64) as i64;
        let id =
            self.id_base + (nth as i64 + 1) * ID_STEP + (r(Salt::RepostId) % ID_STEP as u64) as i64;
        let reposter = user(r(Salt::Reposter), false);
        let mut text = pick(REPOST_TEXTS, r(Salt::RepostText)).to_owned();
        let quoted = r(Salt::Quoted);
        if quoted % 3 == 0 {
            // A repost of a repost quotes the chain, as on Weibo.
            let via = user(quoted, false);
            text = format!(
                "{text}//@{}: {}",
                via.screen_name,
                pick(REPOST_TEXTS, quoted >> 8)
            );
        }
        let counts = r(Salt::RepostCounts);
        Status {
            created_at: weibo_time(created_at),
            id,
            idstr: id.to_string(),
            mid: id.to_string(),
            text,
            source: source(r(Salt::RepostSource)),
            reposts_count: if counts % 10 == 0 {
                (counts >> 8) % 50
            } else {
                0
            },
            comments_count: if counts % 4 == 0 {
                (counts >> 16) % 20
            } else {
                0
            },
            user: reposter,
            retweeted_status: Some(Box::new(self.original.clone())),
        }
    }
}

/// A user from a hash: a 10-digit uid like Weibo's, a name, a place and a
/// follower count spread over several orders of magnitude.
fn user(seed: u64, author: bool) -> User {
    let id = 1_000_000_000 + (seed % 6_000_000_000) as i64;
    let name = format!(
        "{}{}_{}",
        pick(NAME_ADJECTIVES, seed >> 7),
        pick(NAME_NOUNS, seed >> 13),
        (seed >> 19) % 10_000
    );
    let magnitude = (seed >> 33) % if author { 7 } else { 5 };
    let followers_count =
        10u64.pow(magnitude as u32 + 1) * (1 + (seed >> 41) % 9) + (seed >> 50) % 10;
    User {
        id,
        idstr: id.to_string(),
        screen_name: name.clone(),
        name,
        location: pick(LOCATIONS, seed >> 25).to_owned(),
        followers_count,
    }
}

/// Weibo's `source`: the client the status was posted from, as a link.
fn source(seed: u64) -> String {
    format!(
        "<a href=\"https://weibo.com/\" rel=\"nofollow\">{}</a>",
        pick(SOURCES, seed)
    )
}

fn pick(items: &'static [&'static str], seed: u64) -> &'static str {
    items[(seed % items.len() as u64) as usize]
}

/// SplitMix64's finalizer: a fast, well-mixed 64-bit hash step.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn hash(seed: u64, salt: Salt, index: u64) -> u64 {
    mix(mix(mix(seed) ^ salt as u64) ^ index)
}

/// Weibo's time format in China Standard Time, e.g.
/// `Tue Nov 24 10:00:00 +0800 2026` (`%a %b %d %H:%M:%S %z %Y`).
pub fn weibo_time(unix_seconds: i64) -> String {
    const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let local = unix_seconds + UTC_OFFSET_SECONDS;
    let days = local.div_euclid(86_400);
    let seconds = local.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{} {} {day:02} {:02}:{:02}:{:02} +0800 {year}",
        WEEKDAYS[(days + 4).rem_euclid(7) as usize], // 1970-01-01 was a Thursday
        MONTHS[month as usize - 1],
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60,
    )
}

/// Year, month (1-12) and day of the days since 1970-01-01 (Howard
/// Hinnant's algorithm, proleptic Gregorian calendar).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

const POST_TEXTS: &[&str] = &[
    "Python 的 multiprocessing.Pool：apply、apply_async、map、map_async 四种用法，一次讲清楚。",
    "抓取微博转发时，并发请求能快多少？10 页数据的实测结果在这里。",
    "进程池不是越大越好：任务太小，启动和通信的开销会吃掉全部收益。",
    "今天的晚霞特别好看，分享给大家。",
    "周末读书笔记：《Python 核心编程》第 18 章，多线程与多进程。",
];

const REPOST_TEXTS: &[&str] = &[
    "转发微博",
    "转发微博",
    "转发微博",
    "学习了",
    "mark 一下，回头细看",
    "收藏了，写得很清楚",
    "原来如此！",
    "好文，推荐",
    "实测有效 👍",
    "终于弄明白 apply 和 apply_async 的区别了",
    "进程池开 4 个就够了？",
    "求问：为什么 100 个进程反而更慢？",
    "说得好",
    "哈哈哈",
    "同感",
];

const NAME_ADJECTIVES: &[&str] = &[
    "快乐的",
    "安静的",
    "勇敢的",
    "好奇的",
    "认真的",
    "慢吞吞的",
    "爱笑的",
    "会飞的",
    "深夜的",
    "早起的",
    "",
];

const NAME_NOUNS: &[&str] = &[
    "土豆",
    "饺子",
    "猫",
    "熊猫",
    "程序员",
    "小鱼",
    "狐狸",
    "星星",
    "番茄",
    "蜗牛",
    "咖啡",
    "Pythonista",
    "coder",
    "panda",
];

const LOCATIONS: &[&str] = &[
    "北京 海淀区",
    "北京 朝阳区",
    "上海 浦东新区",
    "上海 徐汇区",
    "广东 广州",
    "广东 深圳",
    "浙江 杭州",
    "江苏 南京",
    "四川 成都",
    "湖北 武汉",
    "陕西 西安",
    "福建 厦门",
    "海外 美国",
    "其他",
];

const SOURCES: &[&str] = &[
    "微博 weibo.com",
    "iPhone客户端",
    "Android",
    "iPad客户端",
    "微博 HTML5 版",
    "皮皮时光机",
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn weibo_time_matches_weibo_format() {
        // 2026-11-24 02:00 UTC is 10:00 in Beijing.
        assert_eq!(weibo_time(1_795_485_600), "Tue Nov 24 10:00:00 +0800 2026");
        assert_eq!(weibo_time(0), "Thu Jan 01 08:00:00 +0800 1970");
        // The day changes at midnight Beijing time, not UTC.
        assert_eq!(weibo_time(1_388_505_600), "Wed Jan 01 00:00:00 +0800 2014");
        assert_eq!(weibo_time(1_709_136_000), "Thu Feb 29 00:00:00 +0800 2024");
    }

    #[test]
    fn the_tutorial_post_has_more_reposts_than_are_served() {
        assert_eq!(total_reposts(TUTORIAL_MID), 4801);
        assert!(total_reposts(TUTORIAL_MID) > SERVED_REPOSTS);
        assert_eq!(total_reposts(1_234), 1_234);
    }

    #[test]
    fn the_served_reposts_are_unique_and_newest_first() {
        let all: Vec<Status> = (1..=11)
            .flat_map(|page| repost_timeline(TUTORIAL_MID, 200, page).reposts)
            .collect();
        assert_eq!(all.len(), 2000);
        let ids: HashSet<i64> = all.iter().map(|s| s.id).collect();
        assert_eq!(ids.len(), 2000);
        assert!(all.windows(2).all(|w| w[0].id > w[1].id));
        assert!(all.iter().all(|s| s.id > TUTORIAL_MID));
        assert!(all
            .iter()
            .all(|s| s.retweeted_status.as_ref().unwrap().id == TUTORIAL_MID));
    }

    #[test]
    fn pages_slice_one_timeline() {
        let big = repost_timeline(TUTORIAL_MID, 200, 1).reposts;
        let small: Vec<Status> = (1..=10)
            .flat_map(|page| repost_timeline(TUTORIAL_MID, 20, page).reposts)
            .collect();
        assert_eq!(big, small);
    }

    #[test]
    fn ids_near_the_top_of_int64_do_not_overflow() {
        let id = i64::MAX - 5;
        let page = repost_timeline(id, 200, 1);
        assert_eq!(page.total_number, total_reposts(id));
        assert!(page.reposts.iter().all(|s| s.id > 0 && s.id < id));
        assert!(page.reposts.windows(2).all(|w| w[0].id > w[1].id));
    }

    #[test]
    fn small_posts_and_far_pages() {
        let page = repost_timeline(100_007, 20, 1);
        assert_eq!(page.total_number, 7);
        assert_eq!(page.reposts.len(), 7);
        assert_eq!(page.next_cursor, 0);
        assert!(repost_timeline(100_000, 20, 1).reposts.is_empty());
        assert!(repost_timeline(TUTORIAL_MID, 200, u64::MAX)
            .reposts
            .is_empty());
        assert!(repost_timeline(TUTORIAL_MID, u64::MAX, 2)
            .reposts
            .is_empty());
    }
}

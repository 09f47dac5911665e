//! The repost experiment, the tutorial's flow: fetch page 1 for
//! `total_number`, compute `pages = min(total_number / count + 1, pages)`,
//! then fetch every page in the chosen mode with at most k requests in
//! flight, the pages taken as the mode's `scheduler::Plan` hands them out.
//! Concurrency is async fetches on the UI thread's event loop, never
//! threads blocked on I/O.

use std::cell::RefCell;

use futures_util::future::join_all;
use web_sys::AbortSignal;

use crate::core::i18n::Lang;
use crate::core::link::config::PageConfig;
use crate::core::pool::clock::now_ms;
use crate::core::pool::modes::{CancelFlag, PoolMode};
use crate::core::pool::scheduler::{default_chunk, Plan};
use crate::core::results::schema::{Check, RunRecord, TaskRecord};
use crate::core::run::event::{RunEvent, RunName};
use crate::core::run::failure::Failure;
use crate::core::weibo::{PageError, RepostPage};
use crate::web::runners::repost_client::{
    fetch_page, prepare_resource_timing, ApiTarget, PageFetch,
};

pub async fn run_reposts(
    config: PageConfig,
    lang: Lang,
    cancel: CancelFlag,
    abort: AbortSignal,
    report: impl Fn(RunEvent),
) {
    let plan = config.planned_runs();
    prepare_resource_timing();
    for (done, &(mode, workers)) in plan.iter().enumerate() {
        if cancel.is_cancelled() {
            break;
        }
        report(RunEvent::Step {
            done,
            total: plan.len(),
            run: RunName::new(mode, None, workers),
        });
        let mut times_ms = Vec::new();
        let mut last = None;
        for repeat in 0..config.repeat.count() {
            let target = ApiTarget::new(
                &config,
                format!("{}-{workers}-{repeat}-{}", mode.name(), now_ms() as u64),
            );
            let run = fetch_all(&config, lang, &target, mode, workers, &abort).await;
            times_ms.push(run.elapsed_ms);
            let no_api = run.no_api;
            last = Some(run);
            if cancel.is_cancelled() || no_api {
                break;
            }
        }
        let Some(last) = last else { break };
        if cancel.is_cancelled() {
            break;
        }
        if last.no_api {
            // Every other run would fail the same way: say why once, and stop.
            report(RunEvent::Error(Failure::NoApi {
                api: config.api.clone(),
            }));
            break;
        }
        for (page, reason) in last.failures.iter().cloned() {
            report(RunEvent::Error(Failure::PageFailed {
                run: RunName::new(mode, None, workers),
                page,
                reason,
            }));
        }
        report(RunEvent::from(RunRecord::new(
            mode, workers, times_ms, last.tasks, last.check,
        )));
    }
    report(RunEvent::Done {
        cancelled: cancel.is_cancelled(),
    });
}

struct RepostRun {
    elapsed_ms: f64,
    tasks: Vec<TaskRecord>,
    check: Check,
    /// Pages whose every attempt failed, with the last reason.
    failures: Vec<(u64, PageError)>,
    /// The probe found no API at the base.
    no_api: bool,
}

/// One run of the tutorial's flow in `mode` on `workers` lanes; the
/// trace's failed requests say why in `lang`.
async fn fetch_all(
    config: &PageConfig,
    lang: Lang,
    target: &ApiTarget,
    mode: PoolMode,
    workers: usize,
    abort: &AbortSignal,
) -> RepostRun {
    let origin = now_ms();
    let tasks = RefCell::new(Vec::new());
    let failures = RefCell::new(Vec::new());
    let no_api = RefCell::new(false);
    let reposts = RefCell::new(0u64);
    let pages_fetched = RefCell::new(0u64);
    // Fetch with retries; every attempt is its own trace entry.
    let fetch = |page: u64, lane: usize| {
        let (tasks, failures, no_api) = (&tasks, &failures, &no_api);
        async move {
            let mut reason = None;
            for attempt in 0..=config.retries {
                let PageFetch {
                    mut record,
                    page: answer,
                    no_api: missing,
                } = fetch_page(target, page, attempt, lane, origin, abort).await;
                record.error = answer.as_ref().err().map(|error| error.text(lang));
                tasks.borrow_mut().push(record);
                match answer {
                    // A 404 that says no API is never a page.
                    Ok(answer) if !missing => return Some(answer),
                    Ok(_) => {}
                    Err(error) => reason = Some(error),
                }
                if missing {
                    *no_api.borrow_mut() = true;
                    break;
                }
                if abort.aborted() {
                    return None;
                }
            }
            if let Some(reason) = reason {
                failures.borrow_mut().push((page, reason));
            }
            None
        }
    };

    // The probe: page 1, for total_number.
    let Some(first) = fetch(1, 0).await else {
        return RepostRun {
            elapsed_ms: now_ms() - origin,
            tasks: tasks.into_inner(),
            check: Check::default(),
            failures: failures.into_inner(),
            no_api: no_api.into_inner(),
        };
    };
    let pages = (first.total_number / config.count + 1).min(config.pages);
    let record_page = |answer: Option<RepostPage>| {
        if let Some(answer) = answer {
            *reposts.borrow_mut() += answer.repost_count;
            *pages_fetched.borrow_mut() += 1;
        }
    };

    // Task i is page i + 1. map queues chunks of pages of Python's default
    // size (`chunk` is the factorial lab's, and a repost link never carries
    // it, as `page_state`'s test shows); the other modes single pages.
    let plan = Plan::new(mode, pages as usize, default_chunk(pages as usize, workers));
    let page_of = |task: usize| task as u64 + 1;
    if !mode.uses_pool() {
        for task in 0..pages as usize {
            record_page(fetch(page_of(task), 0).await);
        }
    } else if plan.waits_per_task() {
        // One request at a time, handed to the pool's workers in turn.
        while let Some(task) = plan.next_chunk() {
            record_page(fetch(page_of(task), Plan::apply_worker(task, workers)).await);
        }
    } else {
        // Every page queued; k lanes take the next chunk as they free up.
        let lanes = (0..workers).map(|lane| {
            let (plan, fetch, record_page) = (&plan, &fetch, &record_page);
            async move {
                while let Some(chunk) = plan.next_chunk() {
                    for task in plan.chunks()[chunk].clone() {
                        record_page(fetch(page_of(task), lane).await);
                    }
                }
            }
        });
        join_all(lanes).await;
    }
    let mut tasks = tasks.into_inner();
    tasks.sort_by(|a, b| a.start_ms.total_cmp(&b.start_ms));
    RepostRun {
        elapsed_ms: now_ms() - origin,
        tasks,
        check: Check {
            reposts: Some(reposts.into_inner()),
            pages: Some(pages_fetched.into_inner()),
            ..Check::default()
        },
        failures: failures.into_inner(),
        // The probe was answered: an API is there, whatever later pages said.
        no_api: false,
    }
}

//! The page's shared state, in one reducer: the link being edited, the pool,
//! the run in progress and the results it has produced so far.

use std::rc::Rc;

use yew::Reducible;

use crate::core::link::{parse_query, ParsedLink};
use crate::core::page_config::ExperimentKind;
use crate::core::pool_modes::CancelFlag;
use crate::core::results::{Environment, ResultsDoc, RunRecord};
use crate::web::factorial_runner::RunEvent;

#[derive(Clone, Debug, PartialEq)]
pub enum PoolStatus {
    Starting,
    Ready,
    Unavailable(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub label: String,
}

#[derive(Clone, PartialEq)]
pub struct AppState {
    pub environment: Environment,
    pub pool: PoolStatus,
    /// Field name -> text as typed.
    pub fields: Vec<(String, String)>,
    /// The fields read by the link codec.
    pub link: ParsedLink,
    /// Some while a run is going.
    pub progress: Option<Progress>,
    pub cancel: Option<Canceller>,
    /// Shared (`Rc`) by the states and the components that show it: only an
    /// action that changes the document copies it (once: the previous state
    /// still holds it); progress steps, edits and renders do not.
    pub results: Option<Rc<ResultsDoc>>,
    /// The results JSON in pieces, as the page publishes it.
    pub published: Option<PublishedResults>,
    /// A run asked for by the link (`run=1`) or the parent page, not started yet.
    pub autorun: bool,
    /// Experiments finished so far (each one is posted to an embedding page).
    pub finished: u32,
    /// Results shared through the link's fragment, to compare with.
    pub shared: Option<Result<Rc<ResultsDoc>, String>>,
    /// Visibility when the current run started (hidden tabs are throttled).
    visibility: Option<crate::web::clock_probe::VisibilityMark>,
}

/// Stops a run: the flag for pool tasks, the abort signal for fetches.
#[derive(Clone)]
pub struct Canceller {
    pub flag: CancelFlag,
    pub abort: web_sys::AbortController,
}

impl Canceller {
    pub fn new() -> Self {
        Canceller { flag: CancelFlag::default(), abort: web_sys::AbortController::new().expect("AbortController") }
    }

    pub fn cancel(&self) {
        self.flag.cancel();
        self.abort.abort();
    }
}

impl Default for Canceller {
    fn default() -> Self {
        Self::new()
    }
}

/// One run at a time, so any two handles compare equal: the state stays `PartialEq`.
impl PartialEq for Canceller {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

pub enum Action {
    /// A whole new link (from the embedding page): fields, errors, and a run
    /// if it is valid.
    LoadQuery(String),
    AutorunStarted,
    /// The link's fragment changed: the shared results it carries, if any.
    LoadShared(String),
    PoolReady,
    PoolFailed(String),
    SetField(String, String),
    /// A run starts with the current (validated) configuration.
    Start(Canceller),
    Step(Progress),
    RunFinished(FinishedRun),
    RunError(String),
    Done,
}

/// The results JSON as `head + runs.join(",") + tail` (see
/// `core::results_text`): each run's JSON is written once, when it arrives.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PublishedResults {
    /// Increases with every new run of experiments (the text starts over).
    pub generation: u32,
    pub head: Rc<str>,
    pub runs: Vec<Rc<str>>,
    pub tail: Rc<str>,
}

/// A measured run with its JSON, which is written once: a trace of
/// 100000 tasks must not be serialised again on every update.
pub struct FinishedRun {
    record: RunRecord,
    json: Rc<str>,
}

impl FinishedRun {
    pub fn from_record(record: RunRecord) -> Self {
        let json = serde_json::to_string(&record).expect("runs serialise").into();
        FinishedRun { record, json }
    }

    /// A run measured and serialised by the engine's driver worker, handed
    /// over in the shared memory: nothing is parsed on the page.
    ///
    /// # Safety
    /// `address` came from `engine::driver::share_run` and is taken once.
    #[cfg(feature = "threads")]
    pub unsafe fn from_shared(address: usize) -> Self {
        let (record, json) = *Box::from_raw(address as *mut (RunRecord, String));
        FinishedRun { record, json: json.into() }
    }
}

impl From<RunEvent> for Action {
    fn from(event: RunEvent) -> Self {
        match event {
            RunEvent::Step { done, total, label } => Action::Step(Progress { done, total, label }),
            RunEvent::Finished(record) => Action::RunFinished(FinishedRun::from_record(record)),
            RunEvent::Error(message) => Action::RunError(message),
            RunEvent::Done { .. } => Action::Done,
        }
    }
}

impl AppState {
    pub fn new(environment: Environment, query: &str, fragment: &str) -> Self {
        let link = parse_query(query, environment.hardware_concurrency as usize);
        let fields = fields_for(&link, query, environment.hardware_concurrency as usize);
        AppState {
            environment,
            pool: PoolStatus::Starting,
            fields,
            autorun: link.config.run,
            link,
            progress: None,
            cancel: None,
            results: None,
            published: None,
            finished: 0,
            shared: decode_shared(fragment),
            visibility: None,
        }
    }

    pub fn field(&self, name: &str) -> &str {
        self.fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
    }

    /// The query string of the fields as typed: the page's address.
    pub fn query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (key, value) in &self.fields {
            if !value.is_empty() {
                query.append_pair(key, value);
            }
        }
        if self.link.config.embed {
            query.append_pair("embed", "1");
        }
        query.finish().replace("%2C", ",")
    }

    /// The run in progress is over (finished, cancelled or stopped).
    fn end_run(&mut self) {
        self.progress = None;
        self.cancel = None;
        self.finished += 1;
    }

    pub fn is_running(&self) -> bool {
        self.progress.is_some()
    }

    /// The run in progress is the one `canceller` was made for (its Start
    /// was taken, not refused).
    pub fn is_run_of(&self, canceller: &Canceller) -> bool {
        self.cancel.as_ref().is_some_and(|c| js_sys::Object::is(&c.abort, &canceller.abort))
    }

    /// Every page can run every experiment: pool runs go to processes where
    /// there are no threads. A factorial run waits only while the threads
    /// engine starts (it also measures serial, off the page's thread).
    pub fn can_run(&self) -> bool {
        let starting = self.pool == PoolStatus::Starting && self.link.config.experiment == ExperimentKind::Factorial;
        !self.is_running() && self.link.errors.is_empty() && !starting
    }

    /// This page has no shared-memory threads (the factorial lab's pools run on processes).
    pub fn threads_unavailable(&self) -> bool {
        matches!(self.pool, PoolStatus::Unavailable(_)) && self.link.config.experiment == ExperimentKind::Factorial
    }
}

/// The fields of the link's experiment: what the link said where it was
/// wrong (so the user sees it beside its message), the canonical value elsewhere.
fn fields_for(link: &ParsedLink, query: &str, hardware_concurrency: usize) -> Vec<(String, String)> {
    let canonical = parse_query_pairs(&parse_query(&link.config.to_query(), hardware_concurrency).config.to_query());
    let raw = parse_query_pairs(query);
    let last_value = |pairs: &[(String, String)], field: &str| {
        pairs.iter().rev().find(|(k, _)| k == field).map(|(_, v)| v.clone())
    };
    crate::core::fields::edited(link.config.experiment)
        .map(|field| {
            let value = match link.error_for(field.name) {
                Some(_) => last_value(&raw, field.name),
                None => last_value(&canonical, field.name),
            };
            (field.name.to_string(), value.unwrap_or_default())
        })
        .collect()
}

fn decode_shared(fragment: &str) -> Option<Result<Rc<ResultsDoc>, String>> {
    crate::core::share::decode_fragment(fragment).map(|shared| shared.map(Rc::new))
}

fn parse_query_pairs(query: &str) -> Vec<(String, String)> {
    let query = query.strip_prefix('?').unwrap_or(query);
    form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut state = (*self).clone();
        let touches_results =
            matches!(action, Action::Start(_) | Action::RunFinished(_) | Action::RunError(_) | Action::Done | Action::PoolFailed(_));
        match action {
            Action::LoadQuery(query) => {
                let hardware_concurrency = state.environment.hardware_concurrency as usize;
                let embed = state.link.config.embed;
                state.link = parse_query(&query, hardware_concurrency);
                state.link.config.embed = embed;
                state.fields = fields_for(&state.link, &query, hardware_concurrency);
                state.autorun = state.link.errors.is_empty() && !state.is_running();
            }
            Action::AutorunStarted => state.autorun = false,
            Action::LoadShared(fragment) => state.shared = decode_shared(&fragment),
            Action::PoolReady => state.pool = PoolStatus::Ready,
            Action::PoolFailed(reason) => {
                // A driver that dies mid-run never sends Done: end the run here.
                if state.is_running() {
                    if let Some(results) = state.results.as_mut().map(Rc::make_mut) {
                        results.complete = false;
                        results.errors.push(format!("the run stopped: {reason}"));
                    }
                    state.end_run();
                }
                state.pool = PoolStatus::Unavailable(reason);
            }
            Action::SetField(name, value) if name == "exp" => {
                // A new experiment starts from its own defaults.
                let query = format!("exp={value}");
                let hardware_concurrency = state.environment.hardware_concurrency as usize;
                let embed = state.link.config.embed;
                state.link = parse_query(&query, hardware_concurrency);
                // An embed stays compact whatever the reader switches to.
                state.link.config.embed = embed;
                state.fields = fields_for(&state.link, &query, hardware_concurrency);
            }
            Action::SetField(name, value) => {
                if let Some(slot) = state.fields.iter_mut().find(|(k, _)| *k == name) {
                    slot.1 = value;
                }
                let run_embed = (state.link.config.run, state.link.config.embed);
                state.link = parse_query(&state.query(), state.environment.hardware_concurrency as usize);
                (state.link.config.run, state.link.config.embed) = run_embed;
            }
            Action::Start(cancel) => {
                // The reducer is the guard: it sees every Start in order, where a
                // handler may act on a state from before the last dispatch.
                if !state.can_run() {
                    return self;
                }
                state.cancel = Some(cancel);
                state.progress = Some(Progress { done: 0, total: 0, label: "starting".into() });
                state.results = Some(Rc::new(ResultsDoc::start(&state.link.config, state.environment.clone())));
                let generation = state.published.as_ref().map_or(0, |p| p.generation + 1);
                state.published = Some(PublishedResults { generation, ..PublishedResults::default() });
            }
            Action::Step(progress) => {
                state.progress = Some(progress);
                // Each run starts with a Step.
                state.visibility = Some(crate::web::clock_probe::visibility_mark());
            }
            Action::RunFinished(FinishedRun { record, json }) => {
                if let Some(results) = state.results.as_mut().map(Rc::make_mut) {
                    // The new run's speed-up, clock limit and hidden flag are
                    // written into its JSON without serialising its trace again.
                    // (Earlier runs change only if serial came last, which
                    // `planned_runs` never does; the publisher shows only new runs.)
                    let hidden = state.visibility.is_some_and(crate::web::clock_probe::hidden_since);
                    let changed = results.add_run(record, hidden);
                    if let Some(published) = state.published.as_mut() {
                        published.runs.push(json);
                        for i in changed {
                            if let Some(text) = crate::core::results::patch_run_json(&published.runs[i], &results.runs[i]) {
                                published.runs[i] = text.into();
                            }
                        }
                    }
                }
            }
            Action::RunError(message) => {
                if let Some(results) = state.results.as_mut().map(Rc::make_mut) {
                    results.errors.push(message);
                }
            }
            Action::Done => {
                let cancelled = state.cancel.as_ref().is_some_and(|c| c.flag.is_cancelled());
                let expected = state.progress.as_ref().map(|p| p.total).unwrap_or(0);
                if let Some(results) = state.results.as_mut().map(Rc::make_mut) {
                    results.finish(cancelled, expected);
                }
                state.end_run();
            }
        }
        if let (true, Some(results), Some(published)) = (touches_results, &state.results, state.published.as_mut()) {
            let (head, tail) = crate::core::results_text::json_frame(results);
            (published.head, published.tail) = (head.into(), tail.into());
        }
        Rc::new(state)
    }
}

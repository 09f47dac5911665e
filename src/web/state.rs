//! The page's shared state, in one reducer: the link being edited, the pool,
//! the run in progress and the results it has produced so far.

use std::rc::Rc;

use yew::Reducible;

use crate::core::link::{parse_query, ParsedLink};
use crate::core::pool_modes::CancelFlag;
use crate::core::results::{Environment, ResultsDoc, RunRecord, SCHEMA_VERSION};

/// The fields a user edits, as typed (so bad input stays visible with its message).
pub const FIELDS: [&str; 6] = ["exp", "n", "modes", "workers", "repeat", "chunk"];

#[derive(Clone, Debug, PartialEq)]
pub enum PoolStatus {
    Starting,
    Ready { threads: usize },
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
    pub cancel: Option<CancelFlagHandle>,
    pub results: Option<ResultsDoc>,
}

/// `CancelFlag` compared by identity, so the state stays `PartialEq`.
#[derive(Clone)]
pub struct CancelFlagHandle(pub CancelFlag);

impl PartialEq for CancelFlagHandle {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

pub enum Action {
    PoolReady(usize),
    PoolFailed(String),
    SetField(String, String),
    /// A run starts with this (validated) configuration.
    Start(CancelFlag),
    Step(Progress),
    RunFinished(RunRecord),
    RunError(String),
    Done,
}

impl AppState {
    pub fn new(environment: Environment, query: &str) -> Self {
        let hardware_concurrency = environment.hardware_concurrency as usize;
        let link = parse_query(query, hardware_concurrency);
        let canonical = parse_query(&link.config.to_query(), hardware_concurrency);
        let raw = parse_query_pairs(query);
        // Show what the link said where it was wrong, the canonical value elsewhere.
        let fields = FIELDS
            .iter()
            .map(|&field| {
                let canonical_value = canonical_field(&canonical, field);
                let value = match link.error_for(field) {
                    Some(_) => raw.iter().rev().find(|(k, _)| k == field).map(|(_, v)| v.clone()),
                    None => None,
                };
                (field.to_string(), value.unwrap_or(canonical_value))
            })
            .collect();
        AppState {
            environment,
            pool: PoolStatus::Starting,
            fields,
            link,
            progress: None,
            cancel: None,
            results: None,
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
        query.finish().replace("%2C", ",")
    }

    pub fn is_running(&self) -> bool {
        self.progress.is_some()
    }

    pub fn can_run(&self) -> bool {
        !self.is_running() && self.link.errors.is_empty() && matches!(self.pool, PoolStatus::Ready { .. })
    }
}

fn canonical_field(canonical: &ParsedLink, field: &str) -> String {
    let query = canonical.config.to_query();
    parse_query_pairs(&query)
        .into_iter()
        .find(|(k, _)| k == field)
        .map(|(_, v)| v)
        .unwrap_or_default()
}

fn parse_query_pairs(query: &str) -> Vec<(String, String)> {
    let query = query.strip_prefix('?').unwrap_or(query);
    form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut state = (*self).clone();
        match action {
            Action::PoolReady(threads) => state.pool = PoolStatus::Ready { threads },
            Action::PoolFailed(reason) => state.pool = PoolStatus::Unavailable(reason),
            Action::SetField(name, value) => {
                if let Some(slot) = state.fields.iter_mut().find(|(k, _)| *k == name) {
                    slot.1 = value;
                }
                let run_embed = (state.link.config.run, state.link.config.embed);
                state.link = parse_query(&state.query(), state.environment.hardware_concurrency as usize);
                (state.link.config.run, state.link.config.embed) = run_embed;
            }
            Action::Start(cancel) => {
                state.cancel = Some(CancelFlagHandle(cancel));
                state.progress = Some(Progress { done: 0, total: 0, label: "starting".into() });
                state.results = Some(ResultsDoc {
                    schema: SCHEMA_VERSION,
                    experiment: state.link.config.experiment.name().to_string(),
                    complete: false,
                    config: state.link.config.to_json(),
                    environment: state.environment.clone(),
                    runs: Vec::new(),
                    errors: Vec::new(),
                });
            }
            Action::Step(progress) => state.progress = Some(progress),
            Action::RunFinished(record) => {
                if let Some(results) = state.results.as_mut() {
                    if let Some(first) = results.runs.first() {
                        if first.check != record.check {
                            results.errors.push(format!(
                                "check mismatch: {} on {} workers computed {:?}, but {} computed {:?}",
                                record.mode.name(), record.workers, record.check, first.mode.name(), first.check
                            ));
                        }
                    }
                    results.runs.push(record);
                }
            }
            Action::RunError(message) => {
                if let Some(results) = state.results.as_mut() {
                    results.errors.push(message);
                }
            }
            Action::Done => {
                let cancelled = state.cancel.as_ref().is_some_and(|c| c.0.is_cancelled());
                let expected = state.progress.as_ref().map(|p| p.total).unwrap_or(0);
                if let Some(results) = state.results.as_mut() {
                    results.complete = !cancelled && results.runs.len() == expected;
                    if cancelled {
                        results.errors.push("cancelled: the runs above finished before Cancel".into());
                    }
                }
                state.progress = None;
                state.cancel = None;
            }
        }
        Rc::new(state)
    }
}

//! The page's state and its one reducer, in plain Rust (tested natively):
//! the link being edited, the pool, the run in progress and its results.
//! The web side wraps it in yew's `Reducible` (`web::state`).

use std::rc::Rc;

use crate::core::i18n::Lang;
use crate::core::link::codec::{parse_query_in, ParsedLink};
use crate::core::link::config::{ExperimentKind, Theme};
use crate::core::link::fields::FieldId;
use crate::core::link::share::SharedError;
use crate::core::results::schema::{Environment, ResultsDoc};
use crate::core::run::event::{FinishedRun, RunEvent, RunName};
pub use crate::core::run::pool_status::PoolStatus;

#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    /// The run being measured; `None` while the first one starts.
    pub run: Option<RunName>,
}

/// The link's fields as typed: the state of the form. The parsed link is
/// derived from the text (kept beside it only so it is not re-parsed on
/// every read; only `Form`'s constructors write it).
#[derive(Clone, Debug, PartialEq)]
pub struct Form {
    /// Field -> text as typed, for the experiment's edited fields.
    fields: Vec<(FieldId, String)>,
    /// The compact view for iframes: how the page was opened, not a field.
    embed: bool,
    /// The reader's language when the link names none.
    browser_lang: Lang,
    hardware_concurrency: usize,
    link: ParsedLink,
}

impl Form {
    /// The form a link opens: what it said where it was wrong (so the
    /// reader sees it beside its message), the canonical value elsewhere;
    /// the link's notices (unknown keys) stay until the first edit.
    pub fn from_query(query: &str, hardware_concurrency: usize, browser_lang: Lang) -> Form {
        Form::opened(query, hardware_concurrency, browser_lang).0
    }

    /// `from_query`, and whether the link asks to run at once (`run=1`, a
    /// request to the page, not part of the form).
    fn opened(query: &str, hardware_concurrency: usize, browser_lang: Lang) -> (Form, bool) {
        let link = parse_query_in(query, hardware_concurrency, browser_lang);
        let canonical = query_pairs(&link.config.to_query());
        let typed = query_pairs(query);
        let last_value = |pairs: &[(String, String)], name: &str| {
            pairs
                .iter()
                .rev()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        let fields = crate::core::link::fields::edited(link.config.experiment)
            .map(|field| {
                // A language the page does not speak stays as typed too,
                // beside its notice.
                let as_typed = link.error_for(field.name()).is_some() || field.id == FieldId::Lang;
                let value = last_value(if as_typed { &typed } else { &canonical }, field.name());
                (field.id, value.unwrap_or_default())
            })
            .collect();
        let mut form = Form::derived(
            fields,
            link.config.embed,
            browser_lang,
            hardware_concurrency,
        );
        form.link.notices = link.notices;
        (form, link.config.run)
    }

    /// The form with `fields` as typed, its link parsed from them.
    fn derived(
        fields: Vec<(FieldId, String)>,
        embed: bool,
        browser_lang: Lang,
        hardware_concurrency: usize,
    ) -> Form {
        let link = parse_query_in(
            &write_query(&fields, embed),
            hardware_concurrency,
            browser_lang,
        );
        Form {
            fields,
            embed,
            browser_lang,
            hardware_concurrency,
            link,
        }
    }

    /// One field typed anew: the fields the reader types as text (the
    /// experiment, language and colours have their own `with_*`).
    pub fn with_field(&self, id: FieldId, value: &str) -> Form {
        let mut fields = self.fields.clone();
        match fields.iter_mut().find(|(k, _)| *k == id) {
            Some(slot) => slot.1 = value.to_string(),
            None => fields.push((id, value.to_string())),
        }
        Form::derived(
            fields,
            self.embed,
            self.browser_lang,
            self.hardware_concurrency,
        )
    }

    /// Another experiment, from this version's defaults; how the page
    /// speaks and looks stays (in the same language, and an embed stays
    /// compact).
    pub fn with_experiment(&self, experiment: ExperimentKind) -> Form {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("v", &crate::core::link::config::LINK_VERSION.to_string());
        query.append_pair(FieldId::Exp.name(), experiment.name());
        for (id, value) in self
            .fields
            .iter()
            .filter(|(id, v)| id.is_look() && !v.is_empty())
        {
            query.append_pair(id.name(), value);
        }
        if self.embed {
            query.append_pair("embed", "1");
        }
        Form::from_query(
            &query.finish(),
            self.hardware_concurrency,
            self.browser_lang,
        )
    }

    /// The page in `lang` (the language switch).
    pub fn with_lang(&self, lang: Lang) -> Form {
        self.with_field(FieldId::Lang, lang.code())
    }

    /// The page's colours (from the embedding page); `None` follows the
    /// system's. They change nothing the notices are about (and the
    /// embedding page, not the reader, sends them), so the notices stay.
    pub fn with_theme(&self, theme: Option<Theme>) -> Form {
        let mut form = self.with_field(FieldId::Theme, theme.map_or("", Theme::name));
        form.link.notices = self.link.notices.clone();
        form
    }

    /// A whole new link (from the embedding page), in the same view.
    /// How the page speaks and looks (`lang`, `theme`, `view`) stays where
    /// the new link does not say.
    pub fn with_query(&self, query: &str) -> Form {
        let named: Vec<String> = query_pairs(query).into_iter().map(|(k, _)| k).collect();
        let mut query = form_urlencoded::Serializer::new(query.to_string());
        for (id, value) in self.fields.iter().filter(|(id, v)| {
            id.is_look() && !v.is_empty() && !named.iter().any(|k| k == id.name())
        }) {
            query.append_pair(id.name(), value);
        }
        let query = query.finish();
        let mut form = Form::from_query(&query, self.hardware_concurrency, self.browser_lang);
        if form.embed != self.embed {
            form = Form::derived(
                form.fields,
                self.embed,
                self.browser_lang,
                self.hardware_concurrency,
            );
        }
        form
    }

    /// The text of field `id` as typed.
    pub fn field(&self, id: FieldId) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| *k == id)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// The page's address: the fields as typed. The one writer of the link.
    pub fn query(&self) -> String {
        write_query(&self.fields, self.embed)
    }

    /// The link to this experiment on the full page (from an embed): in the
    /// same language, without the embed's view and colours.
    pub fn full_page_query(&self) -> String {
        let fields: Vec<(FieldId, String)> = self
            .fields
            .iter()
            .filter(|(id, _)| !matches!(id, FieldId::View | FieldId::Theme))
            .cloned()
            .collect();
        write_query(&fields, false)
    }

    pub fn link(&self) -> &ParsedLink {
        &self.link
    }

    pub fn embed(&self) -> bool {
        self.embed
    }

    /// The page's language: the link's, else the browser's.
    pub fn lang(&self) -> Lang {
        self.link.lang
    }
}

/// Whether the page was hidden, read when a run starts and ends (browsers
/// throttle hidden tabs): how many times it became hidden, and if it is now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Visibility {
    pub times_hidden: u64,
    pub hidden_now: bool,
}

/// The results JSON as `head + runs.join(",") + tail` (see
/// `core::results::text`): each run's JSON is written once, when it arrives.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PublishedResults {
    /// Increases with every new run of experiments (the text starts over).
    pub generation: u32,
    pub head: Rc<str>,
    pub runs: Vec<Rc<str>>,
    pub tail: Rc<str>,
}

/// A run of experiments, named when it starts: events of another run are not its own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RunId(pub u64);

impl RunId {
    /// The name of the run after this one.
    pub fn next(self) -> RunId {
        RunId(self.0 + 1)
    }
}

#[derive(Clone, PartialEq)]
pub struct PageState {
    pub environment: Environment,
    pub pool: PoolStatus,
    pub form: Form,
    /// Some while a run is going.
    pub progress: Option<Progress>,
    /// The run in progress.
    run: Option<RunId>,
    /// Shared (`Rc`) by the states and the components that show it: only an
    /// action that changes the document copies it (once: the previous state
    /// still holds it); progress steps, edits and renders do not.
    pub results: Option<Rc<ResultsDoc>>,
    /// The results JSON in pieces, as the page publishes it.
    pub published: Option<PublishedResults>,
    /// A run asked for by the link (`run=1`) or the parent page, not started yet.
    pub autorun: bool,
    /// Runs of experiments finished so far (each is posted to an embedding page).
    pub finished: u32,
    /// Results shared through the link's fragment, to compare with.
    pub shared: Option<Result<Rc<ResultsDoc>, SharedError>>,
    /// Times the page had been hidden when the current measurement started.
    hidden_mark: u64,
}

pub enum Action {
    /// A whole new link (from the embedding page): fields, errors, and a run
    /// if it is valid.
    LoadQuery(String),
    AutorunStarted,
    /// The link's fragment changed: the shared results it carries, if any.
    LoadShared(String),
    PoolReady,
    NoSharedMemory,
    PoolFailed(String),
    /// Another experiment (its tab), from its defaults.
    SetExperiment(ExperimentKind),
    /// The language switch.
    SetLang(Lang),
    /// The embedding page's colours; `None` follows the system's.
    SetTheme(Option<Theme>),
    /// A field the reader types as text, as typed.
    SetField(FieldId, String),
    /// A run starts with the current (validated) configuration; refused
    /// while another is going.
    Start(RunId),
    /// What run `RunId` reports, with the page's visibility then: taken
    /// only while that run is the one in progress.
    Run(RunId, RunEvent, Visibility),
}

impl PageState {
    pub fn new(environment: Environment, query: &str, fragment: &str, browser_lang: Lang) -> Self {
        let hardware_concurrency = environment.hardware_concurrency as usize;
        let (form, autorun) = Form::opened(query, hardware_concurrency, browser_lang);
        PageState {
            environment,
            pool: PoolStatus::Starting,
            form,
            progress: None,
            run: None,
            results: None,
            published: None,
            autorun,
            finished: 0,
            shared: decode_shared(fragment),
            hidden_mark: 0,
        }
    }

    pub fn link(&self) -> &ParsedLink {
        self.form.link()
    }

    pub fn lang(&self) -> Lang {
        self.form.lang()
    }

    pub fn is_running(&self) -> bool {
        self.run.is_some()
    }

    /// The run in progress is `run` (its Start was taken, not refused).
    pub fn is_run_of(&self, run: RunId) -> bool {
        self.run == Some(run)
    }

    /// Every page can run every experiment: pool runs go to processes where
    /// there are no threads. A factorial run waits only while the threads
    /// engine starts (it also measures serial, off the page's thread).
    pub fn can_run(&self) -> bool {
        let link = self.link();
        let starting = self.pool == PoolStatus::Starting
            && link.config.experiment == ExperimentKind::Factorial;
        !self.is_running() && link.errors.is_empty() && !starting
    }

    /// The run in progress is over (finished, cancelled or stopped).
    fn end_run(&mut self) {
        self.progress = None;
        self.run = None;
        self.finished += 1;
    }

    /// Applies `action`; false if it changed nothing (a refused Start, an
    /// event of a run that is over).
    pub fn apply(&mut self, action: Action) -> bool {
        let touches_results = match &action {
            Action::Start(_) | Action::PoolFailed(_) => true,
            Action::Run(_, event, _) => !matches!(event, RunEvent::Step { .. }),
            _ => false,
        };
        match action {
            Action::LoadQuery(query) => {
                self.form = self.form.with_query(&query);
                // Asked during a run, it starts when that run ends.
                self.autorun = self.link().errors.is_empty();
            }
            Action::AutorunStarted => self.autorun = false,
            Action::LoadShared(fragment) => self.shared = decode_shared(&fragment),
            Action::PoolReady => self.pool = PoolStatus::Ready,
            Action::NoSharedMemory => self.pool = PoolStatus::NoSharedMemory,
            Action::PoolFailed(reason) => {
                // A driver that dies mid-run never sends Done: end the run here.
                if self.is_running() {
                    if let Some(results) = self.results.as_mut().map(Rc::make_mut) {
                        results.complete = false;
                        results
                            .errors
                            .push((self.form.lang().text().runs.run_stopped)(&reason));
                    }
                    self.end_run();
                }
                self.pool = PoolStatus::Unavailable(reason);
            }
            Action::SetExperiment(experiment) => self.form = self.form.with_experiment(experiment),
            Action::SetLang(lang) => self.form = self.form.with_lang(lang),
            Action::SetTheme(theme) => self.form = self.form.with_theme(theme),
            Action::SetField(id, value) => self.form = self.form.with_field(id, &value),
            Action::Start(run) => {
                // The reducer is the guard: it sees every Start in order, where a
                // handler may act on a state from before the last dispatch.
                if !self.can_run() {
                    return false;
                }
                self.run = Some(run);
                self.progress = Some(Progress {
                    done: 0,
                    total: 0,
                    run: None,
                });
                self.results = Some(Rc::new(ResultsDoc::start(
                    &self.link().config,
                    self.environment.clone(),
                )));
                let generation = self.published.as_ref().map_or(0, |p| p.generation + 1);
                self.published = Some(PublishedResults {
                    generation,
                    ..PublishedResults::default()
                });
            }
            Action::Run(run, _, _) if !self.is_run_of(run) => return false,
            Action::Run(_, RunEvent::Step { done, total, run }, visibility) => {
                self.progress = Some(Progress {
                    done,
                    total,
                    run: Some(run),
                });
                // Each measurement starts with a Step.
                self.hidden_mark = visibility.times_hidden;
            }
            Action::Run(_, RunEvent::Finished(finished), visibility) => {
                let FinishedRun { record, json } = *finished;
                let hidden = visibility.hidden_now || visibility.times_hidden != self.hidden_mark;
                if let Some(results) = self.results.as_mut().map(Rc::make_mut) {
                    // The new run's speed-up, clock limit and hidden flag are
                    // written into its JSON without serialising its trace again.
                    let changed = results.add_run(record, hidden, self.form.lang());
                    if let Some(published) = self.published.as_mut() {
                        published.runs.push(json);
                        for i in changed {
                            if let Some(text) = crate::core::results::schema::patch_run_json(
                                &published.runs[i],
                                &results.runs[i],
                            ) {
                                published.runs[i] = text.into();
                            }
                        }
                    }
                }
            }
            Action::Run(_, RunEvent::Done { cancelled }, _) => {
                let expected = self.progress.as_ref().map(|p| p.total).unwrap_or(0);
                if let Some(results) = self.results.as_mut().map(Rc::make_mut) {
                    results.finish(cancelled, expected, self.form.lang());
                }
                self.end_run();
            }
            Action::Run(_, failure, _) => {
                let message = failure.failure_text(self.lang());
                if let (Some(message), Some(results)) =
                    (message, self.results.as_mut().map(Rc::make_mut))
                {
                    results.errors.push(message);
                }
            }
        }
        if let (true, Some(results), Some(published)) =
            (touches_results, &self.results, self.published.as_mut())
        {
            let (head, tail) = crate::core::results::text::json_frame(results);
            (published.head, published.tail) = (head.into(), tail.into());
        }
        true
    }
}

/// The fields as typed (empty ones left out), then `embed=1` if so.
fn write_query(fields: &[(FieldId, String)], embed: bool) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    // Every link the page writes says which defaults it was written with.
    query.append_pair("v", &crate::core::link::config::LINK_VERSION.to_string());
    for (id, value) in fields {
        if !value.is_empty() {
            query.append_pair(id.name(), value);
        }
    }
    if embed {
        query.append_pair("embed", "1");
    }
    // Commas read better than %2C and are safe in a query.
    query.finish().replace("%2C", ",")
}

fn decode_shared(fragment: &str) -> Option<Result<Rc<ResultsDoc>, SharedError>> {
    crate::core::link::share::decode_fragment(fragment).map(|shared| shared.map(Rc::new))
}

fn query_pairs(query: &str) -> Vec<(String, String)> {
    let query = query.strip_prefix('?').unwrap_or(query);
    form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::pool::modes::{Backend, PoolMode};
    use crate::core::results::schema::RunRecord;
    use crate::core::run::failure::Failure;

    fn page(query: &str) -> PageState {
        let environment = Environment {
            hardware_concurrency: 2,
            cross_origin_isolated: true,
            user_agent: "test".into(),
            timer_resolution_ms: None,
        };
        let mut state = PageState::new(environment, query, "", Lang::En);
        state.apply(Action::PoolReady);
        state
    }

    /// The page of `query` with its first run started.
    fn started(query: &str) -> PageState {
        let mut state = page(query);
        state.apply(Action::Start(RunId(1)));
        state
    }

    fn map_on_2(backend: Backend) -> RunName {
        RunName::new(PoolMode::Map, Some(backend), 2)
    }

    fn event(state: &mut PageState, event: RunEvent) -> bool {
        // As the runner reports it: tagged with the run it belongs to.
        let run = state.run.unwrap_or_default();
        state.apply(Action::Run(run, event, Visibility::default()))
    }

    fn serial_run() -> RunEvent {
        RunEvent::from(RunRecord::new(
            PoolMode::Serial,
            1,
            vec![1.0, 1.0],
            Vec::new(),
            Default::default(),
        ))
    }

    /// Two Run clicks before the next render both dispatch Start: the
    /// second must not start a second runner on the same results.
    #[test]
    fn start_is_refused_while_a_run_is_going() {
        let mut state = page("n=5&modes=serial");
        assert!(state.apply(Action::Start(RunId(1))));
        assert!(
            !state.apply(Action::Start(RunId(2))),
            "a second Start during a run was taken"
        );
        assert!(state.is_run_of(RunId(1)) && !state.is_run_of(RunId(2)));
        event(&mut state, RunEvent::Done { cancelled: false });
        assert!(
            state.apply(Action::Start(RunId(3))),
            "a Start after the run ended was refused"
        );
    }

    /// A runner that outlives its run (its driver failed, a new run began)
    /// must not write into the next run's results.
    #[test]
    fn events_of_another_run_change_nothing() {
        let mut state = started("n=5&modes=serial");
        state.apply(Action::PoolFailed("gone".into()));
        assert!(state.apply(Action::Start(RunId(2))));
        let late = Action::Run(
            RunId(1),
            RunEvent::Done { cancelled: false },
            Visibility::default(),
        );
        assert!(!state.apply(late));
        assert!(state.is_run_of(RunId(2)));
    }

    #[test]
    fn a_bad_field_stops_start() {
        let mut state = page("n=0");
        assert!(!state.can_run());
        assert!(!state.apply(Action::Start(RunId(1))));
    }

    #[test]
    fn events_after_the_run_ended_change_nothing() {
        let mut state = started("n=5&modes=serial");
        event(
            &mut state,
            RunEvent::Step {
                done: 0,
                total: 1,
                run: RunName::new(PoolMode::Serial, None, 1),
            },
        );
        event(&mut state, serial_run());
        event(&mut state, RunEvent::Done { cancelled: false });
        let results = state.results.clone().expect("results");
        assert!(results.complete, "{:?}", results.errors);
        assert!(!event(&mut state, serial_run()));
        assert!(!event(&mut state, RunEvent::Error(Failure::RunInProgress)));
        assert_eq!(state.results.as_ref().unwrap().runs.len(), 1);
        assert_eq!(state.published.as_ref().unwrap().runs.len(), 1);
    }

    #[test]
    fn a_failed_run_is_named_in_the_pages_language() {
        let mut state = started("n=5&modes=map&workers=2&lang=zh-CN");
        let run = map_on_2(Backend::Processes);
        event(
            &mut state,
            RunEvent::RunFailed {
                run,
                reason: Failure::ProcessFailed {
                    worker: 1,
                    reason: "worker crashed".into(),
                },
            },
        );
        assert_eq!(
            state.results.as_ref().unwrap().errors,
            vec!["map（2 个进程）：进程 1 停止了：worker crashed".to_string()]
        );
    }

    #[test]
    fn a_lost_worker_is_named_in_the_pages_language_and_the_run_still_ends() {
        for (lang, expected) in [
            ("zh-CN", "map（2 个进程）：进程 1 在持有任务时 6 秒没有应答"),
            ("en", "map on 2 processes: process 1 stopped answering (6 s"),
        ] {
            let mut state = started(&format!(
                "n=5&modes=map&workers=2&backend=processes&lang={lang}"
            ));
            let run = map_on_2(Backend::Processes);
            event(
                &mut state,
                RunEvent::WorkerLost {
                    run,
                    worker: 1,
                    silent_ms: 6200.0,
                },
            );
            let errors = &state.results.as_ref().unwrap().errors;
            assert!(errors[0].starts_with(expected), "{lang}: {errors:?}");
            event(&mut state, RunEvent::Done { cancelled: false });
            assert!(state.progress.is_none(), "Run is offered again");
        }
        for (lang, expected) in [
            ("zh-CN", "串行：串行工作线程在 12 秒内没有应答"),
            ("en", "serial: the serial worker gave no answer within 12 s"),
        ] {
            let mut state = started(&format!("n=5&modes=serial&lang={lang}"));
            event(
                &mut state,
                RunEvent::SerialWorkerLost {
                    waited_ms: 12_000.0,
                },
            );
            let errors = &state.results.as_ref().unwrap().errors;
            assert!(errors[0].starts_with(expected), "{lang}: {errors:?}");
        }
        let mut state = started("n=5&modes=map&workers=2&backend=threads&lang=en");
        let run = map_on_2(Backend::Threads);
        event(
            &mut state,
            RunEvent::PoolWorkerLost {
                run: Some(run),
                worker: 1,
            },
        );
        let errors = &state.results.as_ref().unwrap().errors;
        assert!(
            errors[0].starts_with("map on 2 workers: pool worker 1 stopped mid-task"),
            "{errors:?}"
        );
        // The driver's loss names the run and, for a crash, the browser's reason.
        event(
            &mut state,
            RunEvent::DriverLost {
                run: Some(run),
                reason: Some("out of memory".into()),
            },
        );
        let errors = &state.results.as_ref().unwrap().errors;
        assert!(
            errors[1].starts_with(
                "map on 2 workers: the experiment driver stopped mid-run (out of memory)"
            ) && errors[1].ends_with("press Run to start a fresh engine"),
            "{errors:?}"
        );
    }

    #[test]
    fn threads_not_run_is_said_in_the_pages_language() {
        use crate::core::run::factorial_plan::ThreadsNotRun;
        let not_run = ThreadsNotRun {
            runs: 2,
            why: "no shared memory".into(),
            on_processes: false,
        };
        for (lang, expected) in [
            (
                "en",
                "threads: 2 pool runs not run: no shared memory; add backend=processes",
            ),
            (
                "zh-CN",
                "线程：2 个线程池运行没有运行：no shared memory；加上 backend=processes",
            ),
        ] {
            let mut state = started(&format!("n=5&modes=serial&lang={lang}"));
            event(&mut state, RunEvent::ThreadsNotRun(not_run.clone()));
            let errors = &state.results.as_ref().unwrap().errors;
            assert!(errors[0].starts_with(expected), "{errors:?}");
        }
    }

    /// Every failure the engine can report: a new kind must be added here
    /// (the match below does not compile without it).
    fn every_failure() -> Vec<Failure> {
        use crate::core::results::schema::Check;
        use crate::core::weibo::PageError;
        let bits = |bits| {
            Box::new(Check {
                bits: Some(bits),
                digest: Some("00ff00ff00ff00ff".into()),
                ..Check::default()
            })
        };
        let lanes = RunName::new(PoolMode::ApplyAsync, None, 4);
        let page_failed = |reason| Failure::PageFailed {
            run: lanes,
            page: 3,
            reason,
        };
        // The browser's own words are quoted as they come: here one word,
        // or none (then the page says the browser gave none).
        let failures = vec![
            Failure::RepeatMismatch {
                mode: PoolMode::Map,
                workers: 2,
                got: bits(8),
                expected: bits(7),
            },
            Failure::CheckMismatch {
                mode: PoolMode::Map,
                workers: 2,
                got: bits(8),
                first: PoolMode::Serial,
                expected: bits(7),
            },
            Failure::ProcessesNotStarted {
                wanted: 4,
                reason: String::new(),
            },
            Failure::PoolWorkersNotStarted {
                started: 1,
                missing: 3,
                pool: 4,
                reason: "SecurityError".into(),
            },
            Failure::WorkersUnanswered,
            Failure::PoolNotBuilt {
                workers: 4,
                reason: String::new(),
            },
            Failure::AnswerLost,
            Failure::AnswerMisfit { worker: 1 },
            Failure::ProcessFailed {
                worker: 1,
                reason: String::new(),
            },
            Failure::SerialFailed {
                reason: "RangeError".into(),
            },
            Failure::Garbled {
                reason: "EOF".into(),
            },
            Failure::RunInProgress,
            Failure::NoApi { api: None },
            Failure::NoApi {
                api: Some("https://example.org/weibo".into()),
            },
            page_failed(PageError::Api {
                code: 10023,
                status: 429,
                message: "RateLimited".into(),
            }),
            page_failed(PageError::Http { status: 500 }),
            page_failed(PageError::BadJson {
                detail: "expected value at line 1 column 1".into(),
            }),
            page_failed(PageError::TimedOut { secs: 10.5 }),
            page_failed(PageError::Network {
                detail: "TypeError".into(),
            }),
            page_failed(PageError::Unreadable {
                detail: "AbortError".into(),
            }),
            page_failed(PageError::Cancelled),
            Failure::DriverNotStarted {
                reason: String::new(),
            },
            Failure::DriverStopped { reason: None },
        ];
        for failure in &failures {
            match failure {
                Failure::RepeatMismatch { .. }
                | Failure::CheckMismatch { .. }
                | Failure::ProcessesNotStarted { .. }
                | Failure::PoolWorkersNotStarted { .. }
                | Failure::WorkersUnanswered
                | Failure::PoolNotBuilt { .. }
                | Failure::AnswerLost
                | Failure::AnswerMisfit { .. }
                | Failure::ProcessFailed { .. }
                | Failure::SerialFailed { .. }
                | Failure::Garbled { .. }
                | Failure::RunInProgress
                | Failure::NoApi { .. }
                | Failure::PageFailed { .. }
                | Failure::DriverNotStarted { .. }
                | Failure::DriverStopped { .. } => {}
            }
        }
        failures
    }

    /// Runs of three or more English words in `text`: words of ASCII
    /// letters in a stretch of ASCII, separated by spaces only (a path, a
    /// `key=value`, `apply_async` or a number is not a word).
    fn english_runs(text: &str) -> Vec<String> {
        let mut runs = Vec::new();
        for stretch in text.split(|c: char| !c.is_ascii()) {
            let mut words: Vec<&str> = Vec::new();
            for token in stretch.split_ascii_whitespace().chain([""]) {
                let word = token.trim_end_matches([',', '.', ';', ':', '!', '?']);
                let word = word.trim_start_matches('(').trim_end_matches(')');
                if !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic()) {
                    words.push(word);
                    continue;
                }
                if words.len() >= 3 {
                    runs.push(words.join(" "));
                }
                words.clear();
            }
        }
        runs
    }

    #[test]
    fn english_runs_are_found() {
        assert_eq!(
            english_runs("进程 1 stopped answering now：好"),
            ["stopped answering now"]
        );
        assert!(
            english_runs("map_async（池大小 2）：加上 backend=processes；Web Worker").is_empty()
        );
    }

    /// A Chinese page whose run fails every way the engine can report shows
    /// no English sentence: every failure is said in Chinese.
    #[test]
    fn a_failing_run_in_chinese_has_no_english_sentence() {
        let mut state =
            started("n=5&modes=serial,map&workers=2&backend=threads,processes&lang=zh-CN");
        let threads = map_on_2(Backend::Threads);
        let processes = map_on_2(Backend::Processes);
        let finished = |mode, bits| {
            RunEvent::from(RunRecord::new(
                mode,
                2,
                vec![1.0],
                Vec::new(),
                crate::core::results::schema::Check {
                    bits: Some(bits),
                    ..Default::default()
                },
            ))
        };
        let mut events = vec![
            // Two runs of one n that disagree: the check mismatch.
            finished(PoolMode::Serial, 7),
            finished(PoolMode::Map, 8),
            RunEvent::ThreadsNotRun(crate::core::run::factorial_plan::ThreadsNotRun {
                runs: 2,
                why: PoolStatus::NoSharedMemory.reason(Lang::ZhCn).unwrap(),
                on_processes: true,
            }),
            RunEvent::ThreadsNotRun(crate::core::run::factorial_plan::ThreadsNotRun {
                runs: 2,
                why: Lang::ZhCn.text().failures.threads_still_starting.into(),
                on_processes: false,
            }),
            RunEvent::WorkerLost {
                run: processes,
                worker: 1,
                silent_ms: 6200.0,
            },
            RunEvent::SerialWorkerLost {
                waited_ms: 12_000.0,
            },
            RunEvent::PoolWorkerLost {
                run: Some(threads),
                worker: 1,
            },
            RunEvent::PoolWorkerLost {
                run: None,
                worker: 1,
            },
            RunEvent::DriverLost {
                run: Some(threads),
                reason: None,
            },
        ];
        for failure in every_failure() {
            events.push(RunEvent::Error(failure.clone()));
            events.push(RunEvent::RunFailed {
                run: processes,
                reason: failure,
            });
        }
        let count = events.len();
        for event in events {
            assert!(state.apply(Action::Run(RunId(1), event, Visibility::default())));
        }
        // The engine that dies mid-run ends it; Cancel's note is said too.
        let engine_failure = Failure::DriverStopped { reason: None }.text(Lang::ZhCn);
        state.apply(Action::PoolFailed(engine_failure));
        let errors = state.results.as_ref().unwrap().errors.clone();
        // The check mismatch, each event that is not a record, the engine's failure.
        assert_eq!(errors.len(), 1 + (count - 2) + 1, "{errors:#?}");
        let mut shown = errors;
        shown.push(state.pool.reason(Lang::ZhCn).unwrap());
        for error in [
            crate::core::link::share::SharedError::NotBase64,
            crate::core::link::share::SharedError::Damaged,
            crate::core::link::share::SharedError::NotResults(
                "trailing characters at line 1".into(),
            ),
        ] {
            shown.push(error.text(Lang::ZhCn));
        }
        for text in &shown {
            assert!(
                text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "not Chinese: {text}"
            );
            let english = english_runs(text);
            assert!(english.is_empty(), "English {english:?} in {text}");
        }
    }

    /// The English texts the browser tests match (`tests/browser/*.mjs`).
    #[test]
    fn failures_keep_the_english_the_browser_tests_match() {
        let failures = every_failure();
        let english: Vec<String> = failures.iter().map(|f| f.text(Lang::En)).collect();
        let page = |status| english.iter().any(|text| text.starts_with(status));
        assert!(
            page("apply_async on 4 workers: page 3 failed: HTTP 500"),
            "{english:#?}"
        );
        assert!(
            page("apply_async on 4 workers: page 3 failed: bad JSON"),
            "{english:#?}"
        );
        assert!(
            page("check mismatch: map on 2 workers computed 8 bits"),
            "{english:#?}"
        );
    }

    #[test]
    fn a_run_during_which_the_page_was_hidden_is_marked() {
        let mut state = started("n=5&modes=serial");
        state.apply(Action::Run(
            RunId(1),
            RunEvent::Step {
                done: 0,
                total: 1,
                run: RunName::new(PoolMode::Serial, None, 1),
            },
            Visibility {
                times_hidden: 3,
                hidden_now: false,
            },
        ));
        state.apply(Action::Run(
            RunId(1),
            serial_run(),
            Visibility {
                times_hidden: 4,
                hidden_now: false,
            },
        ));
        assert!(state.results.as_ref().unwrap().runs[0].hidden);
    }

    /// The embed bug: switching the experiment tab dropped `embed=1` and the
    /// full page appeared inside the iframe.
    #[test]
    fn switching_experiment_keeps_the_embed_and_the_language() {
        let mut state = page("exp=factorial&n=50&embed=1&lang=zh-CN");
        state.apply(Action::SetExperiment(ExperimentKind::Reposts));
        assert!(state.form.embed());
        assert!(
            state.form.query().contains("embed=1"),
            "{}",
            state.form.query()
        );
        assert_eq!(state.link().config.experiment, ExperimentKind::Reposts);
        assert!(state.link().config.embed);
        assert_eq!(state.lang(), Lang::ZhCn);
        assert!(
            state.form.query().contains("lang=zh-CN"),
            "{}",
            state.form.query()
        );
    }

    #[test]
    fn an_embeds_look_stays_and_the_full_page_link_drops_it() {
        let mut state = page("exp=factorial&n=50&embed=1&lang=zh-CN&theme=dark&view=minimal");
        state.apply(Action::SetExperiment(ExperimentKind::Reposts));
        let config = &state.link().config;
        assert_eq!(
            (config.theme, config.view),
            (
                Some(crate::core::link::config::Theme::Dark),
                Some(crate::core::link::config::View::Minimal)
            )
        );
        let full = state.form.full_page_query();
        assert!(
            full.starts_with("v=2&exp=reposts&") && full.contains("lang=zh-CN"),
            "{full}"
        );
        assert!(
            !full.contains("embed") && !full.contains("theme") && !full.contains("view"),
            "{full}"
        );
    }

    #[test]
    fn the_config_is_derived_from_the_fields_as_typed() {
        let mut state = page("n=50&embed=1");
        state.apply(Action::SetField(FieldId::N, "70".into()));
        assert_eq!(state.link().config.n, vec![70]);
        assert!(
            state.link().config.embed,
            "embed is part of the derived link"
        );
        state.apply(Action::SetField(FieldId::N, "seventy".into()));
        assert_eq!(
            state.form.field(FieldId::N),
            "seventy",
            "the text stays as typed beside its message"
        );
        assert!(state.link().error_for("n").is_some());
        assert!(state.form.query().contains("n=seventy"));
    }

    #[test]
    fn a_link_opens_with_its_bad_text_and_the_canonical_rest() {
        let state = page("n=abc&workers=2,%201&run=1");
        assert_eq!(state.form.field(FieldId::N), "abc");
        assert_eq!(state.form.field(FieldId::Workers), "1,2");
        assert!(!state.autorun, "a bad link does not run");
        assert!(page("n=5&run=1").autorun);
    }

    #[test]
    fn the_links_notices_stay_until_an_edit_and_a_bad_lang_stays_beside_its_notice() {
        let mut state = page("n=5&colour=red&lang=xx");
        assert_eq!(state.link().notices.len(), 2, "{:?}", state.link().notices);
        assert_eq!(state.lang(), Lang::En);
        assert_eq!(state.form.field(FieldId::Lang), "xx");
        state.apply(Action::SetTheme(Some(Theme::Dark)));
        assert_eq!(
            state.link().notices.len(),
            2,
            "the parent's theme keeps them"
        );
        state.apply(Action::SetField(FieldId::N, "6".into()));
        assert_eq!(state.link().notices.len(), 1, "{:?}", state.link().notices);
        assert!(state.link().notices[0].contains("xx"));
        state.apply(Action::SetLang(Lang::ZhCn));
        assert!(state.link().notices.is_empty());
        assert_eq!(state.lang(), Lang::ZhCn);
    }

    #[test]
    fn a_parents_link_keeps_the_view_and_runs_if_valid() {
        let mut state = page("n=5&embed=1");
        state.apply(Action::LoadQuery("n=7&modes=serial".into()));
        assert!(state.form.embed());
        assert_eq!(state.link().config.n, vec![7]);
        assert!(state.autorun);
        state.apply(Action::LoadQuery("n=-1".into()));
        assert!(!state.autorun);
    }

    #[test]
    fn a_parents_link_keeps_the_look_it_does_not_name_and_waits_for_the_run() {
        let mut state = started("n=5&embed=1&lang=zh-CN&theme=dark&view=minimal");
        state.apply(Action::LoadQuery("n=7&theme=light".into()));
        let config = &state.link().config;
        assert_eq!(state.lang(), Lang::ZhCn);
        assert_eq!(config.theme, Some(crate::core::link::config::Theme::Light));
        assert_eq!(config.view, Some(crate::core::link::config::View::Minimal));
        assert_eq!(config.n, vec![7]);
        assert!(
            state.autorun && !state.can_run(),
            "it waits for the run going"
        );
        state.apply(Action::Run(
            RunId(1),
            RunEvent::Done { cancelled: false },
            Visibility::default(),
        ));
        assert!(state.autorun && state.can_run());
    }

    #[test]
    fn a_new_experiment_gets_this_versions_defaults_in_an_encoded_link() {
        let mut state = page("exp=factorial&lang=zh-CN&theme=dark");
        state.apply(Action::SetExperiment(ExperimentKind::Reposts));
        let query = state.form.query();
        assert!(query.starts_with("v=2&exp=reposts&"), "{query}");
        let fresh = crate::core::link::config::PageConfig::defaults_of_version(
            crate::core::link::config::LINK_VERSION,
            ExperimentKind::Reposts,
            4,
        );
        assert_eq!(state.link().config.repeat, fresh.repeat);
        assert_eq!(state.link().config.workers, fresh.workers);
        // A value is a link's text, never raw query syntax: the experiment
        // is a type now, so the text the new experiment carries over (a
        // language as typed) and a typed field are checked instead.
        let mut state = page("exp=factorial&lang=reposts%26n%3D1");
        state.apply(Action::SetExperiment(ExperimentKind::Reposts));
        let pairs = query_pairs(&state.form.query());
        assert!(
            pairs.contains(&("lang".into(), "reposts&n=1".into())),
            "{pairs:?}"
        );
        assert!(!pairs.contains(&("n".into(), "1".into())), "{pairs:?}");
        let mut state = page("exp=reposts");
        state.apply(Action::SetField(FieldId::Mid, "reposts&n=1".into()));
        let pairs = query_pairs(&state.form.query());
        assert!(
            pairs.contains(&("mid".into(), "reposts&n=1".into())),
            "{pairs:?}"
        );
        assert!(!pairs.contains(&("n".into(), "1".into())), "{pairs:?}");
    }

    /// `chunk` is the factorial lab's: a repost link that carries it is
    /// checked, but the page's form (what a run starts from) drops it, from
    /// the page's link and from a parent's (and the repost tab has no chunk
    /// field), so the repost lab always queues Python's default chunks.
    #[test]
    fn a_repost_link_never_hands_its_runs_a_chunk() {
        let state = page("exp=reposts&modes=map&workers=2&chunk=5&run=1");
        assert_eq!(state.link().config.experiment, ExperimentKind::Reposts);
        assert_eq!(state.link().config.chunk, None);
        assert!(state.autorun);
        let mut state = page("n=5&chunk=5");
        assert_eq!(state.link().config.chunk, Some(5));
        state.apply(Action::LoadQuery("exp=reposts&chunk=5".into()));
        assert_eq!(state.link().config.chunk, None);
    }

    #[test]
    fn a_driver_that_dies_mid_run_ends_it() {
        let mut state = started("n=5");
        state.apply(Action::PoolFailed("gone".into()));
        assert!(!state.is_running());
        let results = state.results.as_ref().unwrap();
        assert!(!results.complete && results.errors[0].contains("gone"));
    }
}

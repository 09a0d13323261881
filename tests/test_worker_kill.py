"""Autosaves survive gunicorn workers killed mid-request.

gunicorn as `make run` starts it (`primer.wsgi`, 2 sync workers) on a PostgreSQL of its own. A
learner signs in and starts a practice attempt; six tabs autosave it as practice.js does (two
tabs on steps 1 and 2, so they conflict and each keeps its own text; one on steps 3 and 4), a
seventh keeps starting attempts, and the test SIGKILLs a worker that is serving a request,
three times. The model keeps only each step's latest text and version, so a trigger of the
test's own logs every change of a step's version or text: the history the proof needs.
"""

from __future__ import annotations

import os
import re
import signal
import threading
import time
from collections import Counter
from dataclasses import dataclass
from html import escape

import psutil

from primer.markdown import render
from tests.support.browser import PASSWORD
from tests.support.served import Browser, Died, Served, form_token, serve, until

TABS = (1, 1, 2, 2, 3, 4)  # the step each tab edits
KILLS = 3
SAVES_BETWEEN_KILLS = 12  # saves acknowledged after a worker is replaced, before the next kill
TYPING = 0.03  # seconds between a tab's edits, so the tab that lost a conflict gets its turn
RETRY_WAIT = 0.05  # practice.js waits 2, 4, 8... s before it sends the same text again; sooner here
THREAD_LIMIT = 90.0  # seconds a tab may run at all: a stuck test stops by itself
CONNECTION_ERRORS = {"RemoteDisconnected", "ConnectionResetError", "BrokenPipeError", "IncompleteRead"}

SETUP = f"""
from django.contrib.auth import get_user_model
from primer.publication import Publication
from questions.models import Kind, Question
get_user_model().objects.create_user("ada", "ada@example.com", {PASSWORD!r})
Question.objects.create(
    slug="pastebin", title="Pastebin", summary="s", kind=Kind.SYSTEM_DESIGN, prompt="p", status=Publication.PUBLISHED
)
"""

# Every change of a step's version or text, in the order they committed (the row lock orders them).
STEP_LOG = """
CREATE TABLE test_step_log (
    id bigserial PRIMARY KEY, step_id bigint NOT NULL, old_version integer NOT NULL,
    version integer NOT NULL, text text NOT NULL, text_html text NOT NULL
);
CREATE FUNCTION test_log_step() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO test_step_log (step_id, old_version, version, text, text_html)
    VALUES (NEW.id, OLD.version, NEW.version, NEW.text, NEW.text_html);
    RETURN NEW;
END $$;
CREATE TRIGGER test_log_step AFTER UPDATE ON progress_attemptstep FOR EACH ROW
    WHEN (OLD.version IS DISTINCT FROM NEW.version OR OLD.text IS DISTINCT FROM NEW.text)
    EXECUTE FUNCTION test_log_step();
"""

SAVED = re.compile(r'<p class="save-status is-saved" role="status" data-version="(\d+)">')
SERVER_VERSION = re.compile(r'<input type="hidden" class="server-version" value="(\d+)">')


@dataclass
class Save:
    """One autosave as the browser sent it, and what came back (status 0: no answer, as in xhr.status)."""

    tab: int
    step: int
    base: int
    text: str
    status: int = 0
    died: str = ""
    version: int | None = None  # the version the server acknowledged
    answered_at: float = 0.0


class Tab(threading.Thread):
    """A tab editing one step: each edit is sent until the server acknowledges it, as practice.js does.

    No answer, a 5xx or a 429: the same text again, a little later. A conflict: the learner keeps
    their own text ("Keep mine" takes the server's version). The tab types its next edit only
    once the last one is acknowledged, so every text it typed ends up saved.
    """

    def __init__(self, number: int, step: int, browser: Browser, editor: str, stop: threading.Event) -> None:
        super().__init__(name=f"tab-{number}", daemon=True)
        self.number, self.step, self.browser, self.editor = number, step, browser, editor
        self.stop = stop  # type the next edit no more
        self.abandon = threading.Event()  # the test failed: stop now
        self.saves: list[Save] = []
        self.problem = ""
        self.version = 0
        self.token = ""
        self._body = ""

    def run(self) -> None:
        try:
            page = self.browser.get(self.editor)
            assert page.status == 200, f"the editor answered {page.status}"
            self.token = form_token(page.body)
            self.version = version_on_page(page.body, self.step)
            edit = 0
            limit = time.monotonic() + THREAD_LIMIT
            while not self.stop.is_set() and time.monotonic() < limit:
                edit += 1
                self.save_until_acknowledged(f"Tab {self.number}, edit {edit}: cache *hot* keys & <shard> the rest.")
                time.sleep(TYPING)
        except Exception as exc:  # reported by the test instead of lost with the thread
            self.problem = f"tab {self.number}: {exc!r}"

    def save_until_acknowledged(self, text: str) -> None:
        limit = time.monotonic() + THREAD_LIMIT
        while not self.abandon.is_set() and time.monotonic() < limit:
            save = self.send(text)
            if save.version is not None:
                self.version = save.version
                return
            if save.status == 409:
                server = SERVER_VERSION.search(self._body)
                assert server, "a conflict without the server's version"
                assert f'<pre class="mine">{escape(text)}</pre>' in self._body, "a conflict without my text"
                self.version = int(server.group(1))  # "Keep mine"
            elif save.status in (0, 429) or save.status >= 500:
                time.sleep(RETRY_WAIT)
            else:
                raise AssertionError(f"a save answered {save.status}: {self._body[:300]}")
        raise AssertionError(f"{text!r} was never acknowledged")

    def send(self, text: str) -> Save:
        fields = {"csrfmiddlewaretoken": self.token, "version": str(self.version), "seconds": "1", "text": text}
        headers = {
            "HX-Request": "true",
            "HX-Trigger": f"step-form-{self.step}",
            "HX-Current-URL": self.browser.base + self.editor,
        }
        save = Save(self.number, self.step, self.version, text)
        self._body = ""
        try:
            answer = self.browser.post(f"{self.editor}steps/{self.step}/save/", fields, headers)
        except Died as exc:
            save.died = exc.kind
        else:
            save.status, self._body = answer.status, answer.body
            if answer.status == 200:
                saved = SAVED.search(answer.body)
                assert saved, f"a 200 that does not say which version it saved: {answer.body[:300]}"
                save.version = int(saved.group(1))
        save.answered_at = time.monotonic()
        self.saves.append(save)
        return save

    def acknowledged(self, since: float = 0.0) -> list[Save]:
        return [save for save in self.saves if save.version is not None and save.answered_at > since]


class Starter(threading.Thread):
    """A tab that keeps starting attempts at the question (each start writes an attempt and its four steps)."""

    def __init__(self, browser: Browser, stop: threading.Event) -> None:
        super().__init__(name="starter", daemon=True)
        self.browser, self.stop = browser, stop
        self.started: list[int] = []
        self.died = 0
        self.problem = ""

    def run(self) -> None:
        try:
            token = form_token(self.browser.get("/practice/pastebin/").body)
            limit = time.monotonic() + THREAD_LIMIT
            while not self.stop.is_set() and time.monotonic() < limit:
                try:
                    answer = self.browser.post("/practice/pastebin/", {"csrfmiddlewaretoken": token, "mode": "untimed"})
                except Died:
                    self.died += 1
                    continue
                assert answer.status == 302, f"starting an attempt answered {answer.status}"
                location = re.fullmatch(r"/attempts/(\d+)/", answer.headers["Location"])
                assert location, answer.headers["Location"]
                self.started.append(int(location.group(1)))
                time.sleep(0.1)  # a learner starts attempts less often than they type
        except Exception as exc:  # reported by the test instead of lost with the thread
            self.problem = f"starter: {exc!r}"


def version_on_page(html: str, step: int) -> int:
    match = re.search(rf'id="step-form-{step}".*?name="version" value="(\d+)"', html, re.DOTALL)
    assert match, f"the editor has no version for step {step}"
    return int(match.group(1))


def start_attempt(browser: Browser) -> str:
    token = form_token(browser.get("/practice/pastebin/").body)
    answer = browser.post("/practice/pastebin/", {"csrfmiddlewaretoken": token, "mode": "untimed"})
    assert answer.status == 302, answer.status
    return answer.headers["Location"]


def kill_a_busy_worker(app: Served, editor: str) -> tuple[int, int]:
    """SIGKILL a worker in the middle of a request; wait for the master's new one to save a step.

    Each worker is frozen (SIGSTOP) while the test looks at its sockets, so the one killed is
    still holding a request when it dies.
    """
    before = app.workers()
    assert len(before) == 2, before

    def frozen_mid_request() -> int:
        for pid in before:
            os.kill(pid, signal.SIGSTOP)
            busy = False
            try:
                assert until(lambda: psutil.Process(pid).status() == psutil.STATUS_STOPPED, 5, every=0.001)  # noqa: B023
                busy = app.is_busy(pid)
            finally:
                if not busy:
                    os.kill(pid, signal.SIGCONT)
            if busy:
                return pid
        return 0

    victim = until(frozen_mid_request, seconds=10, every=0.001)
    assert victim, "no worker was serving a request"
    os.kill(victim, signal.SIGKILL)

    def replaced() -> set[int]:
        workers = app.workers()
        return workers if victim not in workers and len(workers - before) == 1 else set()

    after = until(replaced, seconds=20)
    assert len(after) == 2, f"the master did not replace worker {victim}: {app.workers()}"
    (newborn,) = after - before
    assert until(lambda: app.answered_by(newborn, f"{editor}steps/", 200), seconds=30), "the new worker saved nothing"
    return victim, newborn


@dataclass
class Run:
    """What the tabs saw and what the database holds afterwards."""

    attempt: int
    tabs: list[Tab]
    starter: Starter
    kills: list[tuple[int, int]]
    survivors: set[int]
    steps: list[tuple]  # (id, step, version, text, text_html, saved, unlocked), by step
    history: list[tuple]  # (step_id, old_version, version, text, text_html), in commit order
    attempts: list[tuple]  # (id, unsubmitted, [steps], latest version)
    statuses: list[tuple]

    @property
    def saves(self) -> list[Save]:
        return [save for tab in self.tabs for save in tab.saves]

    @property
    def acks(self) -> list[Save]:
        return [save for save in self.saves if save.version is not None]

    @property
    def died(self) -> list[Save]:
        return [save for save in self.saves if save.status == 0]


def autosave_while_workers_die(app: Served) -> Run:
    with app.connect() as db:
        db.execute(STEP_LOG)
    browser = Browser(app.base)
    browser.sign_in("ada", PASSWORD)
    editor = start_attempt(browser)
    stop = threading.Event()
    tabs = [Tab(number, step, browser, editor, stop) for number, step in enumerate(TABS, 1)]
    starter = Starter(browser, stop)
    threads: tuple[Tab | Starter, ...] = (*tabs, starter)
    for thread in threads:
        thread.start()

    def acknowledged(since: float = 0.0) -> list[int]:
        return [len(tab.acknowledged(since)) for tab in tabs]

    def problems() -> list[str]:
        return [thread.problem for thread in threads if thread.problem]

    kills = []
    try:
        for _ in range(KILLS):
            enough = sum(acknowledged()) + SAVES_BETWEEN_KILLS
            assert until(lambda: sum(acknowledged()) >= enough or problems(), 20), acknowledged()  # noqa: B023
            assert problems() == []
            kills.append(kill_a_busy_worker(app, editor))
        replaced = time.monotonic()  # later saves succeed: every tab saves again, on the new workers too
        assert until(lambda: all(acknowledged(replaced)) or problems(), 20), acknowledged(replaced)
        stop.set()  # each tab sends its last edit until it is acknowledged, then stops
        for thread in threads:
            thread.join(timeout=30)
    finally:
        stop.set()
        for tab in tabs:
            tab.abandon.set()
    assert problems() == []
    assert not any(thread.is_alive() for thread in threads), "a tab was still saving"
    return read_back(app, int(editor.strip("/").rsplit("/", 1)[1]), tabs, starter, kills)


def read_back(app: Served, attempt: int, tabs: list[Tab], starter: Starter, kills: list[tuple[int, int]]) -> Run:
    with app.connect() as db:
        steps = db.execute(
            "SELECT id, step, version, text, text_html, saved_at IS NOT NULL,"
            " submitted_at IS NULL AND revealed_at IS NULL AND reopened_at IS NULL"
            " FROM progress_attemptstep WHERE attempt_id = %s ORDER BY step",
            [attempt],
        ).fetchall()
        history = db.execute(
            "SELECT step_id, old_version, version, text, text_html FROM test_step_log ORDER BY id"
        ).fetchall()
        attempts = db.execute(
            "SELECT a.id, a.submitted_at IS NULL AND a.revealed_early = '[]'::jsonb,"
            " array_agg(s.step ORDER BY s.step), max(s.version)"
            " FROM progress_attempt a LEFT JOIN progress_attemptstep s ON s.attempt_id = a.id GROUP BY a.id"
        ).fetchall()
        statuses = db.execute("SELECT status FROM progress_progress").fetchall()
    return Run(attempt, tabs, starter, kills, app.workers(), steps, history, attempts, statuses)


def test_no_acknowledged_autosave_is_lost_when_workers_are_killed_mid_request(tmp_path):
    began = time.monotonic()
    with serve(tmp_path, workers=2, setup=SETUP, env={"AUTOSAVE_MAX_PER_MINUTE": "100000"}) as app:
        ready = time.monotonic()
        run = autosave_while_workers_die(app)
    ran = time.monotonic()

    # The master replaced every killed worker (and each new one saved steps: kill_a_busy_worker).
    assert len(run.kills) == KILLS
    assert not {victim for victim, _ in run.kills} & run.survivors
    assert_requests_that_died_got_a_connection_error_and_were_sent_again(run)
    assert_each_steps_versions_went_up_one_at_a_time(run)
    assert_every_acknowledged_save_was_written_with_its_text_at_its_version(run)
    assert_no_attempt_is_half_written(run)

    print(
        f"\nworker kill: {len(run.saves)} saves sent, {len(run.acks)} acknowledged, {len(run.died)} died "
        f"{dict(Counter(save.died for save in run.died))}, {sum(save.status == 409 for save in run.saves)} conflicts; "
        f"{len(run.kills)} workers killed; {len(run.starter.started)} attempts started, {run.starter.died} starts died;"
        f" setup {ready - began:.1f} s, run {ran - ready:.1f} s (with teardown)"
    )


def assert_requests_that_died_got_a_connection_error_and_were_sent_again(run: Run) -> None:
    """Never a timeout, a 5xx or a 200 without its version: a broken connection, then the same text again."""
    assert {save.status for save in run.saves} <= {0, 200, 409}, Counter(save.status for save in run.saves)
    assert {save.died for save in run.died} <= CONNECTION_ERRORS, Counter(save.died for save in run.died)
    # Each kill took down the one request its worker held (a save or a start), and nothing else died.
    assert 1 <= len(run.died) + run.starter.died <= KILLS
    for save in run.died:
        assert any(ack.tab == save.tab and ack.text == save.text for ack in run.acks), f"{save} was dropped"


def assert_each_steps_versions_went_up_one_at_a_time(run: Run) -> None:
    """No gap, no version written twice; the row holds its last change, rendered, unlocked."""
    assert [row[1] for row in run.steps] == [1, 2, 3, 4]
    for step_id, step, version, text, text_html, saved, unlocked in run.steps:
        changes = [change for change in run.history if change[0] == step_id]
        assert [change[2] for change in changes] == list(range(1, version + 1)), f"step {step}'s versions"
        assert all(new == old + 1 for _, old, new, _, _ in changes), f"step {step} changed without a new version"
        assert (changes[-1][2], changes[-1][3]) == (version, text), f"step {step} is not its last change"
        assert all(html == render(markdown) for _, _, _, markdown, html in changes), f"step {step} half-written"
        assert text_html == render(text), f"step {step} half-written"
        assert saved, f"step {step} has no saved_at"
        assert unlocked, f"step {step} is locked"


def assert_every_acknowledged_save_was_written_with_its_text_at_its_version(run: Run) -> None:
    """And the latest acknowledged save of each step is what the step holds now."""
    step_of = {row[0]: row[1] for row in run.steps}
    written = {(step_of[step_id], version): text for step_id, _, version, text, _ in run.history}
    for ack in run.acks:
        assert written.get((ack.step, ack.version)) == ack.text, f"acknowledged, then lost: {ack}"
    for _, step, version, text, *_ in run.steps:
        acks = [ack for ack in run.acks if ack.step == step]
        latest = max(acks, key=lambda ack: ack.version or 0)
        assert (latest.version, latest.text) == (version, text), f"step {step} does not hold its last save"
        # A version no tab was told about is a save whose answer was lost, then overtaken by the other tab.
        unacknowledged = set(range(1, version + 1)) - {ack.version for ack in acks}
        if TABS.count(step) == 1:
            assert not unacknowledged, f"step {step}: versions {unacknowledged} were written, never acknowledged"
        else:
            assert len(unacknowledged) <= sum(save.step == step for save in run.died), (step, unacknowledged)


def assert_no_attempt_is_half_written(run: Run) -> None:
    """Every attempt (some started while a worker died) has its four steps; only the edited one moved."""
    assert {row[0] for row in run.attempts} >= {run.attempt, *run.starter.started}
    assert len(run.attempts) <= 1 + len(run.starter.started) + run.starter.died
    for pk, unsubmitted, steps, latest in run.attempts:
        assert steps == [1, 2, 3, 4], (pk, steps)
        assert unsubmitted, pk
        assert pk == run.attempt or latest == 0, pk
    assert run.statuses == [("in_progress",)]

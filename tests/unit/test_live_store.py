"""The live-session store, on SQLite and on PostgreSQL: anonymous, k-gated, and deleted at the end."""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from curriculum.stores import live
from curriculum.stores.live import (
    CODE_ALPHABET,
    PREFER_NOT,
    TOO_FEW,
    AccessDenied,
    FreeText,
    JoinError,
    LiveError,
    LiveStore,
    PollError,
    SchemaError,
)

OPTIONS = [("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")]


class Clock:
    def __init__(self) -> None:
        self.now = 1_900_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(url: str, clock: Clock) -> Iterator[LiveStore]:
    with LiveStore(url, clock=clock) as opened:
        yield opened


def rows(store: LiveStore, table: sa.Table) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


def room(store: LiveStore, people: int, **session: object) -> tuple[live.NewSession, list[str]]:
    new = store.create_session("hurt-harm-abuse", **session)  # type: ignore[arg-type]
    return new, [store.join(new.join_code).token for _ in range(people)]


# --- schema --------------------------------------------------------------------------------------


def test_the_schema_is_created_with_its_version_and_reopened(url: str, clock: Clock) -> None:
    with LiveStore(url, clock=clock) as first:
        assert first.schema_version() == live.SCHEMA_VERSION == 1
        new = first.create_session("hurt-harm-abuse")
    with LiveStore(url, clock=clock) as again:
        assert again.schema_version() == 1
        assert again.check_key(new.session_id, new.facilitator_key)
        with again.engine.connect() as conn:
            assert conn.execute(sa.select(live.schema_info.c.version)).scalars().all() == [1]
            tables = set(sa.inspect(conn).get_table_names())
        assert {t.name for t in live.metadata.sorted_tables} <= tables


def test_a_newer_schema_is_refused_and_left_alone(url: str, clock: Clock) -> None:
    with LiveStore(url, clock=clock) as first:
        new = first.create_session("hurt-harm-abuse")
        with first.engine.begin() as conn:
            conn.execute(sa.update(live.schema_info).values(version=99))
    with pytest.raises(SchemaError, match="newer release") as refused:
        LiveStore(url, clock=clock)
    assert "version 99" in str(refused.value)
    engine = live.make_engine(url)
    with engine.connect() as conn:
        assert conn.execute(sa.select(live.schema_info.c.version)).scalar_one() == 99
        assert conn.execute(sa.select(live.sessions.c.id)).scalar_one() == new.session_id
    engine.dispose()


def test_upgrades_run_step_by_step_and_once(url: str, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    LiveStore(url, clock=clock).close()
    ran: list[int] = []

    def step_2(conn: sa.Connection) -> None:
        ran.append(2)
        conn.exec_driver_sql("CREATE TABLE live_step_two (id INTEGER PRIMARY KEY)")

    monkeypatch.setattr(live, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(live.MIGRATIONS, 2, step_2)
    with LiveStore(url, clock=clock) as upgraded:
        assert upgraded.schema_version() == 2
    with LiveStore(url, clock=clock) as again:
        assert again.schema_version() == 2
        with again.engine.connect() as conn:
            assert sa.inspect(conn).has_table("live_step_two")
    assert ran == [2]


# --- joining -------------------------------------------------------------------------------------


def test_join_codes_are_short_unambiguous_and_forgiving(store: LiveStore) -> None:
    new = store.create_session("hurt-harm-abuse")
    assert len(new.join_code) == 6 and set(new.join_code) <= set(CODE_ALPHABET)
    assert not set("IL0O1") & set(CODE_ALPHABET)
    spoken = " ".join([new.join_code[:3].lower(), new.join_code[3:]])
    joined = store.join(spoken)
    assert (joined.session_id, joined.module_id) == (new.session_id, "hurt-harm-abuse")
    assert len(joined.token) >= 32
    store.join(new.join_code)
    assert store.participant_count(new.session_id) == 2
    assert store.participant_count("no-such-session") == 0
    # Only the hash of a token is kept.
    with store.engine.connect() as conn:
        hashes = conn.execute(sa.select(live.participants.c.token_hash)).scalars().all()
    assert joined.token.encode() not in hashes and all(len(h) == 32 for h in hashes)


@pytest.mark.parametrize("code", ["", "ABC", "ZZZZZZ", "ABCDEFG", "IIIIII", "!!!!!!"])
def test_an_unknown_code_is_refused_plainly(store: LiveStore, code: str) -> None:
    store.create_session("hurt-harm-abuse")
    with pytest.raises(JoinError, match="No session has that code") as refused:
        store.join(code)
    assert refused.value.reason == "unknown"


def test_an_expired_or_ended_session_cannot_be_joined(store: LiveStore, clock: Clock) -> None:
    expiring = store.create_session("hurt-harm-abuse", hours=1)
    ending = store.create_session("hurt-harm-abuse")
    store.join(expiring.join_code)
    clock.now += 3600
    with pytest.raises(JoinError, match="expired") as expired:
        store.join(expiring.join_code)
    assert expired.value.reason == "expired"
    store.end_session(ending.session_id, ending.facilitator_key)
    with pytest.raises(JoinError, match="ended") as ended:
        store.join(ending.join_code)
    assert ended.value.reason == "ended"


def test_expired_sessions_lose_their_raw_answers(store: LiveStore, clock: Clock) -> None:
    new, tokens = room(store, 3, hours=1)
    poll = store.open_poll(new.session_id, new.facilitator_key, "check-in", "Ready?", OPTIONS)
    for token in tokens:
        store.answer(poll, token, "yes")
    clock.now += 3601
    assert store.current_poll(new.session_id) is None
    with pytest.raises(PollError, match="ended"):
        store.answer(poll, tokens[0], "no")
    store.create_session("hurt-harm-abuse")  # any new session sweeps the expired ones
    assert rows(store, live.answers) == rows(store, live.participants) == 0
    assert store.results(poll, new.facilitator_key, k=3).counts[0].count == 3


# --- polls ---------------------------------------------------------------------------------------


def test_one_answer_per_participant_changeable_until_closed(store: LiveStore) -> None:
    new, (alex, sam) = room(store, 2)
    poll = store.open_poll(new.session_id, new.facilitator_key, "check-in", "Ready?", OPTIONS)
    store.answer(poll, alex, "yes")
    store.answer(poll, alex, "no")
    store.answer(poll, alex, "unsure")
    store.answer(poll, sam, "yes")
    assert rows(store, live.answers) == 2
    assert store.my_answer(poll, alex) == "unsure"
    store.close_poll(poll, new.facilitator_key)
    with pytest.raises(PollError, match="closed"):
        store.answer(poll, alex, "yes")
    assert store.my_answer(poll, alex) == "unsure"
    assert store.current_poll(new.session_id) is None


def test_answers_are_refused_from_outsiders_and_for_unknown_options(store: LiveStore) -> None:
    new, (token,) = room(store, 1)
    other, (stranger,) = room(store, 1)
    poll = store.open_poll(new.session_id, new.facilitator_key, "check-in", "Ready?", OPTIONS)
    with pytest.raises(PollError, match="not part of this session"):
        store.answer(poll, stranger, "yes")
    with pytest.raises(PollError, match="not part of this session"):
        store.answer(poll, "made-up-token", "yes")
    with pytest.raises(PollError, match="not one of this poll's options"):
        store.answer(poll, token, "maybe")
    with pytest.raises(PollError, match="not open"):
        store.answer(10_000, token, "yes")
    assert other.session_id != new.session_id


def test_prefer_not_to_answer_is_always_offered_last(store: LiveStore) -> None:
    new, (token,) = room(store, 1)
    poll = store.open_poll(new.session_id, new.facilitator_key, "check-in", "Ready?", [("yes", "Yes")])
    current = store.current_poll(new.session_id)
    assert current is not None and current.poll_id == poll
    assert [o.id for o in current.options] == ["yes", PREFER_NOT]
    assert current.options[-1].label == "Prefer not to answer"
    store.answer(poll, token, PREFER_NOT)
    with pytest.raises(ValueError, match="reserved"):
        store.open_poll(new.session_id, new.facilitator_key, "check-in", "Ready?", [(PREFER_NOT, "No thanks")])


def test_opening_a_poll_closes_the_one_before(store: LiveStore) -> None:
    new, _ = room(store, 0)
    first = store.open_poll(new.session_id, new.facilitator_key, "check-in", "Ready?", OPTIONS)
    second = store.open_poll(new.session_id, new.facilitator_key, "debrief", "How was it?", OPTIONS)
    current = store.current_poll(new.session_id)
    assert current is not None and current.poll_id == second and current.activity_id == "debrief"
    assert not store.results(first, new.facilitator_key).is_open


def test_results_are_hidden_below_k_and_k_is_never_below_3(store: LiveStore) -> None:
    new, tokens = room(store, 6)
    key = new.facilitator_key
    poll = store.open_poll(new.session_id, key, "check-in", "Ready?", OPTIONS)
    for token in tokens[:2]:
        store.answer(poll, token, "yes")
    hidden = store.results(poll, key, k=1)
    assert (hidden.total, hidden.shown, hidden.counts, hidden.message) == (2, False, (), TOO_FEW)
    store.answer(poll, tokens[2], "no")
    assert store.results(poll, key, k=0).shown
    assert not store.results(poll, key).shown
    store.answer(poll, tokens[3], PREFER_NOT)
    store.answer(poll, tokens[4], "yes")
    shown = store.results(poll, key)
    assert shown.shown and shown.message is None and shown.total == 5
    assert [(c.option_id, c.count) for c in shown.counts] == [("yes", 3), ("no", 1), ("unsure", 0), (PREFER_NOT, 1)]
    store.close_poll(poll, key)
    after = store.results(poll, key)
    assert after.counts == shown.counts and not after.is_open


def test_free_text_is_off_unless_the_session_and_the_poll_allow_it(store: LiveStore) -> None:
    new, (token,) = room(store, 1)
    poll = store.open_poll(new.session_id, new.facilitator_key, "check-in", "Ready?", OPTIONS)
    with pytest.raises(PollError, match="does not take written answers"):
        store.answer(poll, token, "yes", "a note")
    store.answer(poll, token, "yes", "   ")  # blank is no text at all
    with pytest.raises(PollError, match="Written answers are off"):
        store.open_poll(new.session_id, new.facilitator_key, "check-in", "Ready?", OPTIONS, free_text=True)
    current = store.current_poll(new.session_id)
    assert current is not None and not current.free_text


def test_free_text_is_stored_hideable_and_never_linked_to_anyone(store: LiveStore) -> None:
    new, tokens = room(store, 5, free_text_allowed=True)
    key = new.facilitator_key
    poll = store.open_poll(new.session_id, key, "debrief", "What stays with you?", OPTIONS, free_text=True)
    texts = ["the apology", "<b>naming harm</b>", "Counting on colleagues", "the apology"]
    for token, text in zip(tokens, texts, strict=False):
        store.answer(poll, token, "yes", text)
    assert store.free_texts(poll, key) == []  # 4 answers: too few to show
    store.answer(poll, tokens[4], "no")
    listed = store.free_texts(poll, key)
    assert [t.text for t in listed] == sorted(texts)  # text order, not the order people answered
    assert {f.name for f in FreeText.__dataclass_fields__.values()} == {"answer_id", "text", "hidden"}
    assert all(not t.hidden for t in listed)

    store.hide_free_text(listed[0].answer_id, key)
    again = {t.answer_id: t for t in store.free_texts(poll, key)}
    assert again[listed[0].answer_id].hidden
    # Changing only the option keeps a hidden text hidden; new words are shown again.
    writer = next(tok for tok, text in zip(tokens, texts, strict=False) if text == listed[0].text)
    store.answer(poll, writer, "no", listed[0].text)
    assert [t.hidden for t in store.free_texts(poll, key) if t.answer_id == listed[0].answer_id] == [True]
    store.answer(poll, writer, "no", "something else")
    assert all(not t.hidden for t in store.free_texts(poll, key))


def test_pace_and_moments(store: LiveStore) -> None:
    new, (token,) = room(store, 1)
    key = new.facilitator_key
    assert store.pace(new.session_id) is None
    store.set_pace(new.session_id, key, "classify-vignettes")
    assert store.pace(new.session_id) == "classify-vignettes"
    store.set_pace(new.session_id, key, None)
    assert store.pace(new.session_id) is None
    store.signal_moment(new.session_id, token)
    store.signal_moment(new.session_id, token)
    assert store.moment_count(new.session_id, key) == 2
    with pytest.raises(LiveError, match="not part of this session"):
        store.signal_moment(new.session_id, "made-up-token")
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(live.moments)).keys() == ["id", "session_id"]  # no identity to keep


def test_a_wrong_key_is_refused_everywhere_without_revealing_the_session(store: LiveStore) -> None:
    new, (token,) = room(store, 1, free_text_allowed=True)
    key = new.facilitator_key
    poll = store.open_poll(new.session_id, key, "check-in", "Ready?", OPTIONS, free_text=True)
    store.answer(poll, token, "yes", "a note")
    answer_id = store.free_texts(poll, key, k=3) or ["no texts shown below k"]
    with store.engine.connect() as conn:
        real_answer = conn.execute(sa.select(live.answers.c.id)).scalar_one()
    sid = new.session_id
    wrong = [key[:-1] + ("A" if key[-1] != "A" else "B"), "", "x" * 10_000]
    calls = {
        "open_poll": lambda k: store.open_poll(sid, k, "check-in", "Ready?", OPTIONS),
        "close_poll": lambda k: store.close_poll(poll, k),
        "results": lambda k: store.results(poll, k),
        "free_texts": lambda k: store.free_texts(poll, k),
        "hide_free_text": lambda k: store.hide_free_text(real_answer, k),
        "moment_count": lambda k: store.moment_count(sid, k),
        "set_pace": lambda k: store.set_pace(sid, k, "check-in"),
        "end_session": lambda k: store.end_session(sid, k),
        "export_csv": lambda k: store.export_csv(sid, k),
    }
    for name, call in calls.items():
        for bad in wrong:
            with pytest.raises(AccessDenied) as denied:
                call(bad)
            assert str(denied.value) == live.WRONG_KEY, name
    assert not store.check_key(sid, wrong[0])
    # An unknown session, poll or answer gives the very same refusal as a wrong key.
    for unknown in (
        lambda: store.end_session("no-such-session", key),
        lambda: store.results(10_000, key),
        lambda: store.hide_free_text("no-such-answer", key),
        lambda: store.export_csv("no-such-session", key),
    ):
        with pytest.raises(AccessDenied, match=live.WRONG_KEY):
            unknown()
    assert not store.check_key("no-such-session", key)
    # Nothing changed.
    assert store.current_poll(sid) is not None and store.pace(sid) is None and answer_id
    assert isinstance(AccessDenied(), PermissionError)


# --- the end of a session ------------------------------------------------------------------------


def test_ending_deletes_raw_rows_and_keeps_counts(store: LiveStore) -> None:
    new, tokens = room(store, 5, free_text_allowed=True)
    keep, (bystander,) = room(store, 1)
    key = new.facilitator_key
    closed = store.open_poll(new.session_id, key, "check-in", "Ready?", OPTIONS)
    for token in tokens:
        store.answer(closed, token, "yes")
    store.close_poll(closed, key)
    still_open = store.open_poll(new.session_id, key, "debrief", "Anything?", OPTIONS, free_text=True)
    for token in tokens[:3]:
        store.answer(still_open, token, "no", "private words")
    store.signal_moment(new.session_id, tokens[0])
    other_poll = store.open_poll(keep.session_id, keep.facilitator_key, "check-in", "Ready?", OPTIONS)
    store.answer(other_poll, bystander, "yes")
    store.signal_moment(keep.session_id, bystander)

    store.end_session(new.session_id, key)

    # Only the other session's raw rows remain.
    assert (rows(store, live.answers), rows(store, live.participants), rows(store, live.moments)) == (1, 1, 1)
    with store.engine.connect() as conn:
        texts = conn.execute(sa.select(live.answers.c.free_text)).scalars().all()
        kept = conn.execute(
            sa.select(live.aggregates.c.poll_id, live.aggregates.c.option_id, live.aggregates.c.count).order_by(
                live.aggregates.c.poll_id, live.aggregates.c.option_id
            )
        ).all()
    assert "private words" not in texts
    assert (closed, "yes", 5) in kept and (still_open, "no", 3) in kept
    assert {poll for poll, _, _ in kept} == {closed, still_open}
    assert store.results(closed, key).counts[0].count == 5
    assert store.free_texts(still_open, key, k=3) == []
    assert store.participant_count(new.session_id) == 0 and store.moment_count(new.session_id, key) == 0
    assert store.current_poll(new.session_id) is None
    with pytest.raises(PollError, match="ended"):
        store.answer(still_open, tokens[0], "yes")
    with pytest.raises(PollError, match="ended"):
        store.open_poll(new.session_id, key, "check-in", "Again?", OPTIONS)
    store.end_session(new.session_id, key)  # twice is harmless


def test_csv_export_has_counts_only_and_is_safe_in_a_spreadsheet(store: LiveStore) -> None:
    new, tokens = room(store, 5)
    key = new.facilitator_key
    risky = store.open_poll(
        new.session_id, key, "check-in", '=HYPERLINK("http://x")', [("sure", "+1 yes"), ("nope", "@no")]
    )
    for token in tokens:
        store.answer(risky, token, "sure")
    few = store.open_poll(new.session_id, key, "debrief", "Small group?", OPTIONS)
    store.answer(few, tokens[0], "yes")
    store.open_poll(new.session_id, key, "closing", "Not closed yet", OPTIONS)
    exported = list(csv.reader(io.StringIO(store.export_csv(new.session_id, key))))
    assert exported == [
        ["activity", "question", "option", "count"],
        ["check-in", '\'=HYPERLINK("http://x")', "'+1 yes", "5"],
        ["check-in", '\'=HYPERLINK("http://x")', "'@no", "0"],
        ["check-in", '\'=HYPERLINK("http://x")', "Prefer not to answer", "0"],
        ["debrief", "Small group?", TOO_FEW, ""],
    ]
    store.end_session(new.session_id, key)
    after = list(csv.reader(io.StringIO(store.export_csv(new.session_id, key))))
    assert after[:5] == exported and after[5] == ["closing", "Not closed yet", TOO_FEW, ""]


# --- SQLite specifics ----------------------------------------------------------------------------


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path: Path) -> None:
    with LiveStore(f"sqlite:///{tmp_path / 'live.sqlite3'}") as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one() == live.BUSY_TIMEOUT_MS
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1


def test_the_default_database_is_sqlite_in_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(live.DATABASE_URL_ENV, raising=False)
    monkeypatch.setenv(live.DATA_DIR_ENV, str(tmp_path / "nested" / "data"))
    with LiveStore() as store:
        store.create_session("hurt-harm-abuse")
    assert (tmp_path / "nested" / "data" / "live.sqlite3").is_file()
    with pytest.raises(ValueError, match="not memory"):
        LiveStore("sqlite://")


def test_two_stores_on_one_sqlite_file_see_each_others_writes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    with LiveStore(url) as facilitator, LiveStore(url) as trainees:
        new = facilitator.create_session("hurt-harm-abuse")
        joined = trainees.join(new.join_code)
        assert facilitator.participant_count(new.session_id) == 1
        poll = facilitator.open_poll(new.session_id, new.facilitator_key, "check-in", "Ready?", OPTIONS)
        current = trainees.current_poll(joined.session_id)
        assert current is not None and current.poll_id == poll
        trainees.answer(poll, joined.token, "yes")
        assert facilitator.results(poll, new.facilitator_key).total == 1


def test_many_kernels_answering_at_once_do_not_trip_over_the_lock(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    with LiveStore(url) as facilitator:
        new = facilitator.create_session("hurt-harm-abuse")
        poll = facilitator.open_poll(new.session_id, new.facilitator_key, "check-in", "Ready?", OPTIONS)
        kernels = [LiveStore(url) for _ in range(6)]
        errors: list[BaseException] = []

        def trainee(store: LiveStore) -> None:
            try:
                token = store.join(new.join_code).token
                for option in ("yes", "no", "unsure", "yes"):
                    store.answer(poll, token, option)
            except BaseException as error:
                errors.append(error)

        threads = [threading.Thread(target=trainee, args=(k,)) for k in kernels]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for kernel in kernels:
            kernel.close()
        assert errors == []
        result = facilitator.results(poll, new.facilitator_key)
        assert result.total == 6 and result.counts[0].count == 6


def test_is_running_until_the_session_ends_or_expires(store: LiveStore, clock: Clock) -> None:
    expiring = store.create_session("hurt-harm-abuse", hours=1)
    ending = store.create_session("hurt-harm-abuse")
    assert store.is_running(expiring.session_id) and store.is_running(ending.session_id)
    assert not store.is_running("no-such-session")
    store.end_session(ending.session_id, ending.facilitator_key)
    assert not store.is_running(ending.session_id)
    clock.now += 3600
    assert not store.is_running(expiring.session_id)


def test_a_facilitator_takes_a_session_back_with_its_code_and_key(store: LiveStore, clock: Clock) -> None:
    new = store.create_session("hurt-harm-abuse", hours=1, free_text_allowed=True)
    resumed = store.resume_session(new.join_code.lower(), new.facilitator_key)
    assert (resumed.session_id, resumed.module_id, resumed.join_code) == (
        new.session_id,
        "hurt-harm-abuse",
        new.join_code,
    )
    assert resumed.free_text_allowed
    with pytest.raises(AccessDenied):
        store.resume_session(new.join_code, "wrong key")
    with pytest.raises(AccessDenied):
        store.resume_session("ZZZZZZ", new.facilitator_key)
    clock.now += 3600
    with pytest.raises(LiveError, match="ended"):
        store.resume_session(new.join_code, new.facilitator_key)

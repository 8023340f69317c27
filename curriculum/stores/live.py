"""The live-session store: what a facilitated session shares between the facilitator's page and the trainees'.

Every page runs in its own kernel, and behind JupyterHub the kernels may be on different
machines, so the room's shared state (join code, pace, polls, answers, "I need a moment"
signals) lives in a database: SQLite in WAL mode in a data folder when everything runs on
one host, PostgreSQL when ``HARM_REPAIR_DATABASE_URL`` names one.

What it keeps, and what it never keeps:

- No names, IP addresses or accounts, and no timestamps except the session's expiry. A
  participant is a random token that the trainee's page holds; the store keeps its SHA-256 only.
- The facilitator key is shown once; the store keeps a salted scrypt hash of it.
- An answer is tied to a participant only so that each person answers once and can change
  their mind while the poll is open. Nothing a facilitator reads links an answer or a
  written text to anyone, and written texts are listed in text order, not arrival order.
- Results are shown only when at least *k* answers exist (default 5, never below 3).
- Ending a session (or :meth:`LiveStore.end_expired_sessions` after its expiry) deletes the
  raw answers, participants and signals, and keeps only the counts per option.

Errors come in two kinds. :class:`LiveError` and its subclasses carry a plain sentence to
show on the page (a bad join code, a closed poll, a wrong key). ``ValueError`` means the
calling code passed something malformed (an id that is not an id, an empty question).

The schema carries a version (table ``live_schema_info``); :meth:`LiveStore.upgrade` creates
it or brings it up step by step, and refuses a database written by a newer release. All
tables start with ``live_`` so the store can share a PostgreSQL database with other services.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import os
import secrets
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine, Row
from sqlalchemy.exc import IntegrityError

from ..paths import PROJECT_ROOT
from ..schema.base import ID_PATTERN

SCHEMA_VERSION = 1
"""The live-session schema this release writes. Add a step to :data:`MIGRATIONS` when it changes."""

DATABASE_URL_ENV = "HARM_REPAIR_DATABASE_URL"
DATA_DIR_ENV = "HARM_REPAIR_DATA_DIR"
SQLITE_FILE = "live.sqlite3"
BUSY_TIMEOUT_MS = 5000
"""How long an SQLite writer waits for another kernel's write to finish before giving up."""

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""Join-code characters: no I, L, O, 0 or 1, which are easy to mishear or misread."""
CODE_LENGTH = 6

PREFER_NOT = "prefer-not"
PREFER_NOT_LABEL = "Prefer not to answer"
POLL_KIND = "choice"
DEFAULT_K = 5
MIN_K = 3
TOO_FEW = "Too few answers to show safely."

MAX_HOURS = 72
MAX_OPTIONS = 12
MAX_QUESTION_CHARS = 500
MAX_LABEL_CHARS = 200
MAX_FREE_TEXT_CHARS = 1000
MAX_KEY_CHARS = 200

UNKNOWN_CODE = "No session has that code. Check the code with your facilitator."
ENDED = "This session has ended."
EXPIRED = "This session has expired. Ask your facilitator for a new code."
WRONG_KEY = "That session and facilitator key do not match."
NOT_JOINED = "You are not part of this session. Join again with the code."
POLL_CLOSED = "This poll has closed, so answers can no longer change."
NO_POLL = "That poll is not open in this session."


class LiveError(Exception):
    """Something the person at the page can understand and act on; ``str(error)`` is the sentence to show."""


class JoinError(LiveError):
    """A join code that does not lead to a running session."""

    def __init__(self, reason: Literal["unknown", "ended", "expired"]) -> None:
        self.reason = reason
        super().__init__({"unknown": UNKNOWN_CODE, "ended": ENDED, "expired": EXPIRED}[reason])


class PollError(LiveError):
    """An answer or a poll the store refuses (closed poll, unknown option, free text not allowed)."""


class AccessDenied(LiveError, PermissionError):
    """A facilitator action with a wrong key. The same error whether or not the session exists."""

    def __init__(self) -> None:
        super().__init__(WRONG_KEY)


class SchemaError(LiveError):
    """The database cannot be used by this release (written by a newer one)."""


@dataclass(frozen=True)
class NewSession:
    session_id: str
    join_code: str
    facilitator_key: str
    """Shown to the facilitator once. The store keeps only a hash, so it cannot be shown again."""


@dataclass(frozen=True)
class Joined:
    session_id: str
    module_id: str
    token: str
    """The participant's secret. The trainee's page keeps it; the store keeps only its hash."""


@dataclass(frozen=True)
class Resumed:
    """A running session a facilitator took back with its join code and key (after a reload)."""

    session_id: str
    module_id: str
    join_code: str
    free_text_allowed: bool


@dataclass(frozen=True)
class Option:
    id: str
    label: str


@dataclass(frozen=True)
class OpenPoll:
    poll_id: int
    activity_id: str
    question: str
    options: tuple[Option, ...]
    """In order, with "prefer not to answer" last."""
    free_text: bool


@dataclass(frozen=True)
class OptionCount:
    option_id: str
    label: str
    count: int


@dataclass(frozen=True)
class PollResults:
    poll_id: int
    activity_id: str
    question: str
    is_open: bool
    total: int
    shown: bool
    counts: tuple[OptionCount, ...]
    """Per option, in order; empty unless ``shown``, so a page cannot leak what it was not meant to show."""
    message: str | None
    """Why the counts are not shown (too few answers), else None."""


@dataclass(frozen=True)
class FreeText:
    answer_id: str
    text: str
    """As the trainee typed it: escape it before putting it in HTML."""
    hidden: bool


# --- schema ------------------------------------------------------------------------------------

metadata = sa.MetaData()

schema_info = sa.Table(
    "live_schema_info",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("version", sa.Integer, nullable=False),
)
sessions = sa.Table(
    "live_sessions",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("module_id", sa.String(64), nullable=False),
    sa.Column("join_code", sa.String(CODE_LENGTH), nullable=False, unique=True),
    sa.Column("key_salt", sa.LargeBinary(16), nullable=False),
    sa.Column("key_hash", sa.LargeBinary(32), nullable=False),
    sa.Column("pace_activity_id", sa.String(64), nullable=True),
    sa.Column("free_text_allowed", sa.Boolean, nullable=False),
    sa.Column("expires_at", sa.BigInteger, nullable=False, comment="Seconds since the epoch (UTC)."),
    sa.Column("ended", sa.Boolean, nullable=False),
)
participants = sa.Table(
    "live_participants",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("session_id", sa.String(32), sa.ForeignKey("live_sessions.id"), nullable=False, index=True),
    sa.Column("token_hash", sa.LargeBinary(32), nullable=False, unique=True),
)
polls = sa.Table(
    "live_polls",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("session_id", sa.String(32), sa.ForeignKey("live_sessions.id"), nullable=False, index=True),
    sa.Column("activity_id", sa.String(64), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("question", sa.Text, nullable=False),
    sa.Column("options", sa.JSON, nullable=False, comment="[[option id, label], ...], prefer-not last."),
    sa.Column("is_open", sa.Boolean, nullable=False),
    sa.Column("free_text", sa.Boolean, nullable=False),
)
answers = sa.Table(
    "live_answers",
    metadata,
    sa.Column("id", sa.String(24), primary_key=True),
    sa.Column("poll_id", sa.Integer, sa.ForeignKey("live_polls.id"), nullable=False, index=True),
    sa.Column("participant_id", sa.Integer, sa.ForeignKey("live_participants.id"), nullable=False),
    sa.Column("option_id", sa.String(64), nullable=False),
    sa.Column("free_text", sa.Text, nullable=True),
    sa.Column("hidden", sa.Boolean, nullable=False),
    sa.UniqueConstraint("poll_id", "participant_id", name="uq_live_answers_poll_participant"),
)
moments = sa.Table(
    "live_moments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("session_id", sa.String(32), sa.ForeignKey("live_sessions.id"), nullable=False, index=True),
)
aggregates = sa.Table(
    "live_aggregates",
    metadata,
    sa.Column("poll_id", sa.Integer, sa.ForeignKey("live_polls.id"), primary_key=True),
    sa.Column("option_id", sa.String(64), primary_key=True),
    sa.Column("count", sa.Integer, nullable=False),
)
RAW_TABLES = ("live_answers", "live_participants", "live_moments")
"""What ending a session empties (for that session)."""


def _create_version_1(conn: Connection) -> None:
    # Creates the tables as defined above. When a later version changes a table, give it its own
    # step (ALTER TABLE ...), and freeze the version-1 definitions into this step, so that a new
    # database still goes through every step in order.
    metadata.create_all(conn, tables=[schema_info, sessions, participants, polls, answers, moments, aggregates])


MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _create_version_1}
"""``MIGRATIONS[n]`` brings the schema from version ``n - 1`` to ``n`` (0 is an empty database)."""

_UPGRADE_LOCK = 0x6C697665  # "live": serialises upgrades from several machines (PostgreSQL advisory lock)
_WRITE = "harm_repair_write"


# --- where the database is ---------------------------------------------------------------------


def data_dir() -> Path:
    """The folder for the embedded database: ``HARM_REPAIR_DATA_DIR`` when set, else ``data/`` in the project."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override).expanduser().resolve() if override else PROJECT_ROOT / "data"


def database_url() -> str:
    """``HARM_REPAIR_DATABASE_URL`` when a deployment sets it, else SQLite in :func:`data_dir`."""
    return os.environ.get(DATABASE_URL_ENV) or f"sqlite:///{data_dir() / SQLITE_FILE}"


def make_engine(url: str) -> Engine:
    """An engine set up for many kernels sharing one database.

    SQLite: WAL (readers never block the writer), a busy timeout (a writer waits for another
    kernel's write instead of failing), foreign keys on, and our own ``BEGIN``: writes start
    with ``BEGIN IMMEDIATE``. In WAL mode a transaction that reads first and writes later fails
    at once with "database is locked" if another kernel wrote in between, busy timeout or not;
    taking the write lock up front makes it wait its turn instead.
    PostgreSQL: a plain ``postgresql://`` URL is read as psycopg 3, the driver this project ships.
    """
    parsed = sa.make_url(url)
    if parsed.drivername in ("postgres", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(parsed, pool_pre_ping=True)
    if not parsed.database or parsed.database == ":memory:" or parsed.database.startswith("file:"):
        raise ValueError("The live-session store needs an SQLite file that every kernel can open, not memory.")
    Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(parsed)

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # the driver's own BEGIN handling is off; see _on_begin
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")

    return engine


# --- small helpers -----------------------------------------------------------------------------


def _check_id(value: object, what: str) -> str:
    if not isinstance(value, str) or not 2 <= len(value) <= 64 or not ID_PATTERN.match(value):
        raise ValueError(f"{what} must be an id (lower-case letters, digits and single hyphens): {value!r}")
    return value


def _hash_key(key: str, salt: bytes) -> bytes:
    # The key is 192 random bits, so no one can guess it and the hash need not be slow; scrypt with
    # a per-session salt still means a copy of the database does not hand out working keys.
    return hashlib.scrypt(key.encode("utf-8"), salt=salt, n=2**12, r=8, p=1, dklen=32)


def _hash_token(token: str) -> bytes:
    # Tokens are 256 random bits: a plain SHA-256 cannot be reversed, and unlike a salted hash it
    # can be looked up through an index.
    return hashlib.sha256(token.encode("utf-8")).digest()


_DUMMY_SALT = secrets.token_bytes(16)


def normalise_code(code: str) -> str:
    """Join codes are read aloud: case, spaces and hyphens do not matter."""
    return "".join(code.split()).replace("-", "").upper()


def _csv_cell(value: str) -> str:
    """A spreadsheet runs a cell that starts with = + - @ (or tab, CR) as a formula; a leading quote stops it."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _options(poll: Row[Any]) -> tuple[Option, ...]:
    return tuple(Option(str(option_id), str(label)) for option_id, label in poll.options)


def _is_over(session: Row[Any], now: int) -> bool:
    return bool(session.ended) or now >= session.expires_at


# --- the store ---------------------------------------------------------------------------------


class LiveStore:
    """One handle on the live-session database; open one per kernel and keep it.

    ``clock`` returns seconds since the epoch; tests pass their own to reach an expiry.
    Creating the store creates or upgrades the schema (:meth:`upgrade`).
    """

    def __init__(self, url: str | None = None, *, clock: Callable[[], float] = time.time) -> None:
        self.engine = make_engine(url or database_url())
        self._clock = clock
        try:
            self.upgrade()
        except BaseException:
            self.engine.dispose()
            raise

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> LiveStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _now(self) -> int:
        return int(self._clock())

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            conn.execution_options(**{_WRITE: True})
            with conn.begin():
                yield conn

    # --- schema --------------------------------------------------------------------------------

    def schema_version(self) -> int:
        """The version stored in the database (0 when it has no schema yet)."""
        with self._read() as conn:
            return _stored_version(conn)

    def upgrade(self) -> int:
        """Create the schema or bring it up to :data:`SCHEMA_VERSION`, one step at a time, in one transaction.

        Several kernels may start at once on a fresh database: on SQLite the write lock, on
        PostgreSQL an advisory lock, lets one of them do the work while the others wait and
        then find nothing to do. A newer stored version raises :class:`SchemaError` and
        changes nothing.
        """
        with self._write() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_UPGRADE_LOCK)))
            version = _stored_version(conn)
            if version > SCHEMA_VERSION:
                raise SchemaError(
                    f"This database was written by a newer release of the curriculum (live-session schema "
                    f"version {version}; this release knows versions up to {SCHEMA_VERSION}). Update the "
                    "curriculum on this machine. The database was not changed."
                )
            if version == SCHEMA_VERSION:
                return version
            while version < SCHEMA_VERSION:
                MIGRATIONS[version + 1](conn)
                version += 1
            conn.execute(sa.delete(schema_info))
            conn.execute(sa.insert(schema_info).values(id=1, version=version))
            return version

    # --- sessions ------------------------------------------------------------------------------

    def create_session(self, module_id: str, *, hours: float = 4, free_text_allowed: bool = False) -> NewSession:
        """Start a session for a module. The facilitator key in the result is never shown again.

        ``free_text_allowed`` is the room's choice, made once: without it no poll in the
        session can take written answers. Sessions past their expiry are ended here first,
        so raw answers do not outlive a session whose facilitator forgot to end it.
        """
        _check_id(module_id, "module id")
        if not 0 < hours <= MAX_HOURS:
            raise ValueError(f"A session lasts more than 0 and at most {MAX_HOURS} hours, not {hours}.")
        self.end_expired_sessions()
        key = secrets.token_urlsafe(24)
        salt = secrets.token_bytes(16)
        key_hash = _hash_key(key, salt)  # before taking the write lock: hashing takes a while
        session_id = secrets.token_urlsafe(12)
        for _attempt in range(20):
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            try:
                with self._write() as conn:
                    conn.execute(
                        sa.insert(sessions).values(
                            id=session_id,
                            module_id=module_id,
                            join_code=code,
                            key_salt=salt,
                            key_hash=key_hash,
                            pace_activity_id=None,
                            free_text_allowed=free_text_allowed,
                            expires_at=self._now() + int(hours * 3600),
                            ended=False,
                        )
                    )
            except IntegrityError:
                continue  # the code is taken (by a running or an old session): draw another
            return NewSession(session_id, code, key)
        raise RuntimeError("Could not find a free join code; the sessions table may be very full.")

    def check_key(self, session_id: str, key: str) -> bool:
        """Whether ``key`` is this session's facilitator key (False for an unknown session, too)."""
        with self._read() as conn:
            try:
                _facilitator_session(conn, session_id, key)
            except AccessDenied:
                return False
            return True

    def join(self, code: str) -> Joined:
        """A trainee joins by code. Raises :class:`JoinError` (unknown, ended or expired) with a plain message."""
        normal = normalise_code(code) if isinstance(code, str) else ""
        if len(normal) != CODE_LENGTH or any(char not in CODE_ALPHABET for char in normal):
            raise JoinError("unknown")
        token = secrets.token_urlsafe(32)
        with self._write() as conn:
            session = conn.execute(
                sa.select(sessions).where(sessions.c.join_code == normal).with_for_update(read=True)
            ).first()
            if session is None:
                raise JoinError("unknown")
            if self._now() >= session.expires_at:
                raise JoinError("expired")
            if session.ended:
                raise JoinError("ended")
            conn.execute(sa.insert(participants).values(session_id=session.id, token_hash=_hash_token(token)))
        return Joined(session.id, session.module_id, token)

    def participant_count(self, session_id: str) -> int:
        """How many have joined (0 for an unknown or ended session). Nobody is named."""
        with self._read() as conn:
            return int(
                conn.execute(
                    sa.select(sa.func.count()).select_from(participants).where(participants.c.session_id == session_id)
                ).scalar_one()
            )

    def set_pace(self, session_id: str, key: str, activity_id: str | None) -> None:
        """Send the room to an activity, or ``None`` to let everyone go at their own pace."""
        if activity_id is not None:
            _check_id(activity_id, "activity id")
        with self._write() as conn:
            session = _facilitator_session(conn, session_id, key, lock=True)
            if _is_over(session, self._now()):
                raise LiveError(ENDED)
            conn.execute(sa.update(sessions).where(sessions.c.id == session_id).values(pace_activity_id=activity_id))

    def pace(self, session_id: str) -> str | None:
        """The activity the facilitator sent the room to, or None (self-paced, or no such running session)."""
        with self._read() as conn:
            session = conn.execute(sa.select(sessions).where(sessions.c.id == session_id)).first()
        if session is None or _is_over(session, self._now()):
            return None
        return str(session.pace_activity_id) if session.pace_activity_id is not None else None

    def resume_session(self, code: str, key: str) -> Resumed:
        """Take a running session back, from another page or after a reload: join code plus key.

        A wrong key and an unknown code give the same :class:`AccessDenied` after the same
        hashing work; only with the right key does an ended or expired session say so.
        """
        normal = normalise_code(code) if isinstance(code, str) else ""
        with self._read() as conn:
            session = _checked(conn.execute(sa.select(sessions).where(sessions.c.join_code == normal)).first(), key)
        if _is_over(session, self._now()):
            raise LiveError(ENDED)
        return Resumed(str(session.id), str(session.module_id), str(session.join_code), bool(session.free_text_allowed))

    def is_running(self, session_id: str) -> bool:
        """Whether the session exists and has neither ended nor expired (trainees' pages ask on each tick)."""
        with self._read() as conn:
            session = conn.execute(sa.select(sessions).where(sessions.c.id == session_id)).first()
        return session is not None and not _is_over(session, self._now())

    def signal_moment(self, session_id: str, token: str) -> None:
        """A trainee says "I need a moment". Only a count is kept: the signal says nothing about who."""
        with self._write() as conn:
            session = conn.execute(
                sa.select(sessions).where(sessions.c.id == session_id).with_for_update(read=True)
            ).first()
            if session is None:
                raise LiveError(NOT_JOINED)
            if _is_over(session, self._now()):
                raise LiveError(ENDED)
            if _participant_id(conn, session_id, token) is None:
                raise LiveError(NOT_JOINED)
            conn.execute(sa.insert(moments).values(session_id=session_id))

    def moment_count(self, session_id: str, key: str) -> int:
        """How many "I need a moment" signals the session has had, for the facilitator's eyes only."""
        with self._read() as conn:
            _facilitator_session(conn, session_id, key)
            return int(
                conn.execute(
                    sa.select(sa.func.count()).select_from(moments).where(moments.c.session_id == session_id)
                ).scalar_one()
            )

    def end_session(self, session_id: str, key: str) -> None:
        """Close every poll, keep its counts, and delete the raw answers, participants and signals."""
        with self._write() as conn:
            _facilitator_session(conn, session_id, key, lock=True)
            _end(conn, session_id)

    def end_expired_sessions(self) -> int:
        """End every session past its expiry (as :meth:`end_session` does); returns how many."""
        with self._write() as conn:
            expired = (
                conn.execute(
                    sa.select(sessions.c.id)
                    .where(sa.not_(sessions.c.ended), sessions.c.expires_at <= self._now())
                    .with_for_update()
                )
                .scalars()
                .all()
            )
            for session_id in expired:
                _end(conn, session_id)
        return len(expired)

    # --- polls ---------------------------------------------------------------------------------

    def open_poll(
        self,
        session_id: str,
        key: str,
        activity_id: str,
        question: str,
        options: Sequence[tuple[str, str]],
        *,
        free_text: bool = False,
    ) -> int:
        """Open a poll for an activity and return its id; "prefer not to answer" is added as the last option.

        One poll is open at a time in a room: opening one closes the one before (keeping its counts).
        """
        _check_id(activity_id, "activity id")
        question = question.strip() if isinstance(question, str) else ""
        if not question or len(question) > MAX_QUESTION_CHARS:
            raise ValueError(f"A poll question has 1 to {MAX_QUESTION_CHARS} characters.")
        if not 1 <= len(options) <= MAX_OPTIONS:
            raise ValueError(f"A poll has 1 to {MAX_OPTIONS} options (prefer-not is added to them).")
        stored: list[list[str]] = []
        for option_id, label in options:
            _check_id(option_id, "option id")
            label = label.strip() if isinstance(label, str) else ""
            if option_id == PREFER_NOT or option_id in {o for o, _ in stored}:
                raise ValueError(f"Option id {option_id!r} is used twice (or is the reserved {PREFER_NOT!r}).")
            if not label or len(label) > MAX_LABEL_CHARS:
                raise ValueError(f"Option {option_id!r} needs a label of 1 to {MAX_LABEL_CHARS} characters.")
            stored.append([option_id, label])
        stored.append([PREFER_NOT, PREFER_NOT_LABEL])
        with self._write() as conn:
            session = _facilitator_session(conn, session_id, key, lock=True)
            if _is_over(session, self._now()):
                raise PollError(ENDED)
            if free_text and not session.free_text_allowed:
                raise PollError("Written answers are off for this session.")
            for poll in conn.execute(
                sa.select(polls).where(polls.c.session_id == session_id, polls.c.is_open).with_for_update()
            ).all():
                _close(conn, poll)
            result = conn.execute(
                sa.insert(polls).values(
                    session_id=session_id,
                    activity_id=activity_id,
                    kind=POLL_KIND,
                    question=question,
                    options=stored,
                    is_open=True,
                    free_text=bool(free_text),
                )
            )
            key_row = result.inserted_primary_key
            assert key_row is not None
        return int(key_row[0])

    def close_poll(self, poll_id: int, key: str) -> None:
        """Stop answers from changing and keep the counts. Closing a closed poll does nothing."""
        with self._write() as conn:
            poll = _facilitator_poll(conn, poll_id, key, lock=True)
            if poll.is_open:
                _close(conn, poll)

    def current_poll(self, session_id: str) -> OpenPoll | None:
        """The poll open in the room, for the trainees' pages (None when there is none)."""
        with self._read() as conn:
            poll = conn.execute(
                sa.select(polls)
                .join(sessions, sessions.c.id == polls.c.session_id)
                .where(
                    polls.c.session_id == session_id,
                    polls.c.is_open,
                    sa.not_(sessions.c.ended),
                    sessions.c.expires_at > self._now(),
                )
                .order_by(polls.c.id.desc())
                .limit(1)
            ).first()
        if poll is None:
            return None
        return OpenPoll(poll.id, poll.activity_id, poll.question, _options(poll), bool(poll.free_text))

    def answer(self, poll_id: int, token: str, option_id: str, free_text: str | None = None) -> None:
        """Record a trainee's answer, or change it while the poll is open. Raises :class:`PollError` otherwise.

        A written answer is kept only when the poll takes them; it is stripped and cut to
        :data:`MAX_FREE_TEXT_CHARS`. If the facilitator hid the written answer, it stays hidden
        unless the trainee changes its text.
        """
        with self._write() as conn:
            found = conn.execute(
                sa.select(polls, sessions.c.ended, sessions.c.expires_at)
                .join(sessions, sessions.c.id == polls.c.session_id)
                .where(polls.c.id == poll_id)
                .with_for_update(read=True)
            ).first()
            if found is None:
                raise PollError(NO_POLL)
            if _is_over(found, self._now()):
                raise PollError(ENDED)
            participant_id = _participant_id(conn, found.session_id, token)
            if participant_id is None:
                raise PollError(NOT_JOINED)
            if not found.is_open:
                raise PollError(POLL_CLOSED)
            if option_id not in {option.id for option in _options(found)}:
                raise PollError("That is not one of this poll's options.")
            text = free_text.strip()[:MAX_FREE_TEXT_CHARS] if isinstance(free_text, str) else None
            if text and not found.free_text:
                raise PollError("This poll does not take written answers.")
            insert = postgresql_insert if conn.dialect.name == "postgresql" else sqlite_insert
            statement = insert(answers).values(
                id=secrets.token_urlsafe(9),
                poll_id=poll_id,
                participant_id=participant_id,
                option_id=option_id,
                free_text=text or None,
                hidden=False,
            )
            conn.execute(
                statement.on_conflict_do_update(
                    index_elements=[answers.c.poll_id, answers.c.participant_id],
                    set_={
                        "option_id": statement.excluded.option_id,
                        "free_text": statement.excluded.free_text,
                        "hidden": sa.and_(
                            answers.c.hidden, answers.c.free_text.is_not_distinct_from(statement.excluded.free_text)
                        ),
                    },
                )
            )

    def my_answer(self, poll_id: int, token: str) -> str | None:
        """The option this trainee chose in this poll, so their page can show it again after a reload."""
        with self._read() as conn:
            return conn.execute(
                sa.select(answers.c.option_id)
                .join(participants, participants.c.id == answers.c.participant_id)
                .where(answers.c.poll_id == poll_id, participants.c.token_hash == _hash_token(str(token)))
            ).scalar_one_or_none()

    def results(self, poll_id: int, key: str, *, k: int = DEFAULT_K) -> PollResults:
        """Counts per option, shown only when at least ``k`` answers exist (``k`` is never below 3)."""
        k = max(MIN_K, int(k))
        with self._read() as conn:
            poll = _facilitator_poll(conn, poll_id, key)
            counts = _counts(conn, poll)
        total = sum(counts.values())
        shown = total >= k
        return PollResults(
            poll_id=poll.id,
            activity_id=poll.activity_id,
            question=poll.question,
            is_open=bool(poll.is_open),
            total=total,
            shown=shown,
            counts=tuple(OptionCount(o.id, o.label, counts.get(o.id, 0)) for o in _options(poll)) if shown else (),
            message=None if shown else TOO_FEW,
        )

    def free_texts(self, poll_id: int, key: str, *, k: int = DEFAULT_K) -> list[FreeText]:
        """The written answers, hidden ones flagged, in text order and with no link to who wrote them.

        Empty while the poll has fewer than ``k`` answers (the same rule as :meth:`results`),
        and after the session ends (written answers are raw data and are deleted).
        """
        k = max(MIN_K, int(k))
        with self._read() as conn:
            _facilitator_poll(conn, poll_id, key)
            total = conn.execute(
                sa.select(sa.func.count()).select_from(answers).where(answers.c.poll_id == poll_id)
            ).scalar_one()
            if total < k:
                return []
            rows = conn.execute(
                sa.select(answers.c.id, answers.c.free_text, answers.c.hidden)
                .where(answers.c.poll_id == poll_id, answers.c.free_text.is_not(None))
                .order_by(answers.c.free_text, answers.c.id)
            ).all()
        return [FreeText(row.id, row.free_text, bool(row.hidden)) for row in rows]

    def hide_free_text(self, answer_id: str, key: str) -> None:
        """Hide a written answer from what the room is shown. The trainee's choice of option still counts."""
        with self._write() as conn:
            row = conn.execute(sa.select(answers.c.poll_id).where(answers.c.id == answer_id)).first()
            _facilitator_poll(conn, row.poll_id if row is not None else -1, key)
            conn.execute(sa.update(answers).where(answers.c.id == answer_id).values(hidden=True))

    # --- export --------------------------------------------------------------------------------

    def export_csv(self, session_id: str, key: str, *, k: int = DEFAULT_K) -> str:
        """The counts of every closed poll (every poll, once the session has ended) as CSV.

        Columns: activity, question, option, count. A poll with fewer than ``k`` answers gets
        one row saying so instead of its counts. Cells a spreadsheet would run as a formula are
        prefixed with a quote.
        """
        k = max(MIN_K, int(k))
        with self._read() as conn:
            _facilitator_session(conn, session_id, key)
            closed = conn.execute(
                sa.select(polls).where(polls.c.session_id == session_id, sa.not_(polls.c.is_open)).order_by(polls.c.id)
            ).all()
            tallies = [(poll, _counts(conn, poll)) for poll in closed]
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["activity", "question", "option", "count"])
        for poll, counts in tallies:
            activity, question = _csv_cell(poll.activity_id), _csv_cell(poll.question)
            if sum(counts.values()) < k:
                writer.writerow([activity, question, TOO_FEW, ""])
                continue
            for option in _options(poll):
                writer.writerow([activity, question, _csv_cell(option.label), counts.get(option.id, 0)])
        return out.getvalue()


# --- inside a transaction ----------------------------------------------------------------------


def _stored_version(conn: Connection) -> int:
    if not sa.inspect(conn).has_table(schema_info.name):
        return 0
    version = conn.execute(sa.select(sa.func.max(schema_info.c.version))).scalar_one_or_none()
    return int(version or 0)


def _facilitator_session(conn: Connection, session_id: str, key: str, *, lock: bool = False) -> Row[Any]:
    """The session, if ``key`` is its facilitator key; else :class:`AccessDenied`.

    An unknown session costs the same hash as a known one and gives the same error, so a
    wrong key learns nothing about which sessions exist.
    """
    query = sa.select(sessions).where(sessions.c.id == str(session_id))
    return _checked(conn.execute(query.with_for_update() if lock else query).first(), key)


def _facilitator_poll(conn: Connection, poll_id: int, key: str, *, lock: bool = False) -> Row[Any]:
    """The poll, if ``key`` is the facilitator key of its session; else :class:`AccessDenied`."""
    query = (
        sa.select(polls, sessions.c.key_salt, sessions.c.key_hash)
        .join(sessions, sessions.c.id == polls.c.session_id)
        .where(polls.c.id == (poll_id if isinstance(poll_id, int) else -1))
    )
    return _checked(conn.execute(query.with_for_update() if lock else query).first(), key)


def _checked(row: Row[Any] | None, key: str) -> Row[Any]:
    """``row`` (which carries ``key_salt`` and ``key_hash``) if ``key`` matches, else :class:`AccessDenied`."""
    valid_key = isinstance(key, str) and len(key) <= MAX_KEY_CHARS
    digest = _hash_key(key if valid_key else "", row.key_salt if row is not None else _DUMMY_SALT)
    if row is None or not valid_key or not hmac.compare_digest(digest, row.key_hash):
        raise AccessDenied()
    return row


def _participant_id(conn: Connection, session_id: str, token: str) -> int | None:
    if not isinstance(token, str):
        return None
    return conn.execute(
        sa.select(participants.c.id).where(
            participants.c.token_hash == _hash_token(token), participants.c.session_id == session_id
        )
    ).scalar_one_or_none()


def _counts(conn: Connection, poll: Row[Any]) -> dict[str, int]:
    """Answers per option: counted live while the poll is open, from the kept aggregates once closed."""
    if poll.is_open:
        query = (
            sa.select(answers.c.option_id, sa.func.count())
            .where(answers.c.poll_id == poll.id)
            .group_by(answers.c.option_id)
        )
    else:
        query = sa.select(aggregates.c.option_id, aggregates.c.count).where(aggregates.c.poll_id == poll.id)
    return {str(option_id): int(count) for option_id, count in conn.execute(query).all()}


def _close(conn: Connection, poll: Row[Any]) -> None:
    counts = _counts(conn, poll)
    conn.execute(sa.delete(aggregates).where(aggregates.c.poll_id == poll.id))
    conn.execute(
        sa.insert(aggregates),
        [{"poll_id": poll.id, "option_id": o.id, "count": counts.get(o.id, 0)} for o in _options(poll)],
    )
    conn.execute(sa.update(polls).where(polls.c.id == poll.id).values(is_open=False))


def _end(conn: Connection, session_id: str) -> None:
    for poll in conn.execute(
        sa.select(polls).where(polls.c.session_id == session_id, polls.c.is_open).with_for_update()
    ).all():
        _close(conn, poll)
    session_polls = sa.select(polls.c.id).where(polls.c.session_id == session_id)
    conn.execute(sa.delete(answers).where(answers.c.poll_id.in_(session_polls)))
    conn.execute(sa.delete(participants).where(participants.c.session_id == session_id))
    conn.execute(sa.delete(moments).where(moments.c.session_id == session_id))
    conn.execute(sa.update(sessions).where(sessions.c.id == session_id).values(ended=True, pace_activity_id=None))

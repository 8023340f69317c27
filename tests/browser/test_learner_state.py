"""Progress and private notes that survive reloads, stay on the trainee's device, and can be exported.

Most tests share one Voilà server on a fixed port, so it can be restarted on the same
origin (localStorage is per host and port). Each test has its own browser context, i.e. a
fresh "device". The privacy test owns its server, log and browser profile, so it can
check where a typed note ends up on disk.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, Playwright, expect

from curriculum.paths import PROJECT_ROOT

from .helpers import (
    LAUNCH_ARGS,
    VoilaServer,
    blocking_violations,
    chromium_path,
    is_local_url,
    tab_to,
    wait_landing_ready,
    wait_module_ready,
)

pytestmark = pytest.mark.browser

MODULE_PATH = "/voila/render/hurt-harm-abuse.ipynb"
MODULE_TITLE = "Hurt, harm and abuse"
VIGNETTE_TITLE = "A slip on a partners' call"
REFLECTION_TITLE = "Thinking about your practice"
STORAGE_PREFIX = "harm-repair:"
STORAGE_KEY = "harm-repair:learner-state"
NEUTRAL_URL = "https://neutral.example/"
READY_MS = 60_000
MAX_SCAN_BYTES = 50 * 1024 * 1024


# fixtures -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server() -> Iterator[VoilaServer]:
    """Shared by this module's tests; "Leave quickly" points to a host the tests intercept."""
    log_dir = Path(tempfile.mkdtemp(prefix="harm-repair-voila-"))
    srv = VoilaServer(log_path=log_dir / "voila.log", env={"HARM_REPAIR_LEAVE_URL": NEUTRAL_URL}).start()
    try:
        yield srv
    finally:
        srv.stop()


# steps ----------------------------------------------------------------------------------


def open_module(page: Page, server: VoilaServer) -> None:
    page.goto(server.url + MODULE_PATH)
    wait_module_ready(page)


def reload_module(page: Page) -> None:
    page.reload()
    wait_module_ready(page)


def stored(page: Page) -> str:
    return page.evaluate("key => localStorage.getItem(key) || ''", STORAGE_KEY)


def wait_stored(page: Page, text: str) -> None:
    """Wait until the browser has written ``text`` into its store (the kernel syncs it back)."""
    page.wait_for_function("([key, text]) => (localStorage.getItem(key) || '').includes(text)", arg=[STORAGE_KEY, text])


def answer_harm(page: Page) -> None:
    page.get_by_role("button", name="Continue to the activity").first.click()
    page.get_by_role("button", name="Harm", exact=True).first.click()
    expect(feedback(page)).to_contain_text("You chose Harm")
    wait_stored(page, '"harm"')


def feedback(page: Page) -> Locator:
    return page.locator(".hr-feedback[role=status]").first


def note_box(page: Page, n: int = 1) -> Locator:
    return page.get_by_role("textbox", name=f"Notes for question {n}")


def write_note(page: Page, text: str) -> None:
    box = note_box(page)
    box.fill(text)
    wait_stored(page, text.replace("\\", "\\\\").replace('"', '\\"'))


def kernel_caught_up(page: Page) -> None:
    """Open and close "My notes and data": the kernel handles messages in order, so once it
    has answered this, it has also handled what the page sent on load (the stored state)."""
    page.get_by_role("button", name="My notes and data").click()
    expect(page.get_by_role("heading", name="Your notes and data")).to_be_visible()
    page.get_by_role("button", name="Hide my notes and data").click()
    expect(page.get_by_role("heading", name="Your notes and data")).to_be_hidden()


def welcome_text(activity_title: str) -> str:
    return (
        "Welcome back. Your progress on this device is restored. "
        f"You stopped at \N{LEFT DOUBLE QUOTATION MARK}{activity_title}\N{RIGHT DOUBLE QUOTATION MARK}."
    )


def assert_restored(page: Page, note: str) -> None:
    expect(page.get_by_text(welcome_text(REFLECTION_TITLE))).to_be_visible(timeout=READY_MS)
    expect(page.get_by_role("button", name="Go to where you stopped")).to_be_visible()
    expect(page.get_by_role("button", name="Start over", exact=True)).to_be_visible()
    expect(feedback(page)).to_contain_text("You chose Harm")
    expect(note_box(page)).to_have_value(note)


def storage_keys(page: Page) -> list[str]:
    return page.evaluate("prefix => Object.keys(localStorage).filter(k => k.startsWith(prefix))", STORAGE_PREFIX)


# tests: one device, one shared server ----------------------------------------------------


def test_progress_and_notes_survive_reload_and_server_restart(
    page: Page, server: VoilaServer, external_requests: list[str]
) -> None:
    note = "Ask the speaker before the call how they want to be introduced."
    open_module(page, server)
    expect(page.get_by_text("Welcome back.")).to_have_count(0)
    answer_harm(page)
    write_note(page, note)

    reload_module(page)
    assert_restored(page, note)

    server.restart()
    reload_module(page)
    assert_restored(page, note)
    assert external_requests == [], f"requests left localhost: {external_requests}"


def test_clear_my_data_empties_the_device(page: Page, server: VoilaServer, external_requests: list[str]) -> None:
    open_module(page, server)
    answer_harm(page)
    write_note(page, "to be cleared")
    assert storage_keys(page) == [STORAGE_KEY]

    page.get_by_role("button", name="My notes and data").click()
    page.get_by_role("button", name="Clear my data").click()
    expect(page.get_by_role("alert")).to_contain_text("removes all your progress and notes")
    expect(page.get_by_role("button", name="Cancel")).to_be_focused()
    with page.expect_navigation(timeout=READY_MS):
        page.get_by_role("button", name="Yes, clear my data").click()
    wait_module_ready(page)
    kernel_caught_up(page)

    assert storage_keys(page) == []
    expect(page.get_by_role("button", name="Continue to the activity").first).to_be_visible()
    expect(page.locator(".hr-feedback")).to_have_count(0)
    expect(page.get_by_text("Welcome back.")).to_have_count(0)
    expect(note_box(page)).to_have_value("")
    assert storage_keys(page) == [], "a fresh page must not write anything before the trainee acts"
    assert external_requests == [], f"requests left localhost: {external_requests}"


def test_start_over_from_welcome_back(page: Page, server: VoilaServer, external_requests: list[str]) -> None:
    open_module(page, server)
    answer_harm(page)
    write_note(page, "to start over")
    reload_module(page)
    expect(page.get_by_text(welcome_text(REFLECTION_TITLE))).to_be_visible(timeout=READY_MS)

    page.get_by_role("button", name="Start over", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("starts it again from the top")
    expect(page.get_by_role("button", name="Cancel")).to_be_focused()
    with page.expect_navigation(timeout=READY_MS):
        page.get_by_role("button", name="Yes, start over").click()
    wait_module_ready(page)
    kernel_caught_up(page)

    expect(page.get_by_text("Welcome back.")).to_have_count(0)
    expect(page.get_by_role("button", name="Continue to the activity").first).to_be_visible()
    expect(page.locator(".hr-feedback")).to_have_count(0)
    expect(note_box(page)).to_have_value("")
    assert "to start over" not in stored(page)
    assert '"harm"' not in stored(page)
    assert external_requests == [], f"requests left localhost: {external_requests}"


def test_download_my_notes(page: Page, server: VoilaServer, external_requests: list[str]) -> None:
    note = 'Check <b>x</b> & "q" first'
    open_module(page, server)
    answer_harm(page)
    write_note(page, note)
    page.get_by_role("button", name="My notes and data").click()

    with page.expect_download() as info:
        page.get_by_role("button", name="Download my notes (Markdown)").click()
    download = info.value
    assert download.suggested_filename == "harm-repair-notes-hurt-harm-abuse.md"
    markdown = Path(download.path()).read_text(encoding="utf-8")
    for expected in (MODULE_TITLE, VIGNETTE_TITLE, "Your reading: Harm", REFLECTION_TITLE, note):
        assert expected in markdown, f"{expected!r} missing from the Markdown export:\n{markdown}"

    with page.expect_download() as info:
        page.get_by_role("button", name="Download my notes (printable page)").click()
    download = info.value
    assert download.suggested_filename == "harm-repair-notes-hurt-harm-abuse.html"
    printable = Path(download.path()).read_text(encoding="utf-8")
    assert printable.startswith("<!DOCTYPE html>")
    assert "&lt;b&gt;x&lt;/b&gt;" in printable
    assert "<b>x</b>" not in printable
    assert "&amp;" in printable
    assert VIGNETTE_TITLE.replace("'", "&#x27;") in printable
    assert external_requests == [], f"requests left localhost: {external_requests}"


def test_landing_shows_progress_on_this_device(page: Page, server: VoilaServer, external_requests: list[str]) -> None:
    page.goto(server.url + "/")
    wait_landing_ready(page)
    kernel_caught_up(page)
    expect(page.get_by_text(re.compile("Your progress on this device"))).to_have_count(0)

    open_module(page, server)
    page.get_by_role("button", name="Skip this activity").first.click()
    expect(page.get_by_text("You skipped this activity. It still counts as done.")).to_be_visible()
    wait_stored(page, '"done":true')

    page.goto(server.url + "/")
    wait_landing_ready(page)
    card = page.locator("li", has=page.get_by_role("link", name=MODULE_TITLE))
    expect(card).to_contain_text("Your progress on this device: 1 of 3 activities done.", timeout=READY_MS)
    assert external_requests == [], f"requests left localhost: {external_requests}"


def test_leave_quickly_by_keyboard(page: Page, server: VoilaServer) -> None:
    page.route(NEUTRAL_URL + "**", lambda route: route.fulfill(body="neutral", content_type="text/plain"))
    open_module(page, server)
    before = page.evaluate("history.length")

    tab_to(page, "Leave quickly")
    page.keyboard.press("Enter")
    page.wait_for_url(NEUTRAL_URL, timeout=10_000)
    expect(page.locator("body")).to_have_text("neutral")
    assert page.evaluate("history.length") == before, "Leave quickly must replace the page, not add to history"


def test_accessibility_of_welcome_back_and_data_panel(
    page: Page, server: VoilaServer, axe: Axe, external_requests: list[str]
) -> None:
    open_module(page, server)
    answer_harm(page)
    write_note(page, "for axe")
    reload_module(page)
    expect(page.get_by_text(welcome_text(REFLECTION_TITLE))).to_be_visible(timeout=READY_MS)
    problems = {"welcome back": blocking_violations(axe, page)}

    page.get_by_role("button", name="My notes and data").click()
    expect(page.get_by_role("button", name="Clear my data")).to_be_visible()
    problems["data panel"] = blocking_violations(axe, page)

    page.get_by_role("button", name="Clear my data").click()
    expect(page.get_by_role("button", name="Yes, clear my data")).to_be_visible()
    problems["confirmation"] = blocking_violations(axe, page)
    page.get_by_role("button", name="Cancel").click()

    assert problems == {"welcome back": [], "data panel": [], "confirmation": []}
    assert external_requests == [], f"requests left localhost: {external_requests}"


# privacy: a typed note stays on the device -------------------------------------------------


def files_modified_since(root: Path, since: float, skip: set[Path]) -> Iterator[Path]:
    """Regular files under ``root`` changed at or after ``since`` (no symlinks, FIFOs or sockets)."""
    for dirpath, dirnames, filenames in os.walk(root, onerror=lambda _e: None):
        here = Path(dirpath)
        dirnames[:] = [d for d in dirnames if (here / d) not in skip]
        for name in filenames:
            path = here / name
            try:
                info = path.lstat()
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode) and info.st_mtime >= since and info.st_size <= MAX_SCAN_BYTES:
                yield path


def containing(paths: Iterator[Path], needles: list[bytes]) -> list[Path]:
    found = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if any(needle in data for needle in needles):
            found.append(path)
    return found


def test_private_note_never_leaves_the_device(playwright_instance: Playwright) -> None:
    work = Path(tempfile.mkdtemp(prefix="harm-repair-privacy-"))
    profile = work / "browser-profile"
    profile.mkdir()
    log = work / "voila.log"
    sentinel = f"SENTINEL-{uuid.uuid4().hex}"
    # Chromium keeps localStorage strings as Latin-1 or UTF-16: look for both, everywhere.
    needles = [sentinel.encode("utf-8"), sentinel.encode("utf-16-le")]
    start = time.time() - 1  # file times can be coarser than time.time()

    server = VoilaServer(log_path=log).start()
    context = playwright_instance.chromium.launch_persistent_context(
        user_data_dir=str(profile),
        args=LAUNCH_ARGS,
        locale="en-GB",
        viewport={"width": 1280, "height": 900},
        executable_path=chromium_path(),  # None: Playwright's own Chromium
    )
    external: list[str] = []
    context.on("request", lambda r: None if is_local_url(r.url) else external.append(r.url))
    try:
        context.set_default_timeout(15_000)
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(server.url + MODULE_PATH)
        wait_module_ready(page)
        note_box(page).fill(sentinel)
        wait_stored(page, sentinel)
        page.wait_for_timeout(1500)
        reload_module(page)
        expect(note_box(page)).to_have_value(sentinel, timeout=READY_MS)
    finally:
        context.close()
        server.stop()

    assert log.stat().st_size > 0, "the Voilà log should hold the server's output"
    assert sentinel.encode() not in log.read_bytes(), "the note reached the Voilà log"
    in_project = containing(
        files_modified_since(PROJECT_ROOT, start, {PROJECT_ROOT / ".venv", PROJECT_ROOT / ".git"}), needles
    )
    assert in_project == [], "the note was written in the project folder"
    in_tmp = containing(files_modified_since(Path(tempfile.gettempdir()), start, {profile}), needles)
    assert in_tmp == [], "the note was written in a temporary folder outside the browser"
    hub_store = Path.home() / ".local" / "share" / "harm-repair"
    if hub_store.exists():
        assert containing(files_modified_since(hub_store, 0, set()), needles) == [], "the note reached the hub store"
    on_device = containing(files_modified_since(profile, start, set()), needles)
    assert on_device, "the note should be kept in the browser profile (the trainee's device)"
    assert external == [], f"requests left localhost: {external}"
    shutil.rmtree(work, ignore_errors=True)  # kept only when the test fails, to look into

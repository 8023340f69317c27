"""The bridge to the trainee's browser storage, and the "Leave quickly" button.

Built on anywidget (``static/device_store.js``). The browser sends what it holds once,
when the page opens (``raw`` and ``loaded``); the kernel sends the module's part back
whenever it changes (``module_json``). Downloads, clearing and reloading are one-off
messages to the browser. "Leave quickly" runs in the browser alone, so it works even if
the kernel is busy or gone.

While a live session is on, the browser sends a ``tick`` every ``tick_seconds`` so the
kernel can look for a new poll or a change of pace in the main thread (no background
thread touching widgets). With ``tick_seconds`` at 0, nothing is sent.

Languages: the browser sets the page's ``lang`` (and, when given, its title) from
``language`` and ``page_title``. :meth:`switch_language` remembers a trainee's choice in
the browser (``LANGUAGE_KEY``, outside the learner state, whose version is unchanged) and
reloads the page with ``?lang=``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import anywidget
import traitlets as t

from curriculum.i18n import _
from curriculum.stores.learner_state import STATE_VERSION, STORAGE_KEY

from . import ui

LANGUAGE_KEY = "harm-repair:language"
"""Where the browser remembers the chosen language (the page template reads it too)."""

NEUTRAL_PAGE = "https://www.google.com/search?q=weather"
"""Where "Leave quickly" goes by default; a deployment can set HARM_REPAIR_LEAVE_URL."""


class DeviceStore(anywidget.AnyWidget):
    _esm = Path(__file__).parent / "static" / "device_store.js"

    storage_key = t.Unicode(STORAGE_KEY).tag(sync=True)
    version = t.Int(STATE_VERSION).tag(sync=True)
    module_id = t.Unicode("").tag(sync=True)
    module_json = t.Unicode("").tag(sync=True)
    writable = t.Bool(True).tag(sync=True)
    raw = t.Unicode("").tag(sync=True)
    loaded = t.Bool(False).tag(sync=True)
    storage_error = t.Unicode("").tag(sync=True)
    leave_url = t.Unicode(NEUTRAL_PAGE).tag(sync=True)
    leave_label = t.Unicode("").tag(sync=True)
    leave_hint = t.Unicode("").tag(sync=True)
    tick_seconds = t.Float(0.0).tag(sync=True)
    language = t.Unicode("en").tag(sync=True)
    page_title = t.Unicode("").tag(sync=True)
    language_key = t.Unicode(LANGUAGE_KEY).tag(sync=True)

    def __init__(
        self, module_id: str = "", leave_url: str | None = None, *, language: str = "en", page_title: str = ""
    ) -> None:
        super().__init__(
            module_id=module_id,
            leave_url=leave_url or NEUTRAL_PAGE,
            leave_label=_("Leave quickly"),
            leave_hint=_("Clears this screen and opens a neutral page at once"),
            language=language,
            page_title=page_title,
            **ui.shared(),
        )
        self.tick_listeners: list[Callable[[], None]] = []
        self.on_msg(self._on_browser_message)

    def _on_browser_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("type") == "tick":
            for listener in list(self.tick_listeners):
                listener()

    def tick(self) -> None:
        """What the browser's timer does; tests call it directly."""
        self._on_browser_message(self, {"type": "tick"}, [])

    def download(self, filename: str, mime: str, content: str) -> None:
        self.send({"type": "download", "filename": filename, "mime": mime, "content": content})

    def clear_device(self) -> None:
        self.send({"type": "clear"})

    def reload_page(self) -> None:
        self.send({"type": "reload"})

    def scroll_to(self, selector: str) -> None:
        self.send({"type": "scroll", "selector": selector})

    def switch_language(self, language: str) -> None:
        """Remember ``language`` in this browser and reload the page in it."""
        self.send({"type": "language", "language": language})

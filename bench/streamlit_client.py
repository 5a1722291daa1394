"""A lightweight Streamlit client: what a browser tab says to the app over its websocket, and
nothing more, so one process can stand in for hundreds of phones.

It speaks Streamlit's own protocol (`streamlit.proto`): it opens a page with a query string,
keeps the elements each run draws (the widgets with their ids, the text), reruns a fragment
whenever the app asked for it to be rerun every so often (`st.fragment(run_every=...)`, as the
browser's timer does), follows the address when the app changes it (`st.query_params`), and
submits a form: the form's widget values and its submit button's trigger, in one rerun of the
fragment the form is drawn in, as the browser sends them. Like the browser, it sends every value
it holds with every rerun, the timer's too (the server takes a rerun's values as the whole of
them). It draws nothing and runs no JavaScript: the time it measures is the server's and the
network's, not a phone's rendering.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

STREAM = "/_stcore/stream"


@dataclass
class Drawn:
    """An element a run drew: its kind, its proto, and the fragment that drew it."""

    kind: str
    element: Element
    fragment_id: str

    @property
    def widget(self):  # the element's own proto (multiselect, radio, button…)
        return getattr(self.element, self.kind)

    @property
    def text(self) -> str:
        inner = self.widget
        return str(getattr(inner, "body", "") or getattr(inner, "label", ""))


@dataclass
class StreamlitClient:
    """One browser tab's conversation with the app at `base_url`, on the page `page_name`."""

    base_url: str
    page_name: str
    query_string: str
    drawn: list[Drawn] = field(default_factory=list)
    received: list[str] = field(default_factory=list)
    """Every message's kind, in order, for a report on a run that never drew what it should."""
    _socket: websockets.ClientConnection | None = None
    _reader: asyncio.Task[None] | None = None
    _timers: dict[str, asyncio.Task[None]] = field(default_factory=dict)
    _page_hash: str = ""
    _states: dict[str, WidgetState] = field(default_factory=dict)
    """The widgets' values the tab holds, sent with every rerun (as the browser's widget
    state manager does: the server takes a rerun's states as the whole of them)."""
    _finished: asyncio.Event = field(default_factory=asyncio.Event)
    _watchers: list[tuple[Callable[[Drawn], bool], asyncio.Future[float]]] = field(
        default_factory=list
    )

    async def open(self) -> None:
        """Connect and run the page once, as a browser opening the address does."""
        address = self.base_url.replace("http://", "ws://", 1) + STREAM
        self._socket = await websockets.connect(address, subprotocols=["streamlit"], max_size=None)
        self._reader = asyncio.create_task(self._read())
        await self.rerun()

    async def close(self) -> None:
        for timer in self._timers.values():
            timer.cancel()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        if self._socket is not None:
            await self._socket.close()

    def widget(self, kind: str, label: str) -> Drawn:
        """The last drawn widget of `kind` with `label`."""
        found = [d for d in self.drawn if d.kind == kind and d.widget.label == label]
        if not found:
            raise LookupError(f"no {kind} labelled {label!r} on the page")
        return found[-1]

    def _message(self, fragment_id: str = "", *, auto: bool = False) -> BackMsg:
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query_string
        state.page_name = self.page_name
        state.page_script_hash = self._page_hash
        state.fragment_id = fragment_id
        state.is_auto_rerun = auto
        state.context_info.url = f"{self.base_url}/{self.page_name}"
        state.widget_states.widgets.extend(self._states.values())
        return message

    async def rerun(self) -> None:
        """Rerun the page and wait until the run has finished."""
        assert self._socket is not None
        self._finished.clear()
        await self._socket.send(self._message().SerializeToString())
        await self._finished.wait()

    def watch(self, condition: Callable[[Drawn], bool]) -> asyncio.Future[float]:
        """A future that resolves with the loop's time when an element matching `condition`
        is drawn (from now on)."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._watchers.append((condition, future))
        return future

    async def submit_form(self, button: Drawn, values: list[tuple[Drawn, str, object]]) -> None:
        """Press a form's submit button with its widgets set: each widget with its state's
        field (`string_array_value`, `string_value`…) and value."""
        for widget, kind, value in values:
            state = WidgetState(id=widget.widget.id)
            if kind == "string_array_value":
                state.string_array_value.data[:] = list(value)  # type: ignore[call-overload]
            else:
                setattr(state, kind, value)
            self._states[state.id] = state
        message = self._message(button.fragment_id)
        trigger = message.rerun_script.widget_states.widgets.add()
        trigger.id = button.widget.id
        trigger.trigger_value = True
        assert self._socket is not None
        await self._socket.send(message.SerializeToString())

    async def _every(self, fragment_id: str, interval: float) -> None:
        assert self._socket is not None
        while True:
            await asyncio.sleep(interval)
            await self._socket.send(self._message(fragment_id, auto=True).SerializeToString())

    async def _read(self) -> None:
        assert self._socket is not None
        async for data in self._socket:
            message = ForwardMsg()
            message.ParseFromString(data)
            kind = message.WhichOneof("type")
            self.received.append(
                kind if kind != "script_finished" else f"finished:{message.script_finished}"
            )
            if kind == "new_session":
                self._page_hash = message.new_session.page_script_hash
            elif kind == "navigation":
                # The page st.navigation chose: a browser sends its hash back with every rerun,
                # and a full rerun under the main script's hash would open the default page.
                self._page_hash = message.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = message.page_info_changed.query_string
            elif kind == "auto_rerun":
                rerun = message.auto_rerun
                if rerun.fragment_id not in self._timers:
                    self._timers[rerun.fragment_id] = asyncio.create_task(
                        self._every(rerun.fragment_id, rerun.interval)
                    )
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                drawn = Drawn(element.WhichOneof("type") or "", element, message.delta.fragment_id)
                self.drawn.append(drawn)
                now = asyncio.get_running_loop().time()
                for condition, future in list(self._watchers):
                    if not future.done() and condition(drawn):
                        future.set_result(now)
                        self._watchers.remove((condition, future))
            elif kind == "script_finished":
                self._finished.set()

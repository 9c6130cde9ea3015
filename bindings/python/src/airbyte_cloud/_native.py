"""Access to the SWIG module and the handle wrapper every object of the package is built on.

The SWIG module (``airbyte_cloud.capi``) returns each handle as an owned proxy: the garbage
collector frees it with its ``abc_*_free``. :class:`Handle` adds what the C contract needs on top:
an explicit, idempotent :meth:`Handle.close`, a clear error when a closed handle is used, and
lifetimes: a handle made from another (a job from its workspace) keeps that parent alive, and
closing the parent closes its children first, so no C handle outlives one it depends on.
"""

from __future__ import annotations

import importlib
import threading
import weakref
from typing import Any, overload

from airbyte_cloud.exceptions import PyAirbyteInputError

# Untyped SWIG module: the typed layer is the rest of the package.
capi: Any = importlib.import_module("airbyte_cloud.capi")


class Handle:
    """One owned C handle (a SWIG proxy), closed once: by close(), its parent, or the GC."""

    __slots__ = ("_proxy", "_kind", "_parents", "_children", "__weakref__")

    def __init__(self, proxy: Any, kind: str, parent: Handle | None = None) -> None:
        if proxy is None:
            raise ValueError(f"no {kind} handle")
        self._proxy = proxy
        self._kind = kind
        self._parents: list[Handle] = []
        self._children: weakref.WeakSet[Handle] | None = None
        if parent is not None:
            self.depend_on(parent)

    def depend_on(self, parent: Handle) -> None:
        """This handle must not outlive `parent`: keep it alive, and close this one with it."""
        if parent._children is None:
            parent._children = weakref.WeakSet()
        parent._children.add(self)
        self._parents.append(parent)

    @property
    def raw(self) -> Any:
        """The SWIG proxy, for calls into capi. Raises once closed."""
        proxy = self._proxy
        if proxy is None:
            raise PyAirbyteInputError(message=f"This {self._kind} is closed.",
                                      guidance="Use it before close() or the end of its `with` block.")
        return proxy

    @property
    def closed(self) -> bool:
        return self._proxy is None

    def close(self) -> None:
        """Frees the C handle now (its children first). Further use raises; close() again is a no-op."""
        if self._children:
            for child in list(self._children):
                child.close()
        proxy, self._proxy = self._proxy, None
        if proxy is not None:
            proxy.__swig_destroy__(proxy)
        self._parents = []

    def __repr__(self) -> str:
        return f"<{self._kind} handle{' (closed)' if self._proxy is None else ''}>"


class Closeable:
    """Mixin: ``with`` support and close() for objects holding handles in ``_handles()``."""

    def _owned_handles(self) -> list[Handle]:
        return []

    def close(self) -> None:
        """Frees the native handles now (the garbage collector would later)."""
        for handle in self._owned_handles():
            handle.close()

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class LazyHandleOwner(Closeable):
    """Holds one handle made on first use by ``_fetch()`` and kept, a child of its workspace's."""

    _kind: str
    workspace: Any

    def __init__(self) -> None:
        self._handle: Handle | None = None
        # The handle is used by one thread at a time (the C contract): every use holds this.
        self._lock = threading.RLock()

    def _fetch(self) -> Any:
        raise NotImplementedError

    def _use(self, function: Any, *args: Any) -> Any:
        """function(handle, *args), holding the lock; errors carry the workspace."""
        with self._lock:
            return self.workspace._call(function, self._raw(), *args)

    def _owned_handles(self) -> list[Handle]:
        return [self._handle] if self._handle is not None else []

    def _raw(self) -> Any:
        if self._handle is None or self._handle.closed:
            self._handle = Handle(self._fetch(), self._kind, self.workspace._handle)
        return self._handle.raw


class NativeText:
    """A str attribute read through a library getter: ``owner._read(getter)`` (each class says how
    it reaches its handle and reports errors). Borrowed C text is copied on each read."""

    def __init__(self, getter: Any, doc: str = "") -> None:
        self._getter = getter
        self.__doc__ = doc

    @overload
    def __get__(self, owner: None, owner_type: Any = None) -> NativeText: ...

    @overload
    def __get__(self, owner: object, owner_type: Any = None) -> str: ...

    def __get__(self, owner: object | None, owner_type: Any = None) -> NativeText | str:
        if owner is None:
            return self
        return str(owner._read(self._getter))  # type: ignore[attr-defined]

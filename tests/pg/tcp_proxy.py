"""A TCP proxy on 127.0.0.1 in front of the test server, that a test can cut (every connection
closed at once, new ones refused: a network cut as the laptop sees it) and restore."""

from __future__ import annotations

import contextlib
import selectors
import socket
import threading

from sqlalchemy.engine import make_url


class TcpProxy:
    def __init__(self, upstream_url: str):
        url = make_url(upstream_url)
        self.upstream = (url.host or "127.0.0.1", url.port or 5432)
        self._url = url
        self._lock = threading.Lock()
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self._server: socket.socket | None = None
        self.port = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.restore()

    @property
    def url(self) -> str:
        """The database's URL through the proxy."""
        return self._url.set(host="127.0.0.1", port=self.port).render_as_string(hide_password=False)

    def restore(self) -> None:
        """Listening again (on the same port after a cut)."""
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self.port))
        server.listen(64)
        self.port = server.getsockname()[1]
        self._server = server
        self._stop.clear()
        self._thread = threading.Thread(target=self._serve, args=(server,), daemon=True)
        self._thread.start()

    def cut(self) -> None:
        """Closes every connection through the proxy and stops accepting new ones."""
        self._stop.set()
        server, self._server = self._server, None
        if server is not None:
            server.close()
        if self._thread is not None:
            self._thread.join(5)
        with self._lock:
            pairs, self._pairs = self._pairs, []
        for pair in pairs:
            for sock in pair:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    close = cut

    def _serve(self, server: socket.socket) -> None:
        selector = selectors.DefaultSelector()
        selector.register(server, selectors.EVENT_READ, None)
        try:
            while not self._stop.is_set():
                for key, _ in selector.select(timeout=0.05):
                    if key.data is None:
                        try:
                            client, _ = server.accept()
                        except OSError:
                            continue
                        try:
                            remote = socket.create_connection(self.upstream)
                        except OSError:  # the server is down: the client sees its connection closed
                            client.close()
                            continue
                        with self._lock:
                            self._pairs.append((client, remote))
                        selector.register(client, selectors.EVENT_READ, remote)
                        selector.register(remote, selectors.EVENT_READ, client)
                        continue
                    source, target = key.fileobj, key.data
                    try:
                        data = source.recv(65536)
                        if data:
                            target.sendall(data)
                            continue
                    except OSError:
                        pass
                    for sock in (source, target):
                        with contextlib.suppress(KeyError, ValueError):
                            selector.unregister(sock)
                        sock.close()
        finally:
            selector.close()

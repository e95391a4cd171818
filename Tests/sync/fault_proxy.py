"""A small threaded HTTP proxy between the sync agent and the central server that misbehaves on purpose.

Faults (`FaultProxy.set(...)`), applied to requests whose path starts with `only` (default: pushes):
- `pass`: forward and relay;
- `drop_reply`: forward, let the server answer, then close the connection without a word (the reply is lost);
- `repeat`: deliver the request `times` times to the server (`concurrent` copies at once or one after another),
  relay the last answer;
- `truncate`: forward, then send the status line, headers and only half of the body before closing;
- `error5xx`: for a seeded `fraction` of requests answer 502/503/504; half of those after forwarding (the
  server committed, the client hears an error), half without forwarding.
`limit` applies the fault to the first N matching requests only, then passes through.
`stats` counts what was done, so a test can show its fault happened.
"""
import collections
import http.client
import http.server
import random
import socket
import threading
import urllib.parse


class FaultProxy:
    """Listens on 127.0.0.1:`port` (free when 0) and forwards to `upstream` (a base URL)."""

    def __init__(self, upstream, seed=14):
        parsed = urllib.parse.urlsplit(upstream)
        self.upstream = (parsed.hostname, parsed.port)
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.stats = collections.Counter()
        self.set("pass")
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                proxy._handle(self)

            do_POST = do_GET

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def set(self, mode, only="/v1/ledger/push", limit=None, times=3, concurrent=False, fraction=0.2):
        with self.lock:
            self.mode, self.only, self.limit = mode, only, limit
            self.times, self.concurrent, self.fraction = times, concurrent, fraction
            self.applied = 0

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def _choose(self, path):
        """The fault for this request (and counts it), under the lock so that a seed gives one sequence."""
        with self.lock:
            self.stats["requests"] += 1
            if self.mode == "pass" or not path.startswith(self.only):
                return "pass", False
            if self.limit is not None and self.applied >= self.limit:
                return "pass", False
            if self.mode == "error5xx":
                if self.random.random() >= self.fraction:
                    return "pass", False
                self.applied += 1
                return "error5xx", self.random.random() < 0.5
            self.applied += 1
            return self.mode, False

    def _count(self, key, n=1):
        with self.lock:
            self.stats[key] += n

    @staticmethod
    def _read_body(handler):
        if "chunked" in (handler.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size = int(handler.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while handler.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(handler.rfile.read(size))
                handler.rfile.readline()
        length = int(handler.headers.get("Content-Length") or 0)
        return handler.rfile.read(length) if length else None

    def _forward(self, method, path, headers, body):
        conn = http.client.HTTPConnection(*self.upstream, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers)
            reply = conn.getresponse()
            return reply.status, reply.reason, reply.getheaders(), reply.read()
        finally:
            conn.close()

    def _deliver(self, method, path, headers, body):
        if self.times <= 1:
            return self._forward(method, path, headers, body)
        if not self.concurrent:
            answers = [self._forward(method, path, headers, body) for _ in range(self.times)]
        else:
            answers = [None] * self.times

            def one(i):
                try:
                    answers[i] = self._forward(method, path, headers, body)
                except OSError as error:
                    answers[i] = (599, str(error), [], b"")

            threads = [threading.Thread(target=one, args=(i,)) for i in range(self.times)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        self._count("extra_deliveries", self.times - 1)
        # Relay a success when any copy succeeded (the others were the duplicates), else the last answer.
        return next((a for a in answers if a[0] == 200), answers[-1])

    def _handle(self, handler):
        body = self._read_body(handler)
        headers = {k: v for k, v in handler.headers.items()
                   if k.lower() not in ("host", "connection", "content-length", "transfer-encoding", "expect")}
        action, forward_first = self._choose(handler.path)
        self._count(action)
        try:
            if action == "error5xx":
                if forward_first:
                    self._forward(handler.command, handler.path, headers, body)
                    self._count("error5xx_after_commit")
                status = self.random.choice([502, 503, 504])
                self._reply(handler, status, "Fault", [("Content-Type", "application/json")],
                            b'{"error":"proxy_fault"}')
                return
            if action == "repeat":
                answer = self._deliver(handler.command, handler.path, headers, body)
            else:
                answer = self._forward(handler.command, handler.path, headers, body)
        except OSError:
            # The server is not there (or went away): the client sees the connection close, as it would.
            self._count("upstream_down")
            self._cut(handler)
            return
        status, reason, reply_headers, reply_body = answer
        if action == "drop_reply":
            self._cut(handler)
        elif action == "truncate":
            self._reply(handler, status, reason, reply_headers, reply_body[: len(reply_body) // 2],
                        length=len(reply_body))
            self._cut(handler)
        else:
            self._reply(handler, status, reason, reply_headers, reply_body)

    @staticmethod
    def _reply(handler, status, reason, headers, body, length=None):
        handler.send_response_only(status, reason)
        for key, value in headers:
            if key.lower() not in ("content-length", "connection", "transfer-encoding", "date", "server"):
                handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(body) if length is None else length))
        handler.end_headers()
        handler.wfile.write(body)
        handler.wfile.flush()

    @staticmethod
    def _cut(handler):
        handler.close_connection = True
        try:
            handler.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

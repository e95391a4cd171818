"""A throwaway PostgreSQL 15 cluster for benchmarks: initdb into a temporary folder, its own port and socket.

Adapted from the sync tests' fixture (Tests/sync/pg.py). Unlike the tests' cluster it keeps PostgreSQL's
durable defaults (fsync, synchronous_commit on), so the figures are what a real server would give.
"""
import os
import pathlib
import shutil
import socket
import subprocess
import tempfile

PG_BIN = pathlib.Path(os.environ.get("FRONTDESK_PG_BIN", "/usr/lib/postgresql/15/bin"))
SUPERUSER = "postgres"


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_cluster_owner(argv):
    """PostgreSQL refuses to run as root: as root, run through the `postgres` system user."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *argv]
    return argv


class PgCluster:
    """One private cluster: `init()`, `start()`, `remove()` (stops it and deletes the folder)."""

    def __init__(self, durable=True):
        self.root = pathlib.Path(tempfile.mkdtemp(prefix="frontdesk-bench-pg-"))
        if os.geteuid() == 0:
            # The folder must belong to the user the server runs as.
            shutil.chown(self.root, user="postgres", group="postgres")
        self.data = self.root / "data"
        self.sockets = self.root / "sock"
        self.log = self.root / "server.log"
        self.port = free_port()
        self.durable = durable
        self.started = False

    def _run(self, argv, check=True, timeout=120):
        proc = subprocess.run(as_cluster_owner([str(a) for a in argv]), capture_output=True, text=True,
                              timeout=timeout, cwd=self.root)
        if check and proc.returncode != 0:
            raise RuntimeError(f"{' '.join(map(str, argv))} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
                               f"\n{self.log_tail()}")
        return proc

    def init(self):
        # Trust on loopback and the socket: a cluster that lives for one run, reachable only from here.
        self._run([PG_BIN / "initdb", "-D", self.data, "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                   "--locale=C.UTF-8", "--no-sync"])
        self._run(["mkdir", "-p", self.sockets])
        settings = (f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                    f"unix_socket_directories = '{self.sockets}'\nshared_buffers = 256MB\nmax_wal_size = 4GB\n")
        if not self.durable:
            settings += "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write(settings)
        return self

    def start(self):
        self._run([PG_BIN / "pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "60", "start"])
        self.started = True
        return self

    def stop(self, mode="fast"):
        if self.started:
            self._run([PG_BIN / "pg_ctl", "-D", self.data, "-m", mode, "-w", "-t", "60", "stop"], check=False)
            self.started = False

    def remove(self):
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, db="postgres", user=SUPERUSER):
        return f"postgresql://{user}@127.0.0.1:{self.port}/{db}"

    def psql(self, *commands, db="postgres", timeout=600):
        """Runs each SQL command (or psql meta-command) in one psql session over TCP; returns stdout."""
        argv = ["psql", "-X", "-v", "ON_ERROR_STOP=1", "-At", "-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER,
                "-d", db]
        for command in commands:
            argv += ["-c", command]
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
        if proc.returncode != 0:
            raise RuntimeError(f"psql {commands!r} exited {proc.returncode}: {proc.stderr}")
        return proc.stdout

    def scalar(self, sql, db="postgres"):
        return self.psql(sql, db=db).strip()

    def log_tail(self, lines=20):
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

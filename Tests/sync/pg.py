"""A throwaway PostgreSQL 15 cluster: initdb into a temporary folder, own port and socket.

The sync tests use it without fsync; `scripts/bench sync` (scripts/bench-tools/sync_bench.py) imports it with
`durable=True`, so that its figures are what a real server gives."""
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


def _as_cluster_owner(argv):
    """PostgreSQL refuses to run as root: as root, run through the `postgres` system user."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *argv]
    return argv


class PgCluster:
    """One private cluster: `start()`, `restart()`, `stop()` (stop also removes the folder)."""

    def __init__(self, durable=False, settings=""):
        """`durable` keeps PostgreSQL's fsync and full-page writes; `settings` are extra postgresql.conf lines."""
        self.durable, self.settings = durable, settings
        self.root = pathlib.Path(tempfile.mkdtemp(prefix="frontdesk-pg-"))
        if os.geteuid() == 0:
            # The folder must belong to the user the server runs as; /tmp itself is world-traversable.
            shutil.chown(self.root, user="postgres", group="postgres")
        self.data = self.root / "data"
        self.sockets = self.root / "sock"
        self.log = self.root / "server.log"
        self.port = free_port()
        self.started = False

    def _run(self, argv, check=True, timeout=120):
        proc = subprocess.run(_as_cluster_owner([str(a) for a in argv]), capture_output=True, text=True,
                              timeout=timeout, cwd=self.root)
        if check and proc.returncode != 0:
            raise RuntimeError(f"{' '.join(map(str, argv))} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
                               f"\n{self.log_tail()}")
        return proc

    def init(self):
        # Trust on loopback and the socket: a cluster that lives for one test session, reachable only here.
        self._run([PG_BIN / "initdb", "-D", self.data, "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                   "--locale=C.UTF-8", "--no-sync"])
        self._run(["mkdir", "-p", self.sockets])
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write(f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                       f"unix_socket_directories = '{self.sockets}'\nmax_connections = 200\n")
            if not self.durable:
                # No fsync: a restart in a test is a clean or an immediate stop, never a power cut, and the kernel
                # keeps what was written. Commits stay synchronous: an immediate stop must lose no committed push.
                conf.write("fsync = off\nfull_page_writes = off\n")
            conf.write(self.settings)
        return self

    def start(self):
        self._run([PG_BIN / "pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "60", "start"])
        self.started = True
        return self

    def stop(self, mode="fast"):
        if self.started:
            self._run([PG_BIN / "pg_ctl", "-D", self.data, "-m", mode, "-w", "-t", "60", "stop"], check=False)
            self.started = False

    def restart(self, mode="fast"):
        """Stops the server (`fast`: sessions cut, or `immediate`: a crash and recovery), then starts it again."""
        self.stop(mode)
        self.start()

    def remove(self):
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, db="postgres", user=SUPERUSER):
        return f"postgresql://{user}@127.0.0.1:{self.port}/{db}"

    def psql(self, *commands, db="postgres", user=SUPERUSER, check=True, timeout=60):
        """Runs each SQL command (or psql meta-command) in one psql session over TCP; returns stdout (unaligned,
        tuples only, `|` between columns), or the finished process when `check` is off."""
        argv = ["psql", "-X", "-v", "ON_ERROR_STOP=1", "-At", "-h", "127.0.0.1", "-p", str(self.port), "-U", user, "-d", db]
        for command in commands:
            argv += ["-c", command]
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
        if check and proc.returncode != 0:
            raise RuntimeError(f"psql {commands!r} exited {proc.returncode}: {proc.stderr}")
        return proc if not check else proc.stdout

    def scalar(self, sql, db="postgres"):
        return self.psql(sql, db=db).strip()

    def create_database(self, name):
        self.psql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def log_tail(self, lines=20):
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

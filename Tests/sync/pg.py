"""A throwaway PostgreSQL 15 cluster for the sync tests: initdb into a temporary folder, own port and socket."""
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

    def __init__(self):
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
            # Durability is not under test here (a restart is a clean or an immediate stop, never a power cut).
            conf.write(f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                       f"unix_socket_directories = '{self.sockets}'\nfsync = off\n"
                       "synchronous_commit = off\nfull_page_writes = off\nmax_connections = 200\n")
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

    def psql(self, sql, db="postgres", user=SUPERUSER, check=True):
        """Runs SQL through psql over TCP; returns stdout (unaligned, tuples only, `|` between columns)."""
        proc = subprocess.run(["psql", "-X", "-v", "ON_ERROR_STOP=1", "-At", "-h", "127.0.0.1", "-p", str(self.port),
                               "-U", user, "-d", db, "-c", sql], capture_output=True, text=True, timeout=60)
        if check and proc.returncode != 0:
            raise RuntimeError(f"psql {sql!r} exited {proc.returncode}: {proc.stderr}")
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

"""Helpers for the sync tests: run the binaries, a central server process, a facility store set up to sync."""
import json
import os
import pathlib
import subprocess
import time
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(os.environ.get("FRONTDESK_BIN_DIR", ROOT / ".build" / "debug"))
ADMIN_PASSWORD = "admin-pass-1"
CENTRAL_DB = "frontdesk_central"


def require_central():
    """Skips (never passes) the test when frontdesk-central is not built."""
    if not (BIN / "frontdesk-central").exists():
        pytest.skip(f"frontdesk-central is not built in {BIN}")


def run_binary(name, *args, stdin="", check=True, env=None, timeout=300):
    full_env = dict(os.environ, **(env or {}))
    proc = subprocess.run([str(BIN / name), *map(str, args)], input=stdin, capture_output=True, text=True,
                          env=full_env, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"{name} {' '.join(map(str, args))} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


def frontdesk(*args, **kw):
    return run_binary("frontdesk", *args, **kw)


def central(db_url, *args, **kw):
    """`frontdesk-central ARGS --database-url URL`."""
    return run_binary("frontdesk-central", *args, "--database-url", db_url, **kw)


def wait_http_ok(url, timeout=30.0, proc=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2) as reply:
                if reply.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


class CentralServer:
    """One `frontdesk-central serve` process on its own port; its standard error goes to a log file."""

    def __init__(self, db_url, port, log_path, extra=()):
        self.db_url, self.port, self.log_path = db_url, port, pathlib.Path(log_path)
        self.base = f"http://127.0.0.1:{port}"
        self.extra = list(extra)
        self.proc = None

    def start(self):
        self._log = open(self.log_path, "ab")
        self.proc = subprocess.Popen([str(BIN / "frontdesk-central"), "serve", "--host", "127.0.0.1", "--port",
                                      str(self.port), "--database-url", self.db_url, *self.extra],
                                     stdout=self._log, stderr=self._log, stdin=subprocess.DEVNULL)
        if not wait_http_ok(self.base + "/healthz", proc=self.proc):
            self.stop()
            raise AssertionError(f"frontdesk-central serve did not answer /healthz\n{self.log_tail()}")
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if self.proc:
            self._log.close()

    def log_tail(self, lines=30):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def init_store(path, name):
    """`frontdesk init`; returns (facility_id, store_id) as it printed them."""
    out = frontdesk("init", "--db", path, "--facility", name, "--timezone", "Africa/Nairobi", "--currency", "KES",
                    "--admin", "admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n").stdout
    ids = dict(line.split(None, 1) for line in out.splitlines() if line.startswith(("facility_id", "store_id")))
    return ids["facility_id"].strip(), ids["store_id"].strip()


class Facility:
    """A facility store registered with the central server: path, ids, token; helpers for its sync commands."""

    def __init__(self, path, facility_id, store_id, token, base_url, password=ADMIN_PASSWORD):
        self.path, self.facility_id, self.store_id, self.token, self.base_url = path, facility_id, store_id, token, base_url
        self.password = password

    def setup(self, url=None, token=None, check=True):
        return frontdesk("sync", "setup", "--db", self.path, "--as", "admin", "--password-stdin", "--token-stdin",
                         "--url", url or self.base_url, stdin=f"{self.password}\n{token or self.token}\n", check=check)

    def once(self, check=True, env=None, timeout=120):
        return frontdesk("sync", "once", "--db", self.path, check=check, env=env, timeout=timeout)

    def status(self, env=None):
        """`frontdesk sync status` as a dict of its `key value` lines."""
        out = frontdesk("sync", "status", "--db", self.path, check=False, env=env).stdout
        return dict((line.split(None, 1) + [""])[:2] for line in out.splitlines() if line.strip())

    def export(self):
        """The local ledger as (raw canonical line, parsed entry) pairs."""
        out = frontdesk("ledger", "export", "--db", self.path).stdout
        return [(line, json.loads(line)) for line in out.splitlines()]

    def local_head(self):
        entries = self.export()
        return entries[-1][1]["seq"] if entries else 0

    def add_users(self, count, prefix="u", env=None):
        """Writes `count` small transactions (one new user each: its ledger entries in one tx)."""
        for i in range(count):
            frontdesk("user", "add", "--db", self.path, "--as", "admin", "--password-stdin", f"{prefix}{i}",
                      "--name", f"User {prefix}{i}", "--role", "receptionist", stdin=f"{self.password}\npass-{i}-word\n", env=env)

    def import_patients(self, tmp_dir, count, start=1):
        """Registers `count` patients through `frontdesk import patients` (large transactions)."""
        pathlib.Path(tmp_dir).mkdir(parents=True, exist_ok=True)
        csv = pathlib.Path(tmp_dir) / f"patients-{start}.csv"
        rows = ["id,first_name,last_name,date_of_birth,gender"] + [
            f"{i},Náme{i},Family{i % 37},1980-01-{1 + i % 28:02d},{'F' if i % 2 else 'M'}"
            for i in range(start, start + count)]
        csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
        return frontdesk("import", "patients", csv, "--db", self.path, "--as", "admin", "--password-stdin",
                         stdin=self.password + "\n")


def new_facility(tmp_dir, db_url, base_url, name="Ward Test Hospital", setup=True):
    """A new store plus its facility on the central server (token from the last stdout line of `facility add`)."""
    tmp_dir = pathlib.Path(tmp_dir)
    tmp_dir.mkdir(parents=True, exist_ok=True)
    path = tmp_dir / "facility.sqlite"
    facility_id, store_id = init_store(path, name)
    out = central(db_url, "facility", "add", "--id", facility_id, "--name", name).stdout
    token = out.strip().splitlines()[-1].strip()
    fac = Facility(path, facility_id, store_id, token, base_url)
    if setup:
        fac.setup()
    return fac


def demo_facility(tmp_dir, db_url, base_url, setup=True):
    """A `frontdesk demo` store (3,000 patients: about 3,080 entries in transactions of up to 500), registered."""
    tmp_dir = pathlib.Path(tmp_dir)
    tmp_dir.mkdir(parents=True, exist_ok=True)
    path = tmp_dir / "demo.sqlite"
    frontdesk("demo", "--db", path)
    first = json.loads(frontdesk("ledger", "export", "--db", path).stdout.splitlines()[0])
    out = central(db_url, "facility", "add", "--id", first["facility_id"], "--name", "Riverside District Hospital").stdout
    fac = Facility(path, first["facility_id"], first["store_id"], out.strip().splitlines()[-1].strip(), base_url,
                   password="admin-demo-1")
    if setup:
        fac.setup()
    return fac

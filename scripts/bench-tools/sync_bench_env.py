"""The sync benchmark's pieces: made stores and their copies, the central server process, the agent process."""
import pathlib
import shutil
import signal
import sqlite3
import subprocess
import time
import urllib.request

from pg import free_port  # Tests/sync/pg.py, on the path sync_bench.py sets

ADMIN_PASSWORD = "ledger-mix-1"  # the ledger mix's accounts (Sources/frontdesk-bench/LedgerMixFacility.swift)
COLUMNS = ("store_id, seq, entry_id, tx_id, kind, version, occurred_at, actor_id, payload_text, payload, "
           "payload_problem, prev_hash, hash")


def run(argv, stdin="", timeout=3600):
    proc = subprocess.run([str(a) for a in argv], input=stdin, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, argv))} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout


def ledger_mix(bin_dir, path, entries):
    """Makes (or grows) a ledger-mix store; returns its facility_id."""
    if not pathlib.Path(path).exists():
        print(f"  making {path} ({entries:,} entries; once, kept for later runs) …", flush=True)
    out = run([bin_dir / "frontdesk-bench", "ledger-mix", "--db", path, "--entries", entries, "--quiet"])
    ids = dict(line.split(None, 1) for line in out.splitlines() if line.startswith(("facility_id ", "store_id ", "entries ")))
    return ids["facility_id"].strip(), int(ids["entries"])


def copy_store(source, work_dir, name):
    """A private copy of a made store (its -wal too, should one be left), for this run to sync."""
    target = pathlib.Path(work_dir) / name
    for suffix in ("", "-wal"):
        if pathlib.Path(str(source) + suffix).exists():
            shutil.copyfile(str(source) + suffix, str(target) + suffix)
    return target


def sqlite_value(path, sql):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def local_head(path):
    return sqlite_value(path, "SELECT coalesce(max(seq), 0) FROM ledger_entries")


def acked(path):
    return sqlite_value(path, "SELECT coalesce(max(acked_seq), 0) FROM sync_state")


class Central:
    """The central server's database on the cluster, and one `frontdesk-central serve` on loopback."""

    def __init__(self, bin_dir, pg, work_dir):
        self.bin = pathlib.Path(bin_dir) / "frontdesk-central"
        self.pg = pg
        pg.psql("CREATE DATABASE frontdesk_central")
        self.url = pg.url("frontdesk_central")
        run([self.bin, "migrate", "--database-url", self.url])
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(pathlib.Path(work_dir) / "central.log", "ab")
        self.proc = subprocess.Popen([self.bin, "serve", "--host", "127.0.0.1", "--port", str(self.port),
                                      "--database-url", self.url, "--log-level", "warning"],
                                     stdout=self.log, stderr=self.log, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("frontdesk-central serve did not answer /healthz (see central.log)")
            time.sleep(0.1)

    def add_facility(self, facility_id, name):
        """Registers the facility; returns its token (the last line `facility add` prints)."""
        out = run([self.bin, "facility", "add", "--id", facility_id, "--name", name, "--database-url", self.url])
        return out.strip().splitlines()[-1].strip()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def setup_sync(bin_dir, store, central, token):
    run([bin_dir / "frontdesk", "sync", "setup", "--db", store, "--as", "admin", "--password-stdin", "--token-stdin",
         "--url", central.base], stdin=f"{ADMIN_PASSWORD}\n{token}\n")


def start_agent(bin_dir, store, log_path):
    log = open(log_path, "ab")
    proc = subprocess.Popen([str(bin_dir / "frontdesk"), "sync", "run", "--db", str(store)], stdout=log, stderr=log,
                            stdin=subprocess.DEVNULL)
    return proc, log


def stop_agent(proc, log):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    log.close()


def vm_status(pid):
    """VmHWM (peak resident) and VmRSS of a live process, in MiB."""
    fields = {}
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            fields[key] = int(value.split()[0]) / 1024
    return fields


def wait_acked(store, head, proc, timeout):
    """Seconds until the store's acknowledgement reaches `head` (None when the agent stops or time runs out)."""
    start = time.monotonic()
    while acked(store) < head:
        if proc.poll() is not None or time.monotonic() - start > timeout:
            return None
        time.sleep(0.02)
    return time.monotonic() - start

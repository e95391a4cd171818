"""`scripts/bench sync`: the sync agent against the central server over loopback, on a throwaway PostgreSQL 15.

Prints three measurements (issue 14, "Measured"):
  a. throughput: a ledger-mix store pushed by `frontdesk sync once`, beside PostgreSQL's own COPY of the same
     rows into the same table (under another facility_id) in the same run;
  b. freshness: commit -> acknowledged latency with `frontdesk sync run` running, commits at a front desk's pace;
  c. catch-up: a week's backlog pushed by `frontdesk sync run`: time to acknowledged, the agent's peak memory.
The ledger-mix stores are made once in --dir and reused; every run works on copies of them.
"""
import argparse
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
# The sync tests' throwaway cluster, kept durable here (fsync on) so the figures are a real server's.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "Tests" / "sync"))
from pg import PgCluster  # noqa: E402
from sync_bench_env import (COLUMNS, Central, acked, copy_store, ledger_mix, local_head, run, setup_sync, start_agent,  # noqa: E402
                            stop_agent, vm_status, wait_acked)

def round_trips(log_text, total_seconds):
    """The agent's pushes as its log lines tell them (`push … entries=N ms=T`): count, entries, time waiting on the server."""
    pushes = [(int(m.group(1)), int(m.group(2))) for m in re.finditer(r"entries=(\d+) .*?ms=(\d+) .*?\] push$", log_text, re.M)]
    if not pushes:
        return "   (no push lines in the agent's log)"
    waited = sum(ms for _, ms in pushes) / 1000
    entries = sum(n for n, _ in pushes)
    return (f"   {len(pushes)} pushes of {entries / len(pushes):.0f} entries on average; one push's round trip (HTTP, server, "
            f"PostgreSQL commit) {1000 * waited / len(pushes):.1f} ms on average: {waited:.2f} s of the {total_seconds:.2f} s "
            f"({100 * waited / total_seconds:.0f}%); the rest is the agent reading, encoding and acknowledging")


def warm_up(pg):
    """A fresh cluster makes (and zero-fills) a new WAL file every 16 MB; a running server recycles the ones it
    has. About 480 MB of WAL, then a checkpoint, puts the push and COPY that follow on a running server's footing
    alike, instead of charging whichever runs first for the files."""
    start = time.monotonic()
    pg.psql("CREATE TABLE warm_up AS SELECT repeat('x', 900) AS filler FROM generate_series(1, 500000)",
            "DROP TABLE warm_up", "CHECKPOINT", timeout=600)
    files = pg.scalar("SELECT count(*) FROM pg_ls_waldir()")
    print(f"   (cluster warmed in {time.monotonic() - start:.1f} s: {files} WAL files ready for reuse)", flush=True)


def insert_batches(central, facility, as_app_role):
    """Milliseconds to insert public.bench_rows under `facility`, 500 to a transaction, as the application role (its
    role and row-level security setting made in each transaction, as a push's are) or as the superuser."""
    central.add_facility(facility, "INSERT comparison")
    become = (f"PERFORM set_config('frontdesk.facility_id', '{facility}', true), "
              f"set_config('role', 'frontdesk_central_app', true);") if as_app_role else ""
    out = central.pg.psql("\\timing on", f"""DO $$ DECLARE first bigint; BEGIN
          FOR first IN SELECT generate_series(1, (SELECT max(seq) FROM public.bench_rows), 500)
          LOOP
            {become}
            INSERT INTO central.ledger_entries (facility_id, {COLUMNS})
            SELECT '{facility}'::uuid, store_id, seq, entry_id, tx_id, kind, version, occurred_at, actor_id, payload_text,
                   payload_text::jsonb, payload_problem, prev_hash, hash
            FROM public.bench_rows WHERE seq BETWEEN first AND first + 499;
            COMMIT;
          END LOOP; END $$""", db="frontdesk_central", timeout=600)
    return float(re.search(r"Time: ([0-9.]+) ms", out).group(1))


def throughput(args, central, store, facility_id):
    head = local_head(store)
    start = time.monotonic()
    proc = subprocess.run([str(args.bin / "frontdesk"), "sync", "once", "--db", str(store)], capture_output=True, text=True)
    push_seconds = time.monotonic() - start
    if proc.returncode != 0 or acked(store) != head:
        raise SystemExit(f"sync once exited {proc.returncode}, acknowledged {acked(store)} of {head}\n{proc.stderr[-3000:]}")
    pushed = int(central.pg.scalar(f"SELECT count(*) FROM central.ledger_entries WHERE facility_id = '{facility_id}'",
                                   db="frontdesk_central"))
    # The same rows, exported by PostgreSQL under another facility (registered, so its keys are its own), copied back in.
    other = "00000000-0000-7000-8000-0000000c0b1e"
    central.add_facility(other, "COPY comparison")
    rows_file = central.pg.root / "rows.copy"
    central.pg.psql(f"COPY (SELECT '{other}'::uuid, {COLUMNS} FROM central.ledger_entries "
                    f"WHERE facility_id = '{facility_id}' ORDER BY store_id, seq) TO '{rows_file}'", db="frontdesk_central",
                    timeout=600)
    out = central.pg.psql("\\timing on", f"COPY central.ledger_entries (facility_id, {COLUMNS}) FROM '{rows_file}'",
                          db="frontdesk_central", timeout=600)
    copy_ms = float(re.search(r"Time: ([0-9.]+) ms", out).group(1))
    copied = int(central.pg.scalar(f"SELECT count(*) FROM central.ledger_entries WHERE facility_id = '{other}'",
                                   db="frontdesk_central"))
    # What a push asks of PostgreSQL alone (no HTTP, no Swift): the same rows again, 500 to a transaction, the jsonb
    # parsed from the text as the server's INSERT does. First as a push runs them, as the application role under
    # row-level security (PostgreSQL refuses COPY FROM under it: an INSERT is all a push can use); then as the
    # superuser COPY ran as. Each under a facility of its own, from rows the application role may read.
    central.pg.psql(f"CREATE TABLE public.bench_rows AS SELECT * FROM central.ledger_entries WHERE facility_id = '{facility_id}'",
                    "CREATE INDEX ON public.bench_rows (seq)", "GRANT SELECT ON public.bench_rows TO frontdesk_central_app",
                    db="frontdesk_central", timeout=600)
    as_app_ms = insert_batches(central, "00000000-0000-7000-8000-0000000c0b20", as_app_role=True)
    insert_ms = insert_batches(central, "00000000-0000-7000-8000-0000000c0b1f", as_app_role=False)
    central.pg.psql("DROP TABLE public.bench_rows", db="frontdesk_central")
    push_rate, copy_rate = pushed / push_seconds, copied / (copy_ms / 1000)
    print(f"a. throughput: {pushed:,} entries pushed by `frontdesk sync once` in {push_seconds:.2f} s = {push_rate:,.0f} entries/s")
    print(f"   PostgreSQL COPY of the same {copied:,} rows into central.ledger_entries: {copy_ms / 1000:.2f} s = "
          f"{copy_rate:,.0f} rows/s")
    print(f"   PostgreSQL alone, INSERT … SELECT of the same rows 500 to a transaction (jsonb parsed from the text, as a push "
          f"does), as the application role under row-level security: {as_app_ms / 1000:.2f} s = "
          f"{pushed / (as_app_ms / 1000):,.0f} rows/s = {copy_ms / as_app_ms:.2f} of COPY (COPY FROM is refused under "
          f"row-level security: this is as fast as a push's INSERT can go); as the superuser: {insert_ms / 1000:.2f} s = "
          f"{pushed / (insert_ms / 1000):,.0f} rows/s = {copy_ms / insert_ms:.2f} of COPY")
    print(round_trips(proc.stderr, push_seconds))
    print(f"   push / COPY = {push_rate / copy_rate:.2f}  (target >= 0.50: {'met' if push_rate >= copy_rate / 2 else 'NOT met'}); "
          f"push / PostgreSQL's own INSERT as the application role = {push_rate / (pushed / (as_app_ms / 1000)):.2f}")


def freshness(args, work_dir, store):
    proc, log = start_agent(args.bin, store, work_dir / "agent-freshness.log")
    try:
        if wait_acked(store, local_head(store), proc, 600) is None:
            raise SystemExit("the agent did not catch up before the freshness run (see agent-freshness.log)")
        out = run([args.bin / "frontdesk-bench", "sync-freshness", "--db", store, "--commits", args.commits,
                   "--per-second", args.per_second])
    finally:
        stop_agent(proc, log)
    result = dict(kv.split("=") for kv in next(l for l in out.splitlines() if l.startswith("RESULT ")).split()[1:])
    p99 = float(result["p99_ms"])
    print(f"b. freshness: {result['commits']} commits at {args.per_second:g}/s on average (random arrivals), "
          f"`frontdesk sync run` pushing: commit -> acknowledged median {float(result['median_ms']):.1f} ms, "
          f"p99 {p99:.1f} ms, max {float(result['max_ms']):.1f} ms  (target p99 < 1000 ms: {'met' if p99 < 1000 else 'NOT met'})")


def catch_up(args, work_dir, store):
    head = local_head(store)
    proc, log = start_agent(args.bin, store, work_dir / "agent-catchup.log")
    try:
        seconds = wait_acked(store, head, proc, args.catch_up_timeout)
        memory = vm_status(proc.pid) if proc.poll() is None else {}
    finally:
        stop_agent(proc, log)
    if seconds is None:
        raise SystemExit(f"catch-up: acknowledged {acked(store):,} of {head:,} (see agent-catchup.log)")
    hwm = memory.get("VmHWM", float("nan"))
    print(f"c. catch-up: a backlog of {head:,} entries, `frontdesk sync run` started: all acknowledged in {seconds:.1f} s "
          f"({head / seconds:,.0f} entries/s); agent peak memory VmHWM {hwm:.1f} MiB (VmRSS at the end "
          f"{memory.get('VmRSS', float('nan')):.1f} MiB; target < 50 MiB: {'met' if hwm < 50 else 'NOT met'})")
    print(round_trips((work_dir / "agent-catchup.log").read_text(errors="replace"), seconds))


def check_central(central, facility_id, store):
    """The central copy after a part: `frontdesk-central verify` of the facility, and one row per local entry."""
    head = local_head(store)
    start = time.monotonic()
    proc = subprocess.run([str(central.bin), "verify", "--facility", facility_id, "--database-url", central.url],
                          capture_output=True, text=True)
    seconds = time.monotonic() - start
    rows, last = central.pg.psql(f"SELECT count(*), coalesce(max(seq), 0) FROM central.ledger_entries "
                                 f"WHERE facility_id = '{facility_id}'", db="frontdesk_central").strip().split("|")
    whole = int(rows) == head and int(last) == head
    print(f"   central copy: {rows} rows for {head:,} local entries ({'none lost or doubled' if whole else 'MISMATCH'}); "
          f"`frontdesk-central verify` exit {proc.returncode} in {seconds:.1f} s: {(proc.stdout.strip().splitlines() or [''])[-1]}")
    if proc.returncode != 0 or not whole:
        raise SystemExit("the central copy does not match the store")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", type=pathlib.Path, required=True, help="folder with frontdesk, frontdesk-bench, frontdesk-central")
    parser.add_argument("--dir", type=pathlib.Path, required=True, help="where the made stores are kept")
    parser.add_argument("--entries", type=int, default=100_000, help="entries pushed in the throughput part")
    parser.add_argument("--commits", type=int, default=1000, help="commits timed in the freshness part")
    parser.add_argument("--per-second", type=float, default=10, help="average commits per second in the freshness part")
    parser.add_argument("--backlog", type=int, default=200_000, help="entries waiting in the catch-up part")
    parser.add_argument("--catch-up-timeout", type=float, default=3600)
    parser.add_argument("--only", default="throughput,freshness,catchup", help="parts to run, comma-separated")
    parser.add_argument("--fast-pg", action="store_true", help="PostgreSQL with fsync and synchronous_commit off")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs, copies) and say where")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    args.dir.mkdir(parents=True, exist_ok=True)
    mix_store = args.dir / f"sync-mix-{args.entries}.sqlite"
    backlog_store = args.dir / f"sync-backlog-{args.backlog}.sqlite"
    print(f"sync benchmark  (stores in {args.dir}; PostgreSQL 15, "
          f"{'fsync off' if args.fast_pg else 'durable, with the WAL settings docs/central-server.md recommends'}; loopback HTTP)", flush=True)
    made = {}
    if parts & {"throughput", "freshness"}:
        made["mix"] = ledger_mix(args.bin, mix_store, args.entries)
    if "catchup" in parts:
        made["backlog"] = ledger_mix(args.bin, backlog_store, args.backlog)

    work_dir = pathlib.Path(tempfile.mkdtemp(prefix="frontdesk-sync-bench-"))
    # The settings docs/central-server.md recommends for a central server ("PostgreSQL settings"); COPY runs on them too.
    settings = ("shared_buffers = 256MB\nmax_wal_size = 4GB\nwal_writer_delay = 2ms\nwal_writer_flush_after = 0\n"
                + ("synchronous_commit = off\n" if args.fast_pg else ""))
    pg = PgCluster(durable=not args.fast_pg, settings=settings).init().start()
    central = None
    try:
        warm_up(pg)
        central = Central(args.bin, pg, work_dir)
        if "mix" in made:
            facility_id, _ = made["mix"]
            store = copy_store(mix_store, work_dir, "mix.sqlite")
            setup_sync(args.bin, store, central, central.add_facility(facility_id, "Ledger Mix Hospital"))
            if "throughput" in parts:
                throughput(args, central, store, facility_id)
            if "freshness" in parts:
                freshness(args, work_dir, store)
            check_central(central, facility_id, store)
        if "backlog" in made:
            facility_id, _ = made["backlog"]
            store = copy_store(backlog_store, work_dir, "backlog.sqlite")
            setup_sync(args.bin, store, central, central.add_facility(facility_id, "Ledger Mix Backlog Hospital"))
            catch_up(args, work_dir, store)
            check_central(central, facility_id, store)
    finally:
        if central:
            central.stop()
        pg.remove()
        if args.keep:
            print(f"work folder kept: {work_dir}")
        else:
            shutil.rmtree(work_dir, ignore_errors=True)


if __name__ == "__main__":
    main()

"""`serve` over TLS, the server's log lines (one per push and refusal, with facility, store and seqs), and
where the agent keeps the token (a 0600 file beside the store, never the store)."""
import os
import re
import ssl
import stat
import subprocess

import pytest

from ledger_wire import Client, make_chain
from pg import free_port
from sync_env import CentralServer, frontdesk


@pytest.fixture
def self_signed(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    proc = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                           "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out",
                           str(cert)], capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"openssl could not make a certificate: {proc.stderr[-300:]}")
    return cert, key


def test_serve_over_tls_answers_the_protocol(central_db, tmp_path, self_signed, tenant):
    cert, key = self_signed
    context = ssl.create_default_context(cafile=str(cert))
    server = CentralServer(central_db, free_port(), tmp_path / "tls.log", context=context,
                           extra=["--tls-cert", str(cert), "--tls-key", str(key)]).start()
    try:
        client = Client(server.base, tenant.token, context=context)
        entries = make_chain(3, tenant.facility_id, tenant.store_id)
        reply = client.push(tenant.store_id, entries)
        assert reply.status == 200 and reply.json["acked_seq"] == 3, reply
        assert client.head(tenant.store_id).json["last_seq"] == 3
        # Plain HTTP to the TLS port gets no protocol answer.
        plain = Client(server.base.replace("https://", "http://"), tenant.token)
        try:
            answer = plain.head(tenant.store_id, timeout=5)
            assert answer.status != 200, answer
        except OSError:
            pass
    finally:
        server.stop()


def test_the_server_logs_one_line_per_push_and_refusal(central_server, tenant):
    entries = make_chain(5, tenant.facility_id, tenant.store_id)
    assert tenant.client.push(tenant.store_id, entries[:3]).status == 200
    assert tenant.client.push(tenant.store_id, entries[4:]).status == 409
    lines = [line for line in central_server.log_path.read_text(errors="replace").splitlines()
             if tenant.store_id in line]
    accepted = [line for line in lines if "accepted" in line]
    refused = [line for line in lines if "refused" in line]
    assert len(accepted) == 1 and len(refused) == 1, lines
    assert tenant.facility_id in accepted[0] and re.search(r"\b1\s*(-|\.\.)\s*3\b", accepted[0]), accepted
    assert tenant.facility_id in refused[0] and "gap" in refused[0], refused


def test_the_token_is_kept_in_a_0600_file_beside_the_store_and_nowhere_in_it(facility):
    token_file = f"{facility.path}.sync-token"
    assert stat.S_IMODE(os.stat(token_file).st_mode) == 0o600
    with open(token_file) as f:
        assert f.read().strip() == facility.token
    facility.once()
    for suffix in ("", "-wal", "-shm", "-journal"):
        path = f"{facility.path}{suffix}"
        if os.path.exists(path):
            with open(path, "rb") as f:
                assert facility.token.encode() not in f.read(), f"the token is in {path}"


def test_setup_takes_plain_http_to_another_machine_only_with_insecure(facility):
    remote = "http://central.example.invalid:8123"  # .invalid never resolves: no traffic leaves the machine
    proc = frontdesk("sync", "setup", "--db", facility.path, "--as", "admin", "--password-stdin", "--token-stdin",
                     "--url", remote, "--insecure", stdin=f"{facility.password}\n{facility.token}\n", check=False)
    assert proc.returncode == 0, proc.stderr
    status = facility.status()
    assert status.get("server") == remote and status.get("insecure") == "yes", status


def test_the_agent_trusts_a_hospitals_own_certificate_authority_given_at_setup(central_db, tmp_path, self_signed,
                                                                                make_facility):
    cert, key = self_signed
    context = ssl.create_default_context(cafile=str(cert))
    server = CentralServer(central_db, free_port(), tmp_path / "tls-agent.log", context=context,
                           extra=["--tls-cert", str(cert), "--tls-key", str(key)]).start()

    def setup(*extra, check=True):
        return frontdesk("sync", "setup", "--db", facility.path, "--as", "admin", "--password-stdin", "--token-stdin",
                         "--url", server.base, *extra, stdin=f"{facility.password}\n{facility.token}\n", check=check)

    def once():
        return frontdesk("sync", "once", "--db", facility.path, "--timeout", "2", check=False)

    try:
        facility = make_facility(base_url=server.base, setup=False)
        setup()
        # The system's certificates do not know the hospital's own authority: nothing is pushed.
        refused = once()
        assert refused.returncode != 0 and "certificate" in refused.stderr.lower(), refused.stderr
        assert facility.status()["trust"] == "system"

        # A file that is not certificates is refused at set-up, and the trust stays as it was.
        for bad, reason in ((key, "private key"), (tmp_path / "log.txt", "no certificate")):
            if not bad.exists():
                bad.write_text("not a certificate\n")
            proc = setup("--ca-file", str(bad), check=False)
            assert proc.returncode != 0 and reason in proc.stderr, proc.stderr
        assert facility.status()["trust"] == "system"

        out = setup("--ca-file", str(cert)).stdout
        assert f"trust own {facility.path}.sync-ca.pem" in out, out
        assert once().returncode == 0
        status = facility.status()
        assert status["state"] == "up_to_date" and status["trust"].startswith("own "), status

        # Set up again without a trust option: it stays; --system-trust takes it back.
        setup()
        assert facility.status()["trust"].startswith("own ")
        setup("--system-trust")
        assert facility.status()["trust"] == "system" and not os.path.exists(f"{facility.path}.sync-ca.pem")
    finally:
        server.stop()

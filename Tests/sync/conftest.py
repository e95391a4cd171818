"""Fixtures for the sync tests: a private PostgreSQL, the migrated central database, a server, facilities.

Helpers live in sync_env.py (not here): Tests/cli has its own conftest, and test modules import by name."""
import itertools

import pytest

from pg import PgCluster, free_port
from ledger_wire import Client, new_id
from sync_env import CENTRAL_DB, CentralServer, central, new_facility, require_central


@pytest.fixture(scope="session")
def pg():
    """The session's PostgreSQL 15 cluster (skips when frontdesk-central is not built: nothing to test then)."""
    require_central()
    cluster = PgCluster()
    try:
        cluster.init().start()
        yield cluster
    finally:
        cluster.remove()


@pytest.fixture(scope="session")
def central_db(pg):
    """The database URL of a migrated central database (`frontdesk-central migrate`)."""
    url = pg.create_database(CENTRAL_DB)
    central(url, "migrate")
    return url


@pytest.fixture(scope="session")
def server_factory(central_db, tmp_path_factory):
    """Starts `frontdesk-central serve` processes on free ports; all are stopped at the end of the session."""
    servers, counter = [], itertools.count(1)

    def start(db_url=None, extra=()):
        n = next(counter)
        log = tmp_path_factory.mktemp("central-logs") / f"serve-{n}.log"
        server = CentralServer(db_url or central_db, free_port(), log, extra=extra).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def central_server(server_factory):
    """The session's server (a CentralServer: `.base` is its base URL, `.log_tail()` its recent log)."""
    return server_factory()


@pytest.fixture
def make_facility(tmp_path, central_db, central_server):
    """Makes facility stores registered with the central server and set up to sync to it."""
    counter = itertools.count(1)

    def make(name=None, base_url=None, setup=True):
        n = next(counter)
        return new_facility(tmp_path / f"facility-{n}", central_db, base_url or central_server.base,
                            name=name or f"Test Hospital {n}", setup=setup)

    return make


@pytest.fixture
def facility(make_facility):
    """One facility store (from `frontdesk init`), registered centrally (its token), with `sync setup` done."""
    return make_facility()


class Tenant:
    """A facility known to the central server only (no store): its id, token and a client speaking as it."""

    def __init__(self, facility_id, token, base_url):
        self.facility_id, self.token = facility_id, token
        self.client = Client(base_url, token)
        self.store_id = new_id()


@pytest.fixture
def make_tenant(central_db, central_server):
    """Registers facilities by id alone (`facility add`), for tests that speak the protocol from Python."""
    def make(name="Protocol Test Facility"):
        facility_id = new_id()
        out = central(central_db, "facility", "add", "--id", facility_id, "--name", name).stdout
        return Tenant(facility_id, out.strip().splitlines()[-1].strip(), central_server.base)

    return make


@pytest.fixture
def tenant(make_tenant):
    return make_tenant()

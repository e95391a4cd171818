// The central server.
import Hummingbird
import PostgresNIO
import Prometheus

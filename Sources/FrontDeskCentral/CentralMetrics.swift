// What the central server counts, for Prometheus: pushes, entries, refusals by reason, each facility's lag.
import Foundation
import Logging
import Metrics
import PostgresNIO
import Prometheus

/// The server's metrics, through swift-metrics into a Prometheus registry (Hummingbird's request
/// metrics land there too). Counters live in the process; the per-facility lag and head are read
/// from the database at each scrape, so every `serve` process reports the same figures.
public final class CentralMetrics: Sendable {
    let registry: PrometheusCollectorRegistry

    /// Bootstraps swift-metrics with a Prometheus registry; once per process.
    public init() {
        registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }

    func push(accepted entries: Int, skipped: Int) {
        Counter(label: "frontdesk_central_pushes_total", dimensions: [("result", "accepted")]).increment()
        Counter(label: "frontdesk_central_entries_total").increment(by: entries)
        Counter(label: "frontdesk_central_entries_skipped_total").increment(by: skipped)
    }

    /// A push refused counts among pushes and their rejections; a head request refused (a malformed
    /// store_id, a bad token) only among head refusals, so that the push figures stay the pushes'.
    func refused(_ reason: String, _ request: ProtocolRequest) {
        switch request {
        case .push:
            Counter(label: "frontdesk_central_pushes_total", dimensions: [("result", "refused")]).increment()
            Counter(label: "frontdesk_central_rejections_total", dimensions: [("reason", reason)]).increment()
        case .head:
            Counter(label: "frontdesk_central_head_refusals_total", dimensions: [("reason", reason)]).increment()
        }
    }

    /// The Prometheus text, with each facility's lag (seconds since its newest push) and entries held, read now.
    func render(client: PostgresClient, logger: Logger) async throws -> String {
        let rows = try await client.query("""
            SELECT facility_id::text, coalesce(extract(epoch FROM now() - max(last_push_at)), -1)::float8,
                   coalesce(sum(last_seq), 0)::int8
            FROM central.store_heads GROUP BY facility_id
            """, logger: logger)
        for try await (facility, lag, entries) in rows.decode((String, Double, Int64).self) {
            Gauge(label: "frontdesk_central_facility_lag_seconds", dimensions: [("facility", facility)]).record(lag)
            Gauge(label: "frontdesk_central_facility_entries", dimensions: [("facility", facility)]).record(entries)
        }
        return registry.emitToString()
    }
}

/// The two requests of the push protocol.
enum ProtocolRequest: String, Sendable {
    case head, push
}

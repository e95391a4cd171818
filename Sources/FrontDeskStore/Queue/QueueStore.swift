// The queue desk's part of the store, reached as `store.queue`: services, bookings, check-in, the board, close of day.
import Foundation

/// The queue desk's store functions (`store.queue.checkIn(…)`); they live in this folder's
/// `QueueStore+…` files and write only through the store's one write path.
public struct QueueStore: DeskStore {
    let store: FacilityStore
}

extension FacilityStore {
    /// The queue desk's store functions.
    public var queue: QueueStore { QueueStore(store: self) }
}

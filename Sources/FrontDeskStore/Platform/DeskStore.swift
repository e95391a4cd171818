// A desk's part of the store (`store.queue`, `store.cashier`): its functions over the one write path.
import Foundation
import FrontDeskCore
import GRDB

/// What a desk's store functions stand on: the facility store, its one write path, its reads and
/// its clock. A desk's functions live in an extension of its own `DeskStore` type, so each desk is
/// reached by name (`store.queue.checkIn(…)`) and a desk's folder is the whole of its store code.
protocol DeskStore: Sendable {
    var store: FacilityStore { get }
}

extension DeskStore {
    func perform<T>(
        _ permission: Permission, action: String, by actor: Actor, _ body: (BusinessTransaction) throws -> T
    ) throws -> T {
        try store.perform(permission, action: action, by: actor, body)
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T { try store.read(body) }

    var clock: any Clock { store.clock }
    var identity: StoreIdentity { store.identity }
    var nowString: String { store.nowString }
}

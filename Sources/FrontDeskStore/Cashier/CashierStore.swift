// The cashier desk's part of the store, reached as `store.cashier`: shifts, invoices, payments, receipts, collections.
import Foundation

/// The cashier desk's store functions (`store.cashier.takePayment(…)`); they live in this folder's
/// `CashierStore+…` files and write only through the store's one write path.
public struct CashierStore: DeskStore {
    let store: FacilityStore
}

extension FacilityStore {
    /// The cashier desk's store functions.
    public var cashier: CashierStore { CashierStore(store: self) }
}

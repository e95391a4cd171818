// The pharmacy desk's records: items, batches, goods receipts, stock movements, prescriptions and dispenses.
import GRDB

/// Something the pharmacy stocks and dispenses, counted in its dispensing unit.
public struct PharmacyItem: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "pharmacy_items"
    static let keyColumn = "item_id"
    var key: String { itemID }

    public var itemID: String
    public var code: String
    public var genericName: String
    public var brand: String?
    public var form: String
    public var strength: String?
    public var route: String?
    /// The dispensing unit: tablet, capsule, ml, vial…
    public var unit: String
    public var packSize: Int
    public var reorderLevel: Int
    /// The fee code of its price per unit when it is not the item's own code.
    public var feeCode: String?
    public var active: Bool
    var searchText: String
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    /// Generic name, strength and form: "Amoxicillin 500 mg capsule".
    public var title: String { [genericName, strength, form].compactMap { $0 }.joined(separator: " ") }
    /// The fee code its price is looked up by.
    public var priceCode: String { feeCode ?? code }

    enum CodingKeys: String, CodingKey {
        case itemID = "item_id", code, genericName = "generic_name", brand, form, strength, route, unit
        case packSize = "pack_size", reorderLevel = "reorder_level", feeCode = "fee_code", active, searchText = "search_text"
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

/// One lot of an item, by the supplier's batch number.
public struct PharmacyBatch: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "pharmacy_batches"
    static let keyColumn = "batch_id"
    var key: String { batchID }

    public var batchID: String
    public var itemID: String
    public var batchNo: String
    /// The first day it may not be given (YYYY-MM-DD).
    public var expiry: String
    public var supplier: String?
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case batchID = "batch_id", itemID = "item_id", batchNo = "batch_no", expiry, supplier
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

/// A delivery received against a supplier's invoice (goods received note).
public struct GoodsReceipt: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "goods_receipts"
    static let keyColumn = "grn_id"
    var key: String { grnID }

    public var grnID: String
    public var number: Int64
    public var supplier: String
    public var invoiceNo: String?
    public var receivedAt: String
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case grnID = "grn_id", number, supplier, invoiceNo = "invoice_no", receivedAt = "received_at"
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

/// What a stock movement was.
public enum MovementType: String, Codable, CaseIterable, Sendable {
    case received = "GRN", adjusted = "ADJUST", issued = "ISSUE", dispensed = "DISPENSE", returned = "RETURN", expired = "EXPIRE"

    public var title: String {
        switch self {
        case .received: return "Received"
        case .adjusted: return "Adjusted"
        case .issued: return "Issued"
        case .dispensed: return "Dispensed"
        case .returned: return "Returned"
        case .expired: return "Expired"
        }
    }
}

/// One line of the stock ledger: never changed, never removed.
public struct StockMovement: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "stock_movements"
    static let keyColumn = "movement_id"
    var key: String { movementID }

    public var movementID: String
    public var itemID: String
    public var batchID: String
    public var type: MovementType
    /// Signed: receipts add, dispensing takes away.
    public var quantity: Int
    public var costMinor: Int64?
    public var reason: String?
    public var counterparty: String?
    public var grnID: String?
    public var dispenseID: String?
    public var authorizedBy: String?
    public var occurredAt: String
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case movementID = "movement_id", itemID = "item_id", batchID = "batch_id", type, quantity, costMinor = "cost_minor"
        case reason, counterparty, grnID = "grn_id", dispenseID = "dispense_id", authorizedBy = "authorized_by"
        case occurredAt = "occurred_at"
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

/// Where a prescription came from.
public enum PrescriptionSource: String, Codable, Sendable {
    /// Typed at the pharmacy counter from paper.
    case counter
    /// Entered by a doctor for the patient's visit.
    case doctor
}

public enum PrescriptionStatus: String, Codable, Sendable {
    /// Something is still owed.
    case open
    /// Everything was dispensed, or what was owed was cancelled.
    case done
    case cancelled
}

public struct Prescription: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "prescriptions"
    static let keyColumn = "rx_id"
    var key: String { rxID }

    public var rxID: String
    public var number: Int64
    public var patientID: String
    public var encounterID: String?
    public var prescriber: String
    public var doctorID: String?
    public var writtenOn: String
    public var source: PrescriptionSource
    public var status: PrescriptionStatus
    public var closedReason: String?
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case rxID = "rx_id", number, patientID = "patient_id", encounterID = "encounter_id", prescriber, doctorID = "doctor_id"
        case writtenOn = "written_on", source, status, closedReason = "closed_reason"
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

public struct PrescriptionLine: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "prescription_lines"
    static let keyColumn = "line_id"
    var key: String { lineID }

    public var lineID: String
    public var rxID: String
    public var lineNo: Int
    public var itemID: String
    public var dose: String
    public var frequency: String
    public var durationDays: Int?
    public var route: String?
    public var instructions: String?
    public var quantity: Int
    public var allergy: String?
    public var allergyAcknowledgedBy: String?
    public var restCancelledReason: String?
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case lineID = "line_id", rxID = "rx_id", lineNo = "line_no", itemID = "item_id", dose, frequency
        case durationDays = "duration_days", route, instructions, quantity, allergy
        case allergyAcknowledgedBy = "allergy_acknowledged_by", restCancelledReason = "rest_cancelled_reason"
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

/// One batch's part of dispensing a line.
public struct Dispense: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "dispenses"
    static let keyColumn = "dispense_id"
    var key: String { dispenseID }

    public var dispenseID: String
    public var lineID: String
    public var itemID: String
    public var batchID: String
    public var quantity: Int
    public var chargeID: String?
    public var overrideReason: String?
    public var dispensedAt: String
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case dispenseID = "dispense_id", lineID = "line_id", itemID = "item_id", batchID = "batch_id"
        case quantity, chargeID = "charge_id", overrideReason = "override_reason", dispensedAt = "dispensed_at"
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

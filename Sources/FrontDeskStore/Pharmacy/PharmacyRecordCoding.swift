// The pharmacy records a dispense, the alerts and the lookup touch most, written and read by hand instead of through Codable.
import GRDB

// Written by hand for the records a dispense writes: GRDB's Codable encoding was a third of a dispense's CPU.
// Every column is set, optionals as NULL, exactly as the Codable encoding sets them (verify compares the two).

extension StockMovement {
    public func encode(to container: inout PersistenceContainer) throws {
        container[CodingKeys.movementID.rawValue] = movementID
        container[CodingKeys.itemID.rawValue] = itemID
        container[CodingKeys.batchID.rawValue] = batchID
        container[CodingKeys.type.rawValue] = type.rawValue
        container[CodingKeys.quantity.rawValue] = quantity
        container[CodingKeys.costMinor.rawValue] = costMinor
        container[CodingKeys.reason.rawValue] = reason
        container[CodingKeys.counterparty.rawValue] = counterparty
        container[CodingKeys.grnID.rawValue] = grnID
        container[CodingKeys.dispenseID.rawValue] = dispenseID
        container[CodingKeys.authorizedBy.rawValue] = authorizedBy
        container[CodingKeys.occurredAt.rawValue] = occurredAt
        container[CodingKeys.createdAt.rawValue] = createdAt
        container[CodingKeys.updatedAt.rawValue] = updatedAt
        container[CodingKeys.createdBy.rawValue] = createdBy
        container[CodingKeys.updatedBy.rawValue] = updatedBy
    }
}

extension Dispense {
    public func encode(to container: inout PersistenceContainer) throws {
        container[CodingKeys.dispenseID.rawValue] = dispenseID
        container[CodingKeys.lineID.rawValue] = lineID
        container[CodingKeys.itemID.rawValue] = itemID
        container[CodingKeys.batchID.rawValue] = batchID
        container[CodingKeys.quantity.rawValue] = quantity
        container[CodingKeys.chargeID.rawValue] = chargeID
        container[CodingKeys.overrideReason.rawValue] = overrideReason
        container[CodingKeys.dispensedAt.rawValue] = dispensedAt
        container[CodingKeys.createdAt.rawValue] = createdAt
        container[CodingKeys.updatedAt.rawValue] = updatedAt
        container[CodingKeys.createdBy.rawValue] = createdBy
        container[CodingKeys.updatedBy.rawValue] = updatedBy
    }
}

extension Prescription {
    public func encode(to container: inout PersistenceContainer) throws {
        container[CodingKeys.rxID.rawValue] = rxID
        container[CodingKeys.number.rawValue] = number
        container[CodingKeys.patientID.rawValue] = patientID
        container[CodingKeys.encounterID.rawValue] = encounterID
        container[CodingKeys.prescriber.rawValue] = prescriber
        container[CodingKeys.doctorID.rawValue] = doctorID
        container[CodingKeys.writtenOn.rawValue] = writtenOn
        container[CodingKeys.source.rawValue] = source.rawValue
        container[CodingKeys.status.rawValue] = status.rawValue
        container[CodingKeys.closedReason.rawValue] = closedReason
        container[CodingKeys.createdAt.rawValue] = createdAt
        container[CodingKeys.updatedAt.rawValue] = updatedAt
        container[CodingKeys.createdBy.rawValue] = createdBy
        container[CodingKeys.updatedBy.rawValue] = updatedBy
    }
}

// Read by hand for the records dispensing, alerts and the lookup read many of: GRDB's Codable decoding cost
// more than the query. Columns by name, as the Codable decoding reads them.

extension PharmacyItem {
    public init(row: Row) throws {
        itemID = row[CodingKeys.itemID.rawValue]
        code = row[CodingKeys.code.rawValue]
        genericName = row[CodingKeys.genericName.rawValue]
        brand = row[CodingKeys.brand.rawValue]
        form = row[CodingKeys.form.rawValue]
        strength = row[CodingKeys.strength.rawValue]
        route = row[CodingKeys.route.rawValue]
        unit = row[CodingKeys.unit.rawValue]
        packSize = row[CodingKeys.packSize.rawValue]
        reorderLevel = row[CodingKeys.reorderLevel.rawValue]
        feeCode = row[CodingKeys.feeCode.rawValue]
        active = row[CodingKeys.active.rawValue]
        searchText = row[CodingKeys.searchText.rawValue]
        createdAt = row[CodingKeys.createdAt.rawValue]
        updatedAt = row[CodingKeys.updatedAt.rawValue]
        createdBy = row[CodingKeys.createdBy.rawValue]
        updatedBy = row[CodingKeys.updatedBy.rawValue]
    }
}

extension PharmacyBatch {
    public init(row: Row) throws {
        batchID = row[CodingKeys.batchID.rawValue]
        itemID = row[CodingKeys.itemID.rawValue]
        batchNo = row[CodingKeys.batchNo.rawValue]
        expiry = row[CodingKeys.expiry.rawValue]
        supplier = row[CodingKeys.supplier.rawValue]
        createdAt = row[CodingKeys.createdAt.rawValue]
        updatedAt = row[CodingKeys.updatedAt.rawValue]
        createdBy = row[CodingKeys.createdBy.rawValue]
        updatedBy = row[CodingKeys.updatedBy.rawValue]
    }
}

extension PrescriptionLine {
    public init(row: Row) throws {
        lineID = row[CodingKeys.lineID.rawValue]
        rxID = row[CodingKeys.rxID.rawValue]
        lineNo = row[CodingKeys.lineNo.rawValue]
        itemID = row[CodingKeys.itemID.rawValue]
        dose = row[CodingKeys.dose.rawValue]
        frequency = row[CodingKeys.frequency.rawValue]
        durationDays = row[CodingKeys.durationDays.rawValue]
        route = row[CodingKeys.route.rawValue]
        instructions = row[CodingKeys.instructions.rawValue]
        quantity = row[CodingKeys.quantity.rawValue]
        allergy = row[CodingKeys.allergy.rawValue]
        allergyAcknowledgedBy = row[CodingKeys.allergyAcknowledgedBy.rawValue]
        restCancelledReason = row[CodingKeys.restCancelledReason.rawValue]
        createdAt = row[CodingKeys.createdAt.rawValue]
        updatedAt = row[CodingKeys.updatedAt.rawValue]
        createdBy = row[CodingKeys.createdBy.rawValue]
        updatedBy = row[CodingKeys.updatedBy.rawValue]
    }
}

extension Prescription {
    public init(row: Row) throws {
        rxID = row[CodingKeys.rxID.rawValue]
        number = row[CodingKeys.number.rawValue]
        patientID = row[CodingKeys.patientID.rawValue]
        encounterID = row[CodingKeys.encounterID.rawValue]
        prescriber = row[CodingKeys.prescriber.rawValue]
        doctorID = row[CodingKeys.doctorID.rawValue]
        writtenOn = row[CodingKeys.writtenOn.rawValue]
        guard let source = PrescriptionSource(rawValue: row[CodingKeys.source.rawValue]),
            let status = PrescriptionStatus(rawValue: row[CodingKeys.status.rawValue])
        else { throw StoreError.storageFailure("prescription \(rxID) has an unknown source or status") }
        self.source = source
        self.status = status
        closedReason = row[CodingKeys.closedReason.rawValue]
        createdAt = row[CodingKeys.createdAt.rawValue]
        updatedAt = row[CodingKeys.updatedAt.rawValue]
        createdBy = row[CodingKeys.createdBy.rawValue]
        updatedBy = row[CodingKeys.updatedBy.rawValue]
    }
}

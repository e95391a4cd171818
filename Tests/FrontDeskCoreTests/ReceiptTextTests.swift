// Text receipts: 42 columns for an 80 mm thermal printer, 80 for a page; golden layouts, every line
// within the paper (wide characters included), COPY banners, wrapping, refunds with a minus.
import XCTest

@testable import FrontDeskCore

final class ReceiptTextTests: XCTestCase {
    static let facility = (name: "St. Mary's Mission Hospital", lines: ["12 Moi Avenue, Nairobi", "Tel +254 20 123 4567"])

    /// A consultation, a test whose name wraps at 42 columns, and twenty tablets, paid in two ways.
    static func receipt(copy: Bool = false) -> ReceiptDocument {
        ReceiptDocument(
            kind: .receipt, facilityName: facility.name, facilityLines: facility.lines,
            number: "RCT-000123", issuedAt: "23 Nov 2026 10:42", patientLine: "Okafor, Amina  MR00000018",
            lines: [
                ReceiptLine("Consultation, general", 150_000),
                ReceiptLine("Full blood count with differential and ESR", 120_000),
                ReceiptLine(description: "Paracetamol 500 mg", quantity: 20, unitMinor: 500, amountMinor: 10_000),
            ],
            totals: [ReceiptTotal("Subtotal", 280_000), ReceiptTotal("Insurance (NHIF)", -100_000), ReceiptTotal("Paid", 180_000)],
            payments: [ReceiptPayment("Cash", 100_000), ReceiptPayment("Mobile money", 80_000, reference: "QJK3X7Y2LM")],
            tenderedMinor: 150_000, changeMinor: 50_000, cashier: "Wanjiru Kamau", footer: ["Thank you. Get well soon."],
            isCopy: copy, currency: "KES", minorUnits: 2)
    }

    // MARK: - Golden layouts

    func testAReceiptOnThermalPaper() {
        XCTAssertEqual(ReceiptText.render(Self.receipt(), width: 42), """
                   St. Mary's Mission Hospital
                      12 Moi Avenue, Nairobi
                       Tel +254 20 123 4567
            ------------------------------------------
                             RECEIPT
            No. RCT-000123           23 Nov 2026 10:42
            Patient: Okafor, Amina  MR00000018
            ------------------------------------------
            Item                          Amount (KES)
            Consultation, general             1,500.00
            Full blood count with             1,200.00
              differential and ESR
            Paracetamol 500 mg                  100.00
              20 x 5.00
            ------------------------------------------
            Subtotal                          2,800.00
            Insurance (NHIF)                 -1,000.00
            Paid                              1,800.00
            ------------------------------------------
            Cash                              1,000.00
            Mobile money, ref QJK3X7Y2LM        800.00
            Tendered                          1,500.00
            Change                              500.00
            ------------------------------------------
            Cashier: Wanjiru Kamau
                    Thank you. Get well soon.

            """)
    }

    func testAnInvoiceOnAPage() {
        let invoice = ReceiptDocument(
            kind: .invoice, facilityName: Self.facility.name, facilityLines: Self.facility.lines,
            number: "INV-000045", issuedAt: "23 Nov 2026 10:40", patientLine: "Okafor, Amina  MR00000018",
            notes: ["Payer: NHIF, member 1234567"],
            lines: [
                ReceiptLine("Consultation, general", 150_000),
                ReceiptLine(description: "Ultrasound, abdomen and pelvis, with the radiologist's written report",
                            quantity: 1, unitMinor: 350_000, amountMinor: 350_000),
                ReceiptLine(description: "Paracetamol 500 mg", quantity: 20, unitMinor: 500, amountMinor: 10_000),
            ],
            totals: [
                ReceiptTotal("Subtotal", 510_000), ReceiptTotal("Discount (staff)", -10_000),
                ReceiptTotal("Insurance (NHIF)", -300_000), ReceiptTotal("Patient pays", 200_000),
                ReceiptTotal("Paid", 50_000), ReceiptTotal("Balance due", 150_000),
            ],
            cashier: "Wanjiru Kamau", footer: ["Please pay at the cashier's desk."], currency: "KES", minorUnits: 2)
        XCTAssertEqual(ReceiptText.render(invoice, width: 80), """
                                      St. Mary's Mission Hospital
                                         12 Moi Avenue, Nairobi
                                          Tel +254 20 123 4567
            --------------------------------------------------------------------------------
                                                INVOICE
            No. INV-000045                                                 23 Nov 2026 10:40
            Patient: Okafor, Amina  MR00000018
            Payer: NHIF, member 1234567
            --------------------------------------------------------------------------------
            Description                                        Qty   Unit price Amount (KES)
            Consultation, general                                1     1,500.00     1,500.00
            Ultrasound, abdomen and pelvis, with the             1     3,500.00     3,500.00
              radiologist's written report
            Paracetamol 500 mg                                  20         5.00       100.00
            --------------------------------------------------------------------------------
            Subtotal                                                                5,100.00
            Discount (staff)                                                         -100.00
            Insurance (NHIF)                                                       -3,000.00
            Patient pays                                                            2,000.00
            Paid                                                                      500.00
            Balance due                                                             1,500.00
            --------------------------------------------------------------------------------
            Cashier: Wanjiru Kamau
                                   Please pay at the cashier's desk.

            """)
    }

    func testARefundShowsTheMoneyGoingBackWithAMinus() {
        let refund = ReceiptDocument(
            kind: .refund, facilityName: Self.facility.name, number: "RCT-000131", issuedAt: "23 Nov 2026 15:05",
            patientLine: "Okafor, Amina  MR00000018",
            notes: ["Refund of RCT-000123", "Reason: test not done, sample haemolysed", "Authorised by: Otieno, Brian"],
            lines: [ReceiptLine("Full blood count with differential and ESR", -120_000)],
            totals: [ReceiptTotal("Refunded", -120_000)],
            payments: [ReceiptPayment("Cash", -120_000)],
            cashier: "Wanjiru Kamau", currency: "KES", minorUnits: 2)
        XCTAssertEqual(ReceiptText.render(refund, width: 42), """
                   St. Mary's Mission Hospital
            ------------------------------------------
                              REFUND
            No. RCT-000131           23 Nov 2026 15:05
            Patient: Okafor, Amina  MR00000018
            Refund of RCT-000123
            Reason: test not done, sample haemolysed
            Authorised by: Otieno, Brian
            ------------------------------------------
            Item                          Amount (KES)
            Full blood count with            -1,200.00
              differential and ESR
            ------------------------------------------
            Refunded                         -1,200.00
            ------------------------------------------
            Cash                             -1,200.00
            ------------------------------------------
            Cashier: Wanjiru Kamau

            """)
    }

    func testAZReportHasNoPatientAndSkipsEmptySections() {
        let report = ReceiptDocument(
            kind: .zReport, facilityName: "Kibera Clinic", number: "SHIFT-000007", issuedAt: "23 Nov 2026 18:00",
            notes: ["Opened 23 Nov 2026 08:00, closed 18:00"],
            totals: [ReceiptTotal("Float", 500_000), ReceiptTotal("Cash in", 1_250_000), ReceiptTotal("Cash out", -120_000),
                     ReceiptTotal("Expected in drawer", 1_630_000), ReceiptTotal("Counted", 1_625_000),
                     ReceiptTotal("Short", -5_000)],
            payments: [ReceiptPayment("Cash", 1_130_000), ReceiptPayment("Mobile money", 2_400_000)],
            cashier: "Wanjiru Kamau", currency: "UGX", minorUnits: 0)
        XCTAssertEqual(ReceiptText.render(report, width: 42), """
                          Kibera Clinic
            ------------------------------------------
                             Z REPORT
            No. SHIFT-000007         23 Nov 2026 18:00
            Opened 23 Nov 2026 08:00, closed 18:00
            ------------------------------------------
            Float                              500,000
            Cash in                          1,250,000
            Cash out                          -120,000
            Expected in drawer               1,630,000
            Counted                          1,625,000
            Short                               -5,000
            ------------------------------------------
            Cash                             1,130,000
            Mobile money                     2,400,000
            ------------------------------------------
            Cashier: Wanjiru Kamau

            """)
    }

    // MARK: - Copies

    func testAReprintSaysCopyAtTheTopAndTheBottom() {
        for width in [42, 80] {
            let lines = ReceiptText.render(Self.receipt(copy: true), width: width).split(separator: "\n").map(String.init)
            let banner = String(repeating: " ", count: (width - 12) / 2) + "*** COPY ***"
            XCTAssertEqual(lines.first, banner)
            XCTAssertEqual(lines.last, banner)
            XCTAssertEqual(lines.filter { $0.contains("COPY") }.count, 2)
            // Otherwise the same as the original.
            let original = ReceiptText.render(Self.receipt(), width: width).split(separator: "\n").map(String.init)
            XCTAssertEqual(Array(lines.dropFirst().dropLast()), original)
            XCTAssertFalse(original.contains { $0.contains("COPY") })
        }
    }

    // MARK: - Wrapping

    func testALongDescriptionWrapsUnderItselfWithTheAmountOnItsFirstLine() throws {
        let description = "Magnetic resonance imaging of the lumbar spine with and without contrast, including the radiologist's report"
        var doc = Self.receipt()
        doc.lines = [ReceiptLine(description, 1_800_000)]
        for width in [42, 80] {
            let lines = ReceiptText.render(doc, width: width).split(separator: "\n").map(String.init)
            let first = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("Magnetic") })
            XCTAssertTrue(lines[first].hasSuffix(" 18,000.00"), lines[first])
            var rest: [String] = []
            for line in lines[(first + 1)...] {
                guard line.hasPrefix("  "), !line.hasPrefix("   ") else { break }
                XCTAssertFalse(line.contains("18,000.00"))
                rest.append(String(line.dropFirst(2)))
            }
            XCTAssertGreaterThan(rest.count, 0, "wraps at \(width)")
            // Every word is kept, in order.
            let firstText = lines[first].components(separatedBy: "  ")[0]  // the figures start after a gap
            let words = ([firstText] + rest).joined(separator: " ").split(separator: " ").joined(separator: " ")
            XCTAssertEqual(words, description)
        }
    }

    func testAWordLongerThanTheLineIsBrokenNotLost() {
        XCTAssertEqual(DisplayWidth.wrap("ref ABCDEFGHIJKLMNOP", first: 8, rest: 8), ["ref ABCD", "EFGHIJKL", "MNOP"])
        XCTAssertEqual(DisplayWidth.wrap("超声波检查腹部", first: 5, rest: 6), ["超声", "波检查", "腹部"], "never half a wide character")
        XCTAssertEqual(DisplayWidth.wrap("Okafor, Amina  MR00000018", first: 40, rest: 40), ["Okafor, Amina  MR00000018"])
        XCTAssertEqual(DisplayWidth.wrap("Okafor, Amina  MR00000018", first: 14, rest: 14), ["Okafor, Amina", "MR00000018"])
        XCTAssertEqual(DisplayWidth.wrap("", first: 10, rest: 10), [""])
    }

    // MARK: - Widths

    func testDisplayWidthCountsWideAndCombiningCharacters() {
        XCTAssertEqual(DisplayWidth.of("Okafor"), 6)
        XCTAssertEqual(DisplayWidth.of("Nguyễn"), 6)
        XCTAssertEqual(DisplayWidth.of("Nguye\u{302}\u{303}n"), 6, "decomposed: the marks take no column")
        XCTAssertEqual(DisplayWidth.of("Chloe\u{301}"), 5)
        XCTAssertEqual(DisplayWidth.of("王秀英"), 6)
        XCTAssertEqual(DisplayWidth.of("김민준"), 6)
        XCTAssertEqual(DisplayWidth.of("さくら"), 6)
        XCTAssertEqual(DisplayWidth.of("ＫＥＳ"), 6, "fullwidth forms")
        XCTAssertEqual(DisplayWidth.of("👍🏽"), 2)
        XCTAssertEqual(DisplayWidth.of("Ахмед"), 5)
        XCTAssertEqual(DisplayWidth.of("محمد"), 4)
    }

    func testEveryLineFitsThePaperWhateverTheNames() {
        var doc = Self.receipt(copy: true)
        doc.facilityName = "Bệnh viện Đa khoa Quốc tế 国际综合医院 — Hôpital Général de Référence de Kinshasa"
        doc.facilityLines = ["Số 12 Nguyễn Trãi, Phường Bến Thành, Quận 1, Thành phố Hồ Chí Minh", "☎ +84 28 1234 5678"]
        doc.patientLine = "王秀英 Wang Xiuying / Nguye\u{302}\u{303}n Thị Ánh / Chloé Dubois  MR00000042"
        doc.notes = ["Refund of RCT-000123\nReason:\tduplicate\u{7}charge", String(repeating: "長", count: 50)]
        doc.lines = [
            ReceiptLine("超声波检查腹部超声波检查腹部超声波检查腹部超声波检查腹部超声波检查腹部", 350_000),
            ReceiptLine(description: "Échographie abdominale — compte rendu du radiologue inclus 👍🏽", quantity: 12_345,
                        unitMinor: 99_999_999_999_999, amountMinor: 1_234_567_890_123_456),
            ReceiptLine(String(repeating: "X", count: 200), -1),
        ]
        doc.payments.append(ReceiptPayment("Mobile money", 1, reference: String(repeating: "9", count: 90)))
        doc.cashier = "Đặng Thị Hồng Nhung 정하은"
        doc.footer = ["Cảm ơn quý khách. 谢谢。 ありがとうございました。 감사합니다. Merci et bon rétablissement."]
        for width in [32, 36, 40, 42, 48, 56, 60, 64, 72, 80, 100, 132] {
            let text = ReceiptText.render(doc, width: width)
            XCTAssertTrue(text.hasSuffix("\n"))
            for line in text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                XCTAssertLessThanOrEqual(DisplayWidth.of(line), width, "at \(width): \(line)")
                XCTAssertFalse(line.hasSuffix(" "), "trailing space at \(width): '\(line)'")
                XCTAssertFalse(line.isEmpty, "no blank lines at \(width)")
                XCTAssertFalse(line.unicodeScalars.contains { $0.properties.generalCategory == .control }, line)
            }
            XCTAssertTrue(text.contains("12,345,678,901,234.56"), "a huge amount is kept whole at \(width)")
            XCTAssertEqual(text.filter { $0 == "9" }.count >= 90, true, "the whole reference is kept at \(width)")
        }
        // Narrower paper than the minimum is laid out at the minimum.
        XCTAssertEqual(ReceiptText.render(doc, width: 10), ReceiptText.render(doc, width: ReceiptText.minimumWidth))
    }
}

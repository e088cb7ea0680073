import Testing
@testable import MDAEngine

@Suite("CaseDate")
struct CaseDateTests {
    @Test("parses only existing YYYY-MM-DD dates", arguments: [
        ("2024-02-29", true), ("2023-02-29", false), ("2023-02-30", false), ("2025-13-01", false),
        ("2025-1-01", false), ("2025-01-01T00:00", false), ("1900-01-01", true), ("2199-12-31", true), ("abcd-ef-gh", false),
    ])
    func parsing(text: String, valid: Bool) {
        #expect((CaseDate(parsing: text) != nil) == valid)
        if valid { #expect(CaseDate(parsing: text)!.description == text) }
    }

    @Test("month arithmetic clamps to the month's end (reading 1)", arguments: [
        ("2024-02-29", -12, "2023-02-28"), ("2024-02-29", 12, "2025-02-28"), ("2025-03-31", -1, "2025-02-28"),
        ("2024-03-31", -1, "2024-02-29"), ("2025-06-30", -24, "2023-06-30"), ("2025-01-15", -18, "2023-07-15"),
        ("2025-12-31", 1, "2026-01-31"),
    ])
    func months(start: String, months: Int, expected: String) {
        #expect(CaseDate(parsing: start)!.addingMonths(months).description == expected)
    }

    @Test("day arithmetic and ordering")
    func days() {
        let d = CaseDate(parsing: "2025-03-01")!
        #expect(d.addingDays(-1).description == "2025-02-28")
        #expect(d.addingDays(-14).description == "2025-02-15")
        #expect(d.addingDays(-1) < d)
        #expect(CaseDate(parsing: "1969-12-31")!.daysSinceEpoch == -1)
    }
}

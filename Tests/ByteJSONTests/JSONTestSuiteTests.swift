import Testing
@testable import ByteJSON

/// The JSONTestSuite parsing corpus (nst/JSONTestSuite): `y_` files must parse, `n_` files must
/// be rejected, `i_` files may go either way but must not crash or hang; our choices are pinned.
@Suite struct JSONTestSuiteTests {
    static let accepted = TestFiles.suiteFiles("y_")
    static let rejected = TestFiles.suiteFiles("n_")
    static let implementationDefined = TestFiles.suiteFiles("i_")

    /// The `i_` files this reader accepts; every other `i_` file is rejected. Numbers keep their
    /// text, so out-of-range numbers are accepted; ill-formed UTF-8, unpaired surrogates, byte
    /// order marks and UTF-16 input are rejected.
    static let acceptedImplementationDefined: Set<String> = [
        "i_number_double_huge_neg_exp.json",
        "i_number_huge_exp.json",
        "i_number_neg_int_huge_exp.json",
        "i_number_pos_double_huge_exp.json",
        "i_number_real_neg_overflow.json",
        "i_number_real_pos_overflow.json",
        "i_number_real_underflow.json",
        "i_number_too_big_neg_int.json",
        "i_number_too_big_pos_int.json",
        "i_number_very_big_negative_int.json",
        "i_structure_500_nested_arrays.json",
    ]

    @Test func corpusIsPresent() {
        #expect(Self.accepted.count == 95)
        #expect(Self.rejected.count == 188)
        #expect(Self.implementationDefined.count == 35)
    }

    @Test(arguments: accepted)
    func mustAccept(_ name: String) throws {
        let bytes = try TestFiles.suiteBytes(name)
        #expect(throws: Never.self) { try JSONReader().read(bytes) }
    }

    @Test(arguments: rejected)
    func mustReject(_ name: String) throws {
        let bytes = try TestFiles.suiteBytes(name)
        let error = #expect(throws: JSONError.self) { try JSONReader().read(bytes) }
        if let error {
            #expect(error.offset >= 0 && error.offset <= bytes.count)
            #expect(error.line >= 1 && error.column >= 1)
        }
    }

    @Test(arguments: implementationDefined)
    func implementationDefinedOutcome(_ name: String) throws {
        let bytes = try TestFiles.suiteBytes(name)
        let outcome = Result { () throws(JSONError) in try JSONReader().read(bytes) }
        switch outcome {
        case .success:
            #expect(Self.acceptedImplementationDefined.contains(name), "accepted \(name)")
        case .failure(let error):
            #expect(!Self.acceptedImplementationDefined.contains(name), "rejected \(name): \(error)")
        }
    }

    /// Writing what was read and reading it again gives the same value.
    @Test(arguments: accepted)
    func acceptedFilesRoundTrip(_ name: String) throws {
        let value = try JSONReader().read(try TestFiles.suiteBytes(name))
        var writer = JSONWriter()
        writer.value(value)
        #expect(try JSONReader().read(writer.bytes) == value)
    }

    /// Error descriptions have a fixed shape and never echo the input.
    @Test(arguments: rejected)
    func errorDescriptionsCarryNoInput(_ name: String) throws {
        let bytes = try TestFiles.suiteBytes(name)
        do {
            _ = try JSONReader().read(bytes)
        } catch {
            let expected = "line \(error.line), column \(error.column) (byte \(error.offset)): \(error.code.summary) [\(error.code.rawValue)]"
            #expect(error.description == expected)
        }
    }
}

import ByteJSON
import Foundation
import MDAEngine

/// The JSON-RPC 2.0 protocol of `mda serve`, independent of any I/O: one input line in, the
/// response line (or none) out.
///
/// A service is `Sendable` and handles lines from any number of threads at once. The ruleset
/// can be replaced while it serves (``RPCMethod/rulesetReload``); each request uses the engine
/// that was current when it started.
///
/// ```swift
/// let service = try Service(source: .bundled)
/// let reply = service.handle(Array(#"{"jsonrpc":"2.0","method":"health","id":1}"#.utf8))
/// print(reply.text ?? "(no answer)")
/// ```
///
/// Nothing the service writes or logs contains case data: error messages name JSON Pointer
/// paths and codes, never values.
public final class Service: Sendable {
    /// Where the rules come from, at start and on reload.
    public let source: RulesetSource
    /// Whether the test-only methods (`test.sleep`, `test.internalError`) are enabled.
    public let testMethods: Bool
    /// Receives one line per noteworthy event (reloads); never case data.
    let log: @Sendable (String) -> Void
    let slot: EngineSlot
    /// How many engines each pool keeps ready: one per thread that calls ``handle(_:)``.
    let engines: Int
    let reloadLock = NSLock()
    let reader: JSONReader
    let started = ContinuousClock.now

    /// Loads the rules from `source` and creates a service.
    ///
    /// - Parameters:
    ///   - source: Where the rules come from.
    ///   - testMethods: Whether to enable `test.sleep` and `test.internalError`.
    ///   - maxDepth: The deepest JSON nesting accepted in a message (default 512); deeper is a parse error.
    ///   - engines: How many threads will call ``handle(_:)`` at once (the server's workers): the
    ///     service keeps that many engines of each ruleset, one per thread (see ``EnginePool``).
    ///   - log: Receives event lines (reloads) without case data.
    /// - Throws: ``RulesetErrors`` when the rules cannot be loaded.
    public convenience init(source: RulesetSource = .bundled, testMethods: Bool = false, maxDepth: Int = 512,
                            engines: Int = 1, log: @escaping @Sendable (String) -> Void = { _ in }) throws(RulesetErrors) {
        let ruleset = try source.load()
        self.init(ruleset: ruleset, source: source, testMethods: testMethods, maxDepth: maxDepth, engines: engines, log: log)
    }

    /// Creates a service around an already loaded ruleset.
    ///
    /// - Parameters:
    ///   - ruleset: The ruleset to serve first.
    ///   - source: Where `ruleset.reload` reads the rules from.
    ///   - testMethods: Whether to enable `test.sleep` and `test.internalError`.
    ///   - maxDepth: The deepest JSON nesting accepted in a message; deeper is a parse error.
    ///   - engines: How many threads will call ``handle(_:)`` at once; more still works, sharing engines.
    ///   - log: Receives event lines (reloads) without case data.
    public init(ruleset: Ruleset, source: RulesetSource, testMethods: Bool = false, maxDepth: Int = 512,
                engines: Int = 1, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.source = source
        self.testMethods = testMethods
        self.log = log
        self.engines = max(1, engines)
        self.slot = EngineSlot(EnginePool(Engine(ruleset: ruleset), engines: self.engines))
        self.reader = JSONReader(maxDepth: maxDepth)
    }

    /// The engine serving now.
    public var engine: Engine { slot.current.engine }

    /// Handles one input line: a request, a notification or a batch.
    ///
    /// - Parameter line: The line's bytes, without the newline.
    /// - Returns: The response line (without newline), or none, and whether a shutdown was requested.
    public func handle(_ line: [UInt8]) -> ServiceReply {
        let tape: JSONTape
        do {
            tape = try reader.readTape(line)
        } catch {
            return ServiceReply(line: Self.errorLine(id: .null, RPCError(.parseError, data: .json(error))))
        }
        // The envelope becomes a tree; the cases stay on the tape and are decoded from there.
        let (message, cases) = tape.withView { RequestTape.split($0) }
        // A decision with its trace is several times the size of its case (about 6× for the
        // sample cases): reserving that up front spares regrowing (and copying) the buffer.
        var w = JSONWriter(capacity: Swift.min(Swift.max(4096, line.count &* 8), 1 << 20))
        var shutdown = false
        switch message {
        case .array(let elements):
            guard !elements.isEmpty else {
                return ServiceReply(line: Self.errorLine(id: .null, RPCError(.invalidRequest, "empty batch")))
            }
            var answered = 0
            w.beginArray()
            for (k, element) in elements.enumerated()
            where respond(to: element, caseOnTape: cases[k].map { (tape, $0) }, into: &w, shutdown: &shutdown) { answered += 1 }
            w.endArray()
            return ServiceReply(line: answered == 0 ? nil : w.takeBytes(), shutdown: shutdown)
        default:
            let answered = respond(to: message, caseOnTape: cases.first.flatMap { $0 }.map { (tape, $0) }, into: &w, shutdown: &shutdown)
            return ServiceReply(line: answered ? w.takeBytes() : nil, shutdown: shutdown)
        }
    }

    /// The error line for an input line longer than `limit` bytes.
    ///
    /// - Parameter limit: The configured maximum line length.
    /// - Returns: A `-32600` response with id `null`, without newline.
    public static func lineTooLong(limit: Int) -> [UInt8] {
        errorLine(id: .null, RPCError(.invalidRequest, "line too long", data: .limit(name: "maxLineBytes", value: limit)))
    }

    /// A complete error response.
    static func errorLine(id: JSONValue, _ error: RPCError) -> [UInt8] {
        var w = JSONWriter(capacity: 256)
        writeError(id: id, error, into: &w)
        return w.takeBytes()
    }

    /// Writes `{"jsonrpc":"2.0","id":…,"error":{…}}`.
    static func writeError(id: JSONValue, _ error: RPCError, into w: inout JSONWriter) {
        w.beginObject()
        w.key(raw: "jsonrpc"); w.string("2.0")
        w.key(raw: "id"); w.value(id)
        w.key(raw: "error"); error.write(to: &w)
        w.endObject()
    }

    /// Handles one request object and writes its response, if any.
    ///
    /// - Returns: Whether a response was written.
    /// - Parameter caseOnTape: where the request's case is, when ``RequestTape/split(_:)`` left
    ///   it on the tape (its place in `value` then holds an empty object).
    private func respond(to value: JSONValue, caseOnTape: (JSONTape, Int)?, into w: inout JSONWriter, shutdown: inout Bool) -> Bool {
        let request: RPCRequest
        switch RPCRequest.parse(value) {
        case .success(let r): request = r
        case .failure(let failure):
            Self.writeError(id: failure.id, failure.error, into: &w)
            return true
        }
        guard let method = RPCMethod(rawValue: request.method), !method.isTestOnly || testMethods else {
            if let id = request.id { Self.writeError(id: id, RPCError(.methodNotFound), into: &w) }
            return request.id != nil
        }
        guard let id = request.id else {
            if method.hasEffects, case .success = call(method, params: request.params, caseOnTape: caseOnTape), method == .shutdown { shutdown = true }
            return false
        }
        switch call(method, params: request.params, caseOnTape: caseOnTape) {
        case .success(let answer):
            if method == .shutdown { shutdown = true }
            w.beginObject()
            w.key(raw: "jsonrpc"); w.string("2.0")
            w.key(raw: "id"); w.value(id)
            w.key(raw: "result")
            switch answer {
            case .decision(let decision, let explanation): DecisionWriter.write(decision, to: &w, explanation: explanation)
            case .value(let result): w.value(result)
            }
            w.endObject()
        case .failure(let error):
            Self.writeError(id: id, error, into: &w)
        }
        return true
    }

    /// A method's successful result.
    enum Answer {
        /// A decision, written straight into the response, with an optional explanation.
        case decision(Decision, String?)
        /// Any other result.
        case value(JSONValue)
    }

    /// Calls a method.
    private func call(_ method: RPCMethod, params: JSONValue?, caseOnTape: (JSONTape, Int)?) -> Result<Answer, RPCError> {
        switch method {
        case .evaluate: return evaluate(params, caseOnTape: caseOnTape)
        case .rulesetInfo:
            return Self.noParams(params).map { .value(Self.info(slot.current.engine.ruleset)) }
        case .rulesetReload:
            return Self.noParams(params).flatMap { reload() }
        case .health:
            return Self.noParams(params).map { .value(health()) }
        case .shutdown:
            return Self.noParams(params).map { .value(.null) }
        case .testSleep:
            return Self.objectParams(params, allowed: ["ms"]).flatMap { object in
                guard let ms = object["ms"]?.numberValue?.int64, (0...60_000).contains(ms) else {
                    return .failure(RPCError(.invalidParams, data: .paramErrors([
                        RPCParamError(path: "/params/ms", code: .range, message: "ms must be an integer from 0 to 60000")])))
                }
                Thread.sleep(forTimeInterval: Double(ms) / 1000)
                return .success(.value(.null))
            }
        case .testInternalError:
            return .failure(RPCError(.internalError, "test.internalError always fails"))
        }
    }

    /// `evaluate`: params `{"case": …, "explain": bool, "lang": "nl"|"en", "missing": bool}`.
    /// `missing: false` skips the missing-facts counterfactuals (the decision's `missing` is
    /// then empty), for callers that need a fast answer on cases full of unknowns.
    private func evaluate(_ params: JSONValue?, caseOnTape: (JSONTape, Int)?) -> Result<Answer, RPCError> {
        let object: JSONObject
        switch Self.objectParams(params, allowed: ["case", "explain", "lang", "missing"]) {
        case .success(let o): object = o
        case .failure(let e): return .failure(e)
        }
        var problems: [RPCParamError] = []
        let caseValue = object["case"] ?? .null
        if caseValue.isNull {
            problems.append(RPCParamError(path: "/params/case", code: .missing, message: "the case is required"))
        }
        var explain = false
        switch object["explain"] {
        case nil: break
        case .bool(let flag)?: explain = flag
        default: problems.append(RPCParamError(path: "/params/explain", code: .type, message: "explain must be a boolean"))
        }
        var missingFacts = true
        switch object["missing"] {
        case nil: break
        case .bool(let flag)?: missingFacts = flag
        default: problems.append(RPCParamError(path: "/params/missing", code: .type, message: "missing must be a boolean"))
        }
        var language = Language.nl
        switch object["lang"] {
        case nil: break
        case .string(let text)?:
            if let l = Language(rawValue: text) { language = l } else {
                problems.append(RPCParamError(path: "/params/lang", code: .enum, message: "lang must be \"nl\" or \"en\""))
            }
        default: problems.append(RPCParamError(path: "/params/lang", code: .type, message: "lang must be a string"))
        }
        guard problems.isEmpty else { return .failure(RPCError(.invalidParams, data: .paramErrors(problems))) }

        let decoded = caseOnTape.map { CaseDecoder.decode(tape: $0.0, at: $0.1) } ?? CaseDecoder.decode(caseValue)
        return slot.current.withEngine { engine in
            switch decoded.map({ engine.evaluate($0, missingFacts: missingFacts) }) {
            case .success(let decision):
                let text = explain ? Explanation.text(decision, ruleset: engine.ruleset, language: language) : nil
                return .success(.decision(decision, text))
            case .failure(let errors):
                return .failure(RPCError(.invalidParams, "the case has input errors", data: .inputErrors(errors.errors)))
            }
        }
    }

    /// `ruleset.reload`: loads the rules again and swaps them in when they have no errors.
    private func reload() -> Result<Answer, RPCError> {
        reloadLock.lock()
        defer { reloadLock.unlock() }
        do {
            let ruleset = try source.load()
            let old = slot.replace(with: EnginePool(Engine(ruleset: ruleset), engines: engines)).engine
            log("ruleset reloaded: \(ruleset.name) \(ruleset.version) sha256 \(ruleset.sha256) (was \(old.ruleset.sha256))")
            var result = Self.info(ruleset)
            if case .object(var o) = result {
                o["previousSha256"] = .string(old.ruleset.sha256)
                result = .object(o)
            }
            return .success(.value(result))
        } catch {
            let count = error.diagnostics.filter { $0.severity == .error }.count
            log("ruleset reload refused: \(count) error(s); the previous ruleset keeps serving")
            return .failure(RPCError(.rulesetRejected, "the rules have errors; the previous ruleset keeps serving",
                                     data: .diagnostics(error.diagnostics)))
        }
    }

    /// `health`: status, engine, the ruleset serving now, and seconds since start.
    private func health() -> JSONValue {
        let rs = slot.current.engine.ruleset
        let uptime = ContinuousClock.now - started
        return .object([
            "status": "ok",
            "engine": .string(Engine.version),
            "ruleset": .object(["name": .string(rs.name), "version": .string(rs.version), "sha256": .string(rs.sha256)]),
            "uptimeSeconds": .number(JSONNumber(uptime.components.seconds)),
        ])
    }

    /// `ruleset.info` of `rs`.
    static func info(_ rs: Ruleset) -> JSONValue {
        var counts: [RuleKind: Int] = [:]
        for rule in rs.rules { counts[rule.kind, default: 0] += 1 }
        var kinds = JSONObject()
        for kind in RuleKind.allCases { if let n = counts[kind] { kinds.append(key: kind.rawValue, value: .number(JSONNumber(n))) } }
        return .object([
            "name": .string(rs.name), "version": .string(rs.version), "sha256": .string(rs.sha256), "rules": .object(kinds),
        ])
    }

    /// Accepts absent params, `[]` or `{}` for methods without parameters.
    static func noParams(_ params: JSONValue?) -> Result<Void, RPCError> {
        objectParams(params, allowed: []).map { _ in () }
    }

    /// Named params: absent or `[]` is an empty object; an object's keys must be in `allowed`
    /// and occur once; a non-empty array is refused.
    static func objectParams(_ params: JSONValue?, allowed: Set<String>) -> Result<JSONObject, RPCError> {
        switch params {
        case nil: return .success(JSONObject())
        case .array(let a)? where a.isEmpty: return .success(JSONObject())
        case .object(let o)?:
            var problems: [RPCParamError] = []
            var seen = Set<String>()
            for key in o.keys {
                let path = "/params/" + JSONPointer.escape(key)
                if !allowed.contains(key) {
                    problems.append(RPCParamError(path: path, code: .unknownParam, message: "the method has no such parameter"))
                } else if !seen.insert(key).inserted {
                    problems.append(RPCParamError(path: path, code: .duplicateParam, message: "the parameter occurs twice"))
                }
            }
            return problems.isEmpty ? .success(o) : .failure(RPCError(.invalidParams, data: .paramErrors(problems)))
        default:
            return .failure(RPCError(.invalidParams, data: .paramErrors([
                RPCParamError(path: "/params", code: .type, message: "params must be an object with named parameters")])))
        }
    }
}

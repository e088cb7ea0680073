import ByteJSON
import CEL

/// Writes a ``Decision`` as `mda-decision/1` JSON bytes, keys in a fixed order.
///
/// Output is byte-identical for equal decisions: no wall clock, no hash-ordered collections.
public enum DecisionWriter {
    /// The decision's JSON bytes.
    /// - Parameter explanation: an explanation to add under the key `explanation` (daemon use).
    public static func bytes(_ d: Decision, explanation: String? = nil) -> [UInt8] {
        var w = JSONWriter(capacity: 0)
        write(d, to: &w, explanation: explanation)
        return w.takeBytes()
    }

    /// The number of field and rule reads in the trace, repeats included.
    static func readCounts(_ d: Decision) -> (fields: Int, rules: Int) {
        d.trace.withUnsafeBufferPointer { entries in
            var fields = 0, rules = 0
            for i in entries.indices {
                fields += entries[i].fieldRange.count
                rules += entries[i].ruleRange.count
            }
            return (fields, rules)
        }
    }

    /// The decision as a JSON string.
    public static func json(_ d: Decision) -> String { String(decoding: bytes(d), as: UTF8.self) }

    /// Writes the decision object into `w`.
    public static func write(_ d: Decision, to w: inout JSONWriter, explanation: String? = nil) {
        let reads = readCounts(d)
        // A generous guess at the size, mostly trace, so the buffer rarely regrows (every
        // regrowth copies everything written so far).
        w.reserveCapacity(2048 + 64 * d.trace.count + 44 * (reads.fields + reads.rules) + (explanation?.utf8.count ?? 0))
        // Fixed punctuation and keys that follow one another go out as one fragment
        // (JSONWriter.fragment): one buffer access instead of one per piece.
        w.beginObject()
        w.key(raw: "schema"); w.string(Decision.schema)
        w.key(raw: "caseId"); w.string(d.caseId)
        w.key(raw: "route"); w.string(d.route.rawValue)
        w.key(raw: "acute"); optionalBool(d.acute, &w)
        w.key(raw: "provisional"); w.bool(d.provisional)
        w.key(raw: "raisedByJudgement"); w.bool(d.raisedByJudgement)
        w.key(raw: "phase"); w.string(d.phase)
        w.key(raw: "problemCategory"); w.int(d.problemCategory)
        w.key(raw: "profiles")
        w.beginArray()
        // The parts' strings are written in place (``InPlace``): a copy of each would retain it.
        InPlace.each(d.profiles) { p in
            w.fragment(#"{"id":"#); InPlace.string(&p.pointee.id, &w)
            w.key(raw: "status"); w.string(p.pointee.status.rawValue)
            w.key(raw: "score"); w.double(p.pointee.score)
            w.key(raw: "held"); InPlace.strings(&p.pointee.held, &w)
            w.key(raw: "unknown"); InPlace.strings(&p.pointee.unknown, &w)
            w.endObject()
        }
        w.endArray()
        w.key(raw: "riskFactors")
        w.beginArray()
        InPlace.each(d.riskFactors) { f in
            w.fragment(#"{"id":"#); InPlace.string(&f.pointee.id, &w)
            w.key(raw: "domain"); InPlace.string(&f.pointee.domain, &w)
            if f.pointee.present { w.fragment(#""status":"present""#) } else { w.fragment(#""status":"unknown""#) }
            w.key(raw: "members"); InPlace.strings(&f.pointee.members, &w)
            w.key(raw: "source"); InPlace.string(&f.pointee.source, &w)
            w.endObject()
        }
        w.endArray()
        w.key(raw: "criteria")
        w.beginObject()
        InPlace.each(d.criteria) { c in
            InPlace.key(&c.pointee.id, &w); optionalBool(c.pointee.value, &w)
        }
        w.endObject()
        w.key(raw: "actions")
        w.beginArray()
        InPlace.each(d.actions) { a in
            w.fragment(#"{"id":"#); InPlace.string(&a.pointee.id, &w)
            w.key(raw: "because"); InPlace.strings(&a.pointee.because, &w)
            w.key(raw: "source"); InPlace.string(&a.pointee.source, &w)
            w.endObject()
        }
        w.endArray()
        w.key(raw: "missing")
        w.beginArray()
        InPlace.each(d.missing) { m in
            w.fragment(#"{"fact":"#); InPlace.string(&m.pointee.fact, &w)
            w.key(raw: "couldRaiseRouteTo")
            if let r = m.pointee.couldRaiseRouteTo { w.string(r.rawValue) } else { w.null() }
            if m.pointee.couldMakeAcute { w.key(raw: "couldMakeAcute"); w.bool(true) }
            w.endObject()
        }
        w.endArray()
        w.fragment(#""trace":["#)
        var trace = TraceWriter()
        d.trace.withUnsafeBufferPointer { entries in
            guard let first = entries.baseAddress else { return }
            for i in entries.indices { trace.write(first + i, to: &w) }
        }
        w.endArray()
        w.key(raw: "ruleset")
        w.beginObject()
        w.key(raw: "name"); w.string(d.ruleset.name)
        w.key(raw: "version"); w.string(d.ruleset.version)
        w.key(raw: "sha256"); w.string(d.ruleset.sha256)
        w.endObject()
        w.key(raw: "engine"); w.string(d.engine)
        w.key(raw: "warnings"); InPlace.strings(d.warnings, &w)
        if let explanation { w.key(raw: "explanation"); w.string(explanation) }
        w.endObject()
    }

    static func optionalBool(_ b: Bool?, _ w: inout JSONWriter) {
        if let b { w.bool(b) } else { w.null() }
    }

    static func strings(_ items: [String], _ w: inout JSONWriter) {
        w.beginArray()
        for s in items { w.string(s) }
        w.endArray()
    }

    /// A CEL value as trace JSON: dates as `YYYY-MM-DD`, members as their id, other records as
    /// their JSON Pointer, unknowns and errors as `null`.
    static func value(_ v: Value, _ w: inout JSONWriter) {
        withUnsafePointer(to: v) { value($0, &w) }
    }

    /// ``value(_:_:)`` of the value at `v`, read in place: a value passed by value is copied
    /// first (a call, and a retain for a string, list or record) even when it is a Boolean, and
    /// the trace writes about two thousand values, mostly Booleans.
    ///
    /// Cases are tested one by one, without binding payloads (see ``InPlace``): a `switch`
    /// binding them would copy the value, retaining a string, list or record.
    static func value(_ v: UnsafePointer<Value>, _ w: inout JSONWriter) {
        if case .bool(let b) = v.pointee {
            w.bool(b)
        } else if case .string = v.pointee {
            InPlace.string(&InPlace.payload(v, as: String.self).pointee, &w)
        } else if case .list = v.pointee {
            w.beginArray()
            let items = InPlace.elements(v)
            if let first = items.first { for i in 0..<items.count { value(first + i, &w) } }
            w.endArray()
        } else if case .object = v.pointee {
            InPlace.record(InPlace.record(v), &w)
        } else if case .unknown = v.pointee {
            w.null()
        } else if case .error = v.pointee {
            w.null()
        } else {
            scalar(&UnsafeMutablePointer(mutating: v).pointee, &w)
        }
    }

    /// ``value(_:_:)`` of the other cases, out of line: only they may copy `v`, which is
    /// `inout` only to be read in place (never written).
    @inline(never)
    private static func scalar(_ v: inout Value, _ w: inout JSONWriter) {
        switch v {
        case .null, .unknown, .error: w.null()
        case .bool(let b): w.bool(b)
        case .int(let i): w.int(i)
        case .uint(let u): w.uint(u)
        case .double(let d): if d.isFinite { w.double(d) } else { w.null() }
        case .timestamp(let t):
            // A date's text is digits and dashes: nothing to escape.
            CaseDate(t).withText { w.string(escapedUTF8: $0) }
        case .string(let s): w.string(s)
        case .list, .object: value(v, &w)
        case .map, .bytes, .type, .duration: w.string(String(describing: v))
        }
    }
}

extension DecisionWriter {
    /// Input errors as JSON: `{"errors": [{"path", "code", "message"}, …]}`.
    public static func bytes(_ errors: InputErrors) -> [UInt8] {
        var w = JSONWriter(capacity: 256)
        w.beginObject()
        w.key(raw: "errors")
        write(errors, to: &w)
        w.endObject()
        return w.bytes
    }

    /// Writes input errors as a JSON array into `w`.
    public static func write(_ errors: InputErrors, to w: inout JSONWriter) {
        w.beginArray()
        for e in errors.errors {
            w.beginObject()
            w.key(raw: "path"); w.string(e.path)
            w.key(raw: "code"); w.string(e.code.rawValue)
            w.key(raw: "message"); w.string(e.message)
            w.endObject()
        }
        w.endArray()
    }
}

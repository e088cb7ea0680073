import ByteJSON
import MDAEngine

/// A seeded generator of realistic synthetic `mda-case/1` caseloads, for benchmarks and
/// demonstrations (`mda generate`).
///
/// Case `i` of seed `s` is a pure function of `(s, i)`: the same seed gives byte-identical
/// output on every machine, whatever the count, and cases can be generated in any order. The
/// generator draws from its own ``SplitMix64`` (never the system's random source), iterates no
/// hashed collections, and writes with ``JSONWriter`` in a fixed key order.
///
/// What it models (shares are approximate, per case):
/// - a severity tier: calm 62 %, moderate 28 %, severe 8 %, chronic 2 %. The tier drives the
///   number of incidents (0–40 over the three years before the reference date, more of them
///   recent in higher tiers), reports and re-reports, agencies, failed interventions, risk
///   factors, coercive control and stalking, so every route occurs;
/// - a household: a couple with children 42 %, a single parent (often with an ex-partner on
///   record) 18 %, a couple without children 14 %, a blended family 12 %, an elder with an adult
///   child (elder abuse, carer strain) 8 %, a parent and an adolescent (child-to-parent
///   violence) 6 %;
/// - unknowns at realistic rates: each tri-state fact is `null` about 2.5 % and absent about
///   2.5 % of the time (harmful-practice facts under 1 %); whole sections (`household`,
///   `assessment`, `coerciveControl`, `stalking`, `history`, a member's `factors`) are absent
///   in 7–40 % of cases; an incident's injury is `unknown` or absent in about 10 %;
/// - rare features: professional judgement (4 %), honour-related threats, forced marriage,
///   trafficking, FGM risk, a previous MDA++ trajectory (8 %).
///
/// Seed 7, 400 cases, with the bundled rules: regular care 59 %, veiligheidsteam 27 %, MDA++
/// 15 % (more than the real ~1 %, so that the expensive paths are well exercised), provisional
/// 54 %, acute unknown 20 %, a non-empty `missing` 34 %.
///
/// The generator knows the schema, not the rules: it never computes a route.
struct CaseGenerator {
    /// The caseload's seed.
    let seed: UInt64

    /// Creates a generator for `seed`.
    init(seed: UInt64) { self.seed = seed }

    /// Case `index` as one line of JSON (no line terminator).
    func line(_ index: Int) -> [UInt8] {
        var w = JSONWriter(capacity: 8192)
        write(index, to: &w)
        return w.bytes
    }

    /// Writes case `index` into `w`.
    func write(_ index: Int, to w: inout JSONWriter) {
        var draw = Draw(rng: SplitMix64(seed: seed, stream: UInt64(index)))
        draw.writeCase(id: "SYN-\(seed)-\(index + 1)", to: &w)
    }
}

/// The random choices of one case, and the writing of its sections.
private struct Draw {
    var rng: SplitMix64

    // The case being drawn.
    var tier = 0                      // 0 calm, 1 moderate, 2 severe, 3 chronic
    var reference = 0                 // days since 1970-01-01
    var members: [(id: String, age: Int, female: Bool)] = []
    var adults: [Int] = []
    var children: [Int] = []
    var partners: (Int, Int)?
    var separated = false
    var perpetrator = 0
    var victim = 0
    var parents: [(parent: Int, child: Int)] = []
    var carer: (Int, Int)?

    init(rng: SplitMix64) { self.rng = rng }

    // MARK: Household

    mutating func drawHousehold() {
        tier = rng.weighted([62, 28, 8, 2])
        // Reference dates from 2024-01-01 to 2026-12-31.
        reference = 19_723 + rng.below(1096)
        let shape = rng.weighted([42, 18, 14, 12, 8, 6])
        func add(_ prefix: String, _ age: Int, _ female: Bool) -> Int {
            let n = members.filter { $0.id.hasPrefix(prefix) }.count + 1
            members.append((prefix + String(n), age, female))
            return members.count - 1
        }
        let womanVictim = rng.chance(0.8)
        switch shape {
        case 0, 2, 3: // couple (with children, without, blended)
            let a1 = rng.int(20...58)
            let p1 = add("p", a1, womanVictim)
            let p2 = add("p", max(18, a1 + rng.int(-4...8)), !womanVictim)
            partners = (p1, p2)
            separated = rng.chance(tier >= 2 ? 0.3 : 0.12)
            victim = p1; perpetrator = p2
            adults = [p1, p2]
            if shape == 0 || shape == 3 {
                let kids = rng.int(1...(shape == 3 ? 4 : 3))
                for _ in 0..<kids {
                    let c = add("c", rng.int(0...min(17, a1 - 17)), rng.chance(0.5))
                    children.append(c)
                    parents.append((p1, c))
                    if shape == 0 || rng.chance(0.4) { parents.append((p2, c)) }
                }
            }
        case 1: // single parent, often with the ex-partner on record
            let a1 = rng.int(19...50)
            let p1 = add("p", a1, womanVictim)
            adults = [p1]
            victim = p1
            if rng.chance(0.7) {
                let p2 = add("p", max(18, a1 + rng.int(-3...7)), !womanVictim)
                adults.append(p2)
                partners = (p1, p2)
                separated = true
                perpetrator = p2
            } else {
                perpetrator = p1
            }
            for _ in 0..<rng.int(1...3) {
                let c = add("c", rng.int(0...min(17, a1 - 17)), rng.chance(0.5))
                children.append(c)
                parents.append((p1, c))
                if let (_, p2) = partners { parents.append((p2, c)) }
            }
            if perpetrator == p1, let c = children.first { victim = c }
        case 4: // an elder and an adult child who cares for them
            let e = add("p", rng.int(66...92), rng.chance(0.65))
            let k = add("p", rng.int(35...62), rng.chance(0.5))
            adults = [e, k]
            parents.append((e, k))
            carer = (k, e)
            victim = e; perpetrator = k
            if rng.chance(0.35) {
                let e2 = add("p", max(65, members[e].age + rng.int(-5...5)), !members[e].female)
                adults.append(e2)
                partners = (e, e2)
                parents.append((e2, k))
            }
        default: // a parent and an adolescent (child-to-parent violence)
            let a1 = rng.int(34...55)
            let p1 = add("p", a1, rng.chance(0.85))
            let c = add("c", rng.int(12...17), rng.chance(0.3))
            adults = [p1]
            children = [c]
            parents.append((p1, c))
            victim = p1; perpetrator = c
        }
    }

    // MARK: The case

    mutating func writeCase(id: String, to w: inout JSONWriter) {
        drawHousehold()
        let severity = [0.05, 0.18, 0.4, 0.6][tier]
        w.beginObject()
        w.key(raw: "schema"); w.string("mda-case/1")
        w.key(raw: "caseId"); w.string(id)
        w.key(raw: "referenceDate"); date(reference, &w)
        w.key(raw: "members"); writeMembers(severity, &w)
        w.key(raw: "relationships"); writeRelationships(&w)
        let incidentDates = writeIncidents(severity, &w)
        writeReports(&w)
        writeAssessment(severity, incidentDates, &w)
        if rng.chance(0.93) {
            w.key(raw: "household")
            factGroup(HouseholdFact.allCases.map(\.rawValue), &w) { name in
                switch name {
                case "debts", "lowIncome": return 0.15 + severity * 0.5
                case "unemployment", "weakSocialNetwork", "manyConflicts", "parentingStress": return 0.1 + severity * 0.4
                case "poorHousing", "healthProblems": return 0.08 + severity * 0.3
                case "bothParentsAggressive": return 0.03 + severity * 0.15
                default: return 0.004 + severity * 0.02   // harmful practices
                }
            }
        }
        if rng.chance(tier == 0 ? 0.6 : 0.8) {
            w.key(raw: "coerciveControl")
            factGroup(CoerciveControlFact.allCases.map(\.rawValue), &w) { _ in 0.03 + severity * 0.55 }
        }
        if separated || rng.chance(0.25) {
            w.key(raw: "stalking")
            w.beginObject()
            for name in StalkingFact.allCases.map(\.rawValue) { tri(name, separated ? 0.05 + severity * 0.6 : 0.03, &w) }
            if rng.chance(0.9) {
                w.key(raw: "sinceDate")
                if rng.chance(0.15) { w.null() } else { date(reference - rng.int(0...400), &w) }
            }
            w.endObject()
        }
        if partners != nil && rng.chance(0.8) || separated {
            w.key(raw: "separation")
            w.beginObject()
            w.key(raw: "status")
            if separated { w.string(rng.chance(0.4) ? "separating" : "separated") }
            else { w.string(rng.chance(0.93) ? "together" : "unknown") }
            if separated {
                w.key(raw: "since")
                if rng.chance(0.1) { w.null() } else { date(reference - rng.int(10...900), &w) }
            }
            for name in SeparationFact.allCases.map(\.rawValue) { tri(name, separated ? 0.2 + severity * 0.4 : 0.02, &w) }
            w.endObject()
        }
        writeCare(severity, &w)
        writeJustice(severity, &w)
        writeHistory(&w)
        if rng.chance(0.04) {
            w.key(raw: "professionalJudgement")
            w.beginObject()
            w.key(raw: "escalateTo"); w.string(rng.chance(0.7) ? "veiligheidsteam" : "mda_plus_plus")
            w.key(raw: "reason")
            w.string(rng.chance(0.9) ? rng.pick(CaseGenerator.reasons) : "")
            w.endObject()
        }
        w.endObject()
    }

    mutating func writeMembers(_ severity: Double, _ w: inout JSONWriter) {
        w.beginArray()
        let noChildren = children.isEmpty, carerIndex = carer?.0, victim = self.victim
        for (i, m) in members.enumerated() {
            let isChild = m.age < 18
            let isPerpetrator = i == perpetrator
            w.beginObject()
            w.key(raw: "id"); w.string(m.id)
            w.key(raw: "age"); w.int(m.age)
            if rng.chance(0.95) { w.key(raw: "gender"); w.string(rng.chance(0.01) ? "unknown" : (m.female ? "female" : "male")) }
            triKnown("victim", i == victim ? 0.9 : (isChild ? severity * 0.5 : 0.05), &w)
            triKnown("perpetrator", isPerpetrator ? 0.85 : 0.03, &w)
            if m.female && m.age >= 16 && m.age <= 45 { tri("pregnant", 0.05, &w, null: 0.12) }
            else if rng.chance(0.6) { w.key(raw: "pregnant"); w.bool(false) }
            if rng.chance(0.88) {
                w.key(raw: "factors")
                factGroup(MemberFactor.allCases.map(\.rawValue), &w) { name in
                    switch name {
                    case "psychiatric", "substanceMisuse", "alcoholMisuse":
                        return isChild ? 0.01 : (isPerpetrator ? 0.1 + severity * 0.5 : 0.05 + severity * 0.15)
                    case "ownChildhoodAbuse", "witnessedPartnerViolenceAsChild":
                        return isChild ? 0.02 : 0.1 + severity * 0.4
                    case "violentRecord", "deniesViolence", "refusesCare":
                        return isPerpetrator ? 0.08 + severity * 0.6 : 0.01
                    case "approvesPhysicalPunishment", "seesManyProblemsInChild", "unwantedPregnancy":
                        return isChild || noChildren ? 0.0 : 0.03 + severity * 0.2
                    case "behaviourProblems", "poorSocialSkills", "traumaSymptoms", "attachmentProblems":
                        return isChild ? 0.06 + severity * 0.4 : (name == "traumaSymptoms" && i == victim ? 0.1 + severity * 0.4 : 0.02)
                    case "needsLongTermCare", "intellectualDisability", "physicalDisability":
                        return 0.03 + severity * 0.08
                    case "poorHealth", "careDependent", "lonely":
                        return m.age >= 65 ? 0.3 + severity * 0.3 : 0.04
                    case "overburdenedCarer":
                        return carerIndex == i ? 0.6 : 0.02
                    default:
                        return 0.02
                    }
                }
            }
            if !isChild && rng.chance(0.55) {
                w.key(raw: "aces")
                w.beginArray()
                for ace in AceKind.allCases where rng.chance(0.08 + severity * 0.3) { w.string(ace.rawValue) }
                w.endArray()
            }
            w.endObject()
        }
        w.endArray()
    }

    mutating func writeRelationships(_ w: inout JSONWriter) {
        w.beginArray()
        func relation(_ a: Int, _ b: Int, _ kind: String, _ w: inout JSONWriter) {
            w.beginObject()
            w.key(raw: "a"); w.string(members[a].id)
            w.key(raw: "b"); w.string(members[b].id)
            w.key(raw: "kind"); w.string(kind)
            w.endObject()
        }
        if let (a, b) = partners { relation(a, b, separated ? "ex_partner" : "partner", &w) }
        for (p, c) in parents { relation(p, c, "parent_child", &w) }
        if children.count > 1 {
            for i in 0..<(children.count - 1) { relation(children[i], children[i + 1], "sibling", &w) }
        }
        if let (a, b) = carer { relation(a, b, "carer", &w) }
        w.endArray()
    }

    /// Writes the incidents (newest first) and returns their dates.
    mutating func writeIncidents(_ severity: Double, _ w: inout JSONWriter) -> [Int] {
        let count: Int
        switch tier {
        case 0: count = rng.weighted([45, 35, 15, 5])
        case 1: count = rng.int(1...4)
        case 2: count = rng.int(3...14)
        default: count = rng.int(8...40)
        }
        var dates: [Int] = []
        for _ in 0..<count {
            // Recent incidents are likelier in higher tiers; all lie within three years.
            let back = tier >= 2 && rng.chance(0.6) ? rng.below(365) : rng.below(1096)
            dates.append(reference - back)
        }
        dates.sort(by: >)
        if count == 0 { return dates }
        w.key(raw: "incidents")
        w.beginArray()
        let kindWeights: [(String, Double)] = [
            ("physical", 40), ("psychological", 35), ("threat", 14), ("property_damage", 8), ("neglect", 5),
            ("coercive_control", 4 + severity * 20), ("stalking", separated ? 12 : 2), ("financial", 3 + severity * 6),
            ("sexual", 1 + severity * 4), ("threat_to_kill", 0.5 + severity * 6), ("strangulation", 0.3 + severity * 5),
            ("honour_related", 0.3),
        ]
        let weights = kindWeights.map(\.1)
        for d in dates {
            w.beginObject()
            w.key(raw: "date"); date(d, &w)
            w.key(raw: "kinds")
            w.beginArray()
            var chosen: [Int] = []
            for _ in 0..<rng.weighted([60, 30, 10]) + 1 {
                let k = rng.weighted(weights)
                if !chosen.contains(k) { chosen.append(k) }
            }
            for k in chosen { w.string(kindWeights[k].0) }
            w.endArray()
            let reversed = partners != nil && rng.chance(0.08)   // mutual violence
            let (perp, vict) = reversed ? (victim, perpetrator) : (perpetrator, victim)
            ids("perpetrators", rng.chance(0.95) ? [perp] : [], &w)
            let kids = children
            var victims = [vict]
            for c in kids where c != perp && c != vict && rng.chance(0.1 + severity * 0.2) { victims.append(c) }
            ids("victims", victims, &w)
            if !kids.isEmpty && rng.chance(0.85) {
                var witnesses: [Int] = []
                for c in kids where c != perp && rng.chance(0.5) { witnesses.append(c) }
                ids("witnesses", witnesses, &w)
            }
            if rng.chance(0.95) {
                w.key(raw: "injury")
                let injury = rng.weighted([62, 24 + severity * 10, 3 + severity * 8, 6])
                w.string(["none", "minor", "serious", "unknown"][injury])
            }
            tri("weapon", 0.02 + severity * 0.12, &w, null: 0.06)
            tri("policeInvolved", 0.2 + severity * 0.35, &w)
            tri("contactBanViolated", separated ? 0.05 + severity * 0.2 : 0.005, &w)
            w.endObject()
        }
        w.endArray()
        return dates
    }

    mutating func writeReports(_ w: inout JSONWriter) {
        let count: Int
        switch tier {
        case 0: count = rng.weighted([30, 60, 10])
        case 1: count = rng.int(1...2)
        case 2: count = rng.int(1...5)
        default: count = rng.int(4...14)
        }
        guard count > 0 else { return }
        var dates: [Int] = []
        for _ in 0..<count { dates.append(reference - rng.below(tier >= 2 ? 1460 : 1096)) }
        dates.sort(by: >)
        w.key(raw: "reports")
        w.beginArray()
        for d in dates {
            w.beginObject()
            w.key(raw: "date"); date(d, &w)
            if rng.chance(0.96) { w.key(raw: "kind"); w.string(rng.chance(0.82) ? "melding" : "adviesvraag") }
            if rng.chance(0.9) { w.key(raw: "reporter"); w.string(rng.pick(Reporter.allCases).rawValue) }
            w.endObject()
        }
        w.endArray()
    }

    mutating func writeAssessment(_ severity: Double, _ incidents: [Int], _ w: inout JSONWriter) {
        guard rng.chance(0.93) else { return }
        let recent = incidents.first.map { reference - $0 < 21 } ?? false
        w.key(raw: "assessment")
        w.beginObject()
        w.key(raw: "date"); date(reference - rng.below(60), &w)
        tri("acuteUnsafety", recent ? 0.25 + severity * 0.3 : 0.02, &w)
        tri("structuralUnsafety", 0.05 + severity * 0.8, &w)
        if rng.chance(0.92) {
            w.key(raw: "safetyScore")
            if rng.chance(0.08) { w.null() } else { w.int(max(0, min(10, Int((9 - severity * 9).rounded()) + rng.int(-2...2)))) }
        }
        if rng.chance(0.8) {
            w.key(raw: "triage")
            w.string(["direct_handover_local", "conditions_and_follow_up", "investigation"][rng.weighted([5 - severity * 4, 3, 1 + severity * 4])])
        }
        w.endObject()
    }

    mutating func writeCare(_ severity: Double, _ w: inout JSONWriter) {
        guard rng.chance(0.9) else { return }
        w.key(raw: "care")
        w.beginObject()
        let agencyCount = [rng.int(0...2), rng.int(1...2), rng.int(2...5), rng.int(3...8)][tier]
        if agencyCount > 0 {
            w.key(raw: "agencies")
            w.beginArray()
            let kinds = AgencyKind.allCases
            for _ in 0..<agencyCount {
                w.beginObject()
                w.key(raw: "kind"); w.string(rng.chance(0.4) ? "local_team" : rng.pick(kinds).rawValue)
                if rng.chance(0.95) { w.key(raw: "since"); date(reference - rng.int(0...1400), &w) }
                if rng.chance(0.7) {
                    w.key(raw: "until")
                    if rng.chance(0.6) { w.null() } else { date(reference + rng.int(-700...200), &w) }
                }
                w.endObject()
            }
            w.endArray()
        }
        let interventionCount = [rng.int(0...1), rng.int(0...2), rng.int(1...4), rng.int(2...7)][tier]
        if interventionCount > 0 {
            w.key(raw: "interventions")
            w.beginArray()
            for _ in 0..<interventionCount {
                w.beginObject()
                w.key(raw: "kind"); w.string(rng.pick(CaseGenerator.interventions))
                let start = reference - rng.int(14...1300)
                if rng.chance(0.95) { w.key(raw: "start"); date(start, &w) }
                if rng.chance(0.8) {
                    w.key(raw: "end")
                    if rng.chance(0.35) { w.null() } else { date(start + rng.int(30...400), &w) }
                }
                if rng.chance(0.93) {
                    w.key(raw: "outcome")
                    let o = rng.weighted([30, 30, 4 + severity * 40, 3 + severity * 20, 2 + severity * 15])
                    w.string(InterventionOutcome.allCases[o].rawValue)
                }
                w.endObject()
            }
            w.endArray()
        }
        tri("safetyPlan", 0.25 + severity * 0.5, &w)
        tri("caseCoordinator", 0.1 + severity * 0.6, &w)
        tri("familyParticipates", 0.6 - severity * 0.3, &w)
        w.endObject()
    }

    mutating func writeJustice(_ severity: Double, _ w: inout JSONWriter) {
        guard tier > 0 || rng.chance(0.3) else { return }
        w.key(raw: "justice")
        w.beginObject()
        if tier >= 2 && rng.chance(0.35) {
            w.key(raw: "restrainingOrders")
            w.beginArray()
            var dates: [Int] = []
            for _ in 0..<rng.int(1...3) { dates.append(reference - rng.below(900)) }
            dates.sort()
            for d in dates { date(d, &w) }
            w.endArray()
        }
        tri("childProtectionOrder", children.isEmpty ? 0 : 0.02 + severity * 0.25, &w)
        tri("criminalProceedings", 0.02 + severity * 0.35, &w)
        w.endObject()
    }

    mutating func writeHistory(_ w: inout JSONWriter) {
        guard rng.chance(0.75) else { return }
        w.key(raw: "history")
        w.beginObject()
        w.key(raw: "previousMdaPlusPlus")
        switch rng.weighted([84, 8, 8]) {
        case 0: w.bool(false)
        case 1: w.null()
        default:
            let start = reference - rng.int(200...2000)
            w.beginObject()
            w.key(raw: "start"); date(start, &w)
            w.key(raw: "closed")
            if rng.chance(0.25) { w.null() } else { date(min(reference, start + rng.int(150...700)), &w) }
            w.endObject()
        }
        w.endObject()
    }

    // MARK: Values

    /// A date as `YYYY-MM-DD`.
    func date(_ days: Int, _ w: inout JSONWriter) { w.string(CaseDate(daysSinceEpoch: days).description) }

    /// A list of member ids.
    func ids(_ key: StaticString, _ indices: [Int], _ w: inout JSONWriter) {
        w.key(raw: key)
        w.beginArray()
        for i in indices { w.string(members[i].id) }
        w.endArray()
    }

    /// A tri-state fact: true with probability `p` among known values; `null` and absent at
    /// the given rates.
    mutating func tri(_ key: String, _ p: Double, _ w: inout JSONWriter, null: Double = 0.025, absent: Double = 0.025) {
        let x = rng.unit()
        if x < absent { return }
        w.key(key)
        if x < absent + null { w.null() } else { w.bool(rng.chance(p)) }
    }

    /// A tri-state fact that case systems nearly always record.
    mutating func triKnown(_ key: String, _ p: Double, _ w: inout JSONWriter) {
        tri(key, p, &w, null: 0.01, absent: 0.02)
    }

    /// An object of tri-state facts, each true with the probability `p(name)`; the rare
    /// harmful-practice facts are left open less often than others.
    mutating func factGroup(_ names: [String], _ w: inout JSONWriter, _ p: (String) -> Double) {
        w.beginObject()
        for name in names {
            if CaseGenerator.rarelyOpen.contains(name) { tri(name, p(name), &w, null: 0.008, absent: 0.008) }
            else { tri(name, p(name), &w) }
        }
        w.endObject()
    }
}

extension CaseGenerator {
    /// Facts that case systems nearly always answer (harmful practices).
    static let rarelyOpen = ["honourRelatedThreat", "forcedMarriage", "fgmRisk", "trafficking"]

    /// Intervention kinds (free strings in the schema).
    static let interventions = [
        "ambulant_family_support", "parenting_support", "perpetrator_programme", "victim_support",
        "addiction_treatment", "mental_health_treatment", "debt_counselling", "safety_planning",
        "youth_care", "supervision_order", "systemic_family_therapy", "home_visits",
    ]

    /// Synthetic, non-identifying judgement reasons.
    static let reasons = [
        "Zorgen over veiligheid kinderen", "Escalatie ondanks hulp", "Signalen van ernstige dreiging",
        "Concerns raised by the local team", "Repeated unsafety despite care",
    ]
}

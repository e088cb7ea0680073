import CEL

extension CaseDate {
    /// The date of a CEL timestamp (UTC; times within the day are dropped).
    init(_ t: Timestamp) {
        self.init(daysSinceEpoch: Int((t.seconds >= 0 ? t.seconds : t.seconds - 86_399) / 86_400))
    }

    /// The date as a CEL timestamp value at midnight UTC: how rules see dates.
    var celValue: Value { .timestamp(Timestamp(seconds: Int64(daysSinceEpoch) * 86_400)) }
}

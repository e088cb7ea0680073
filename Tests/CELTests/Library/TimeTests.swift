import Testing
@testable import CEL

@Suite struct TimeTests {
    static let rows: [Row] = [
        Row("string(timestamp('2009-02-13T23:31:30Z'))", .string("2009-02-13T23:31:30Z")),
        Row("string(timestamp('2009-02-13T23:31:30.500+01:00'))", .string("2009-02-13T22:31:30.5Z")),
        Row("timestamp('2009-02-13T23:31:30')", err("invalid_argument")),
        Row("timestamp('10000-01-01T00:00:00Z')", err("invalid_argument")),
        Row("timestamp('9999-12-31T23:59:59.999999999Z') + duration('1ns')", err("range")),
        Row("timestamp('0001-01-01T00:00:00Z') - duration('1s')", err("range")),
        Row("string(duration('1h2m3.5s'))", .string("3723.5s")),
        Row("string(duration('-1.5h'))", .string("-5400s")),
        Row("string(duration('300ms') + duration('2us') + duration('2µs') + duration('10ns'))", .string("0.30000401s")),
        Row("duration('1d')", err("invalid_argument")),
        Row("duration('87700000h')", err("range")),
        Row("duration('-200000000000s') + duration('-200000000000s')", err("range")),
        Row("string(timestamp('2009-02-13T23:31:30Z') - timestamp('2009-02-13T23:31:00Z'))", .string("30s")),
        Row("timestamp('2009-02-13T23:31:30Z') + duration('1h') == timestamp('2009-02-14T00:31:30Z')", .bool(true)),
        Row("duration('1h') + timestamp('2009-02-13T23:31:30Z') > timestamp('2009-02-13T23:31:30Z')", .bool(true)),
        Row("timestamp('2020-01-01T00:00:00Z') - duration('8760h') < timestamp('2019-01-02T00:00:00Z')", .bool(true)),
        Row("duration('2h') - duration('30m') == duration('90m')", .bool(true)),
        Row("duration('1s') < duration('1001ms')", .bool(true)),
        Row("timestamp('2009-02-13T23:31:30Z').getFullYear()", .int(2009)),
        Row("timestamp('2009-02-13T23:31:30Z').getMonth()", .int(1)),
        Row("timestamp('2009-02-13T23:31:30Z').getDayOfMonth()", .int(12)),
        Row("timestamp('2009-02-13T23:31:30Z').getDate()", .int(13)),
        Row("timestamp('2009-02-13T23:31:30Z').getDayOfWeek()", .int(5)),
        Row("timestamp('2009-02-13T23:31:30Z').getDayOfYear()", .int(43)),
        Row("timestamp('2009-02-13T23:31:30Z').getHours()", .int(23)),
        Row("timestamp('2009-02-13T23:31:30Z').getMinutes()", .int(31)),
        Row("timestamp('2009-02-13T23:31:30Z').getSeconds()", .int(30)),
        Row("timestamp('2009-02-13T23:31:20.123456789Z').getMilliseconds()", .int(123)),
        Row("timestamp('2009-02-13T23:31:30Z').getDate('Australia/Sydney')", .int(14)),
        Row("timestamp('2009-02-13T23:31:30Z').getHours('Europe/Amsterdam')", .int(0)),
        Row("timestamp('2009-07-13T23:31:30Z').getHours('Europe/Amsterdam')", .int(1)),
        Row("timestamp('2009-02-13T23:31:30Z').getHours('+05:30')", .int(5)),
        Row("timestamp('2009-02-13T23:31:30Z').getMinutes('+05:30')", .int(1)),
        Row("timestamp('2009-02-13T02:00:00Z').getDayOfMonth('-02:30')", .int(11)),
        Row("timestamp('2009-02-13T23:31:30Z').getHours('Mars/Olympus')", err("invalid_argument")),
        Row("duration('3730s').getHours()", .int(1)),
        Row("duration('3730s').getMinutes()", .int(62)),
        Row("duration('3730s').getSeconds()", .int(3730)),
        Row("duration('1.5s').getMilliseconds()", .int(1500)),
        Row("timestamp(0) == timestamp('1970-01-01T00:00:00Z')", .bool(true)),
    ]

    @Test(arguments: rows) func time(_ row: Row) { check(row) }

    @Test func civilRoundTrip() {
        for days: Int64 in [-719_162, -1, 0, 1, 59, 365, 10_957, 2_932_896] {
            let (y, m, d) = Timestamp.civil(days: days)
            #expect(Timestamp.days(year: y, month: m, day: d) == days)
        }
        #expect(Timestamp.parse("0001-01-01T00:00:00Z")?.seconds == Timestamp.minSeconds)
        #expect(Timestamp.parse("9999-12-31T23:59:59Z")?.seconds == Timestamp.maxSeconds)
    }

    @Test func durationParsing() {
        #expect(Duration.parse("1h2m3.5s") == Duration(seconds: 3723, nanos: 500_000_000))
        #expect(Duration.parse("-1.5s") == Duration(seconds: -1, nanos: -500_000_000))
        #expect(Duration.parse("0") == Duration(seconds: 0))
        #expect(Duration.parse("1.5") == nil)
        #expect(Duration.parse("") == nil)
        #expect(Duration.parse("1µs") == Duration(seconds: 0, nanos: 1000))
    }
}

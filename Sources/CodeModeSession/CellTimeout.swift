/// The time limit of one cell, as every front end takes it: seconds, 0 for no limit.
///
/// A limit becomes a `Duration` deadline, which cannot hold more than about 10¹¹ years of
/// seconds; `1e300` or an infinite JSON number used to trap there. The bound below is far
/// beyond any real cell, so nothing is clamped silently: a number past it is refused, and
/// whoever wants no limit says 0, in `--timeout` and in a `codemode session` request alike.
public enum CellTimeout {
    /// The longest limit taken, in seconds (about 31 years).
    public static let maximumSeconds: Double = 1_000_000_000

    /// The limit `seconds` stands for: nil (no limit) for 0.
    /// - Throws: a ``SessionError`` of kind `invalidInput` whose message completes
    ///   "`<option>` …" (`--timeout must be …`).
    public static func limit(seconds: Double) throws(SessionError) -> Double? {
        guard seconds.isFinite, seconds >= 0, seconds <= maximumSeconds else {
            throw SessionError(.invalidInput, "must be a number of seconds from 0 (no limit) to \(Int(maximumSeconds)), not \(seconds)")
        }
        return seconds == 0 ? nil : seconds
    }

    /// The limit of a cell run with `requested` seconds (nil: the session's `default`).
    static func effective(requested: Double?, default fallback: Double?) throws(SessionError) -> Double? {
        guard let seconds = requested ?? fallback else { return nil }
        do {
            return try limit(seconds: seconds)
        } catch {
            throw SessionError(.invalidInput, "timeout \(error.message)")
        }
    }
}

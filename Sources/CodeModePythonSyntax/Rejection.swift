/// Why the pre-check cannot vouch for a source: either the source is invalid, or it uses
/// something the pre-check does not model. Messages are static so rejecting costs nothing
/// until a caller asks for the description.
struct Rejection: Error {
    let message: StaticString
    let line: Int

    var description: String { "\(message) line \(line)" }
}

/// The bytes between a connection and its server: a plain socket (TCP or unix), or TLS over
/// one. hiredis only formats commands and parses replies; the stream moves the bytes, so any
/// transport can carry the protocol.
protocol RedisStream: AnyObject {
    /// Writes every byte, or fails.
    func write(_ bytes: UnsafeRawBufferPointer) throws(StreamFailure)
    /// Reads at least one byte into `buffer`; returns how many.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(StreamFailure) -> Int
    func close()
}

/// Why a stream could not be opened or stopped working; `describe` in StreamFailure+Messages
/// turns it into a sentence that says what to do.
enum StreamFailure: Error, Equatable {
    case refused
    case timedOut
    /// No socket file at a unix socket path.
    case noSocketFile
    case permissionDenied
    /// The host name could not be looked up (getaddrinfo's message).
    case lookup(String)
    /// The peer closed the connection.
    case closed
    /// Any other system error (errno).
    case system(Int32)
    /// TLS failed after the handshake (OpenSSL's reason, e.g. "tlsv13 alert certificate required").
    case tls(String)
}

/// The innermost function-like or class scope and the loop state within it: what decides
/// whether `return`, `yield`, `await`, `async for/with`, `break` and `continue` are legal.
/// A `def`, `lambda` or `class` starts a fresh scope, so a loop outside it does not count.
struct Scope {
    enum Kind {
        case module, classBody, function, asyncFunction, lambda
    }

    var kind: Kind = .module
    var loopDepth = 0
    /// An async generator may not `return` a value; either may come first in the body.
    var hasYield = false
    var hasReturnValue = false

    var isFunction: Bool { kind == .function || kind == .asyncFunction }
}

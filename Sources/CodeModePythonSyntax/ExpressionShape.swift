/// The little an expression parser reports about what it parsed: enough to decide whether
/// it may be assigned to, deleted, augmented, annotated or used as a walrus or keyword name.
struct ExpressionShape {
    enum Form: UInt8 {
        case name, attribute, subscription, starred, tuple, list, walrus, other
    }

    var form: Form
    var isParenthesized = false
    /// Valid inside an assignment target; a starred item is valid only inside a tuple or list.
    var isAssignable: Bool
    var isDeletable: Bool

    static let name = ExpressionShape(form: .name, isAssignable: true, isDeletable: true)
    static let attribute = ExpressionShape(form: .attribute, isAssignable: true, isDeletable: true)
    static let subscription = ExpressionShape(form: .subscription, isAssignable: true, isDeletable: true)
    static let walrus = ExpressionShape(form: .walrus, isAssignable: false, isDeletable: false)
    static let other = ExpressionShape(form: .other, isAssignable: false, isDeletable: false)

    static func starred(_ inner: ExpressionShape) -> ExpressionShape {
        ExpressionShape(form: .starred, isAssignable: inner.isAssignable && inner.form != .starred, isDeletable: false)
    }

    /// Target of `=`, `for`, `with … as` and comprehension `for`.
    var isAssignmentTarget: Bool { isAssignable && form != .starred }

    /// Target of augmented and annotated assignment: one name, attribute or subscript,
    /// possibly parenthesized, never a tuple or list.
    var isSingleTarget: Bool { form == .name || form == .attribute || form == .subscription }

    var isStarred: Bool { form == .starred }
}

/// Accumulates the elements of a tuple or list display into its shape.
struct SequenceShape {
    /// CPython refuses star-unpacking assignments with 256 or more targets before the star.
    private static let maximumStarredTargets = 255

    private var count = 0
    private var starredCount = 0
    private var allAssignable = true
    private var allDeletable = true

    mutating func add(_ element: ExpressionShape) {
        count += 1
        if element.isStarred { starredCount += 1 }
        allAssignable = allAssignable && element.isAssignable
        allDeletable = allDeletable && element.isDeletable
    }

    /// Empty sequences are treated as neither assignable nor deletable: rare, and the rules
    /// for them changed across versions.
    func shape(_ form: ExpressionShape.Form) -> ExpressionShape {
        let assignable = count > 0 && allAssignable && starredCount <= 1
            && (starredCount == 0 || count <= Self.maximumStarredTargets)
        return ExpressionShape(form: form, isAssignable: assignable, isDeletable: count > 0 && allDeletable)
    }
}

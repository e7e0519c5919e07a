/// Agent-style Python skills, each different in shape (data, network, text work), used as
/// valid baselines and mutation seeds by the syntax pre-check tests. They cover the
/// constructs the pre-check accepts.
public enum RealisticSkills {
    public static let all: [String] = dataSkills + networkSkills + textSkills
}

import CodeModeCore
import Foundation

/// A folder of skill files (`<name>.py`): the `skills/` folder of a library, or the
/// `--source`/`--dest` folder of the store commands.
public enum SkillFolder {
    /// The `*.py` files directly in `path`, sorted; none when the folder does not exist.
    /// Package files such as `__init__.py` are Python plumbing, not skills, and are left out
    /// (documented in docs/skills.md).
    public static func fileNames(in path: String) throws -> [String] {
        guard FileIO.isDirectory(path) else { return [] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw StorageError(.io, "\(path): cannot list: \(error.localizedDescription)")
        }
        return names.filter { name in
            isSkillFileName(name) && !FileIO.isDirectory("\(path)/\(name)")
        }.sorted()
    }

    /// Whether a file of a skill folder is a skill: `<name>.py`, unless `<name>` is a Python
    /// special name (`__init__.py`). One rule for the folder, a git revision and `validate`.
    public static func isSkillFileName(_ fileName: some StringProtocol) -> Bool {
        fileName.hasSuffix(".py") && !SkillName.isSpecialName(fileName.dropLast(3))
    }

    /// Reads every skill of the folder, on all cores; a bad file is a problem, never a stop.
    public static func readSkills(in path: String, displayPrefix: String) throws -> SkillListing {
        var listing = SkillListing(skills: [], problems: [])
        for result in try fileNames(in: path).concurrentMap({ readSkill(at: "\(path)/\($0)", displayPath: displayPrefix + $0) }) {
            switch result {
            case .success(let skill): listing.skills.append(skill)
            case .failure(let problem): listing.problems.append(problem)
            }
        }
        return listing
    }

    /// Reads one skill file, or says why it is not a skill: bad name (the stem), not UTF-8,
    /// or no usable `async def run(...)`.
    static func readSkill(at path: String, displayPath: String) -> Result<Skill, LibraryProblem> {
        let bytes: [UInt8]
        do {
            guard let read = try FileIO.read(path) else {
                return .failure(LibraryProblem(path: displayPath, message: "the file disappeared while it was read"))
            }
            bytes = read
        } catch {
            return .failure(LibraryProblem(path: displayPath, message: "\(error)"))
        }
        return skill(fileName: (path as NSString).lastPathComponent, bytes: bytes, displayPath: displayPath)
    }

    /// The skill a file named `fileName` (`<name>.py`) holding `bytes` defines, wherever the
    /// bytes come from (the folder, or a git revision).
    static func skill(fileName: String, bytes: [UInt8], displayPath: String) -> Result<Skill, LibraryProblem> {
        let stem = String(fileName.dropLast(3))
        let name: SkillName
        do {
            name = try SkillName(validating: stem)
        } catch {
            return .failure(LibraryProblem(path: displayPath, message: "\(error)"))
        }
        let source: String
        do {
            source = try SkillFileText.decode(bytes)
        } catch let problem as SkillFileText.DecodingProblem {
            return .failure(LibraryProblem(path: displayPath, line: problem.line, message: problem.message))
        } catch {
            return .failure(LibraryProblem(path: displayPath, message: "\(error)"))
        }
        do {
            return .success(try Skill(name: name, source: source))
        } catch let error as SkillSourceError {
            return .failure(LibraryProblem(path: displayPath, line: error.line > 0 ? error.line : nil, message: error.message))
        } catch {
            return .failure(LibraryProblem(path: displayPath, message: "\(error)"))
        }
    }
}

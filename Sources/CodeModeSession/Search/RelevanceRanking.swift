import Foundation

/// Ranks documents for a query with BM25, a well-tried formula that needs no model: a term
/// counts more when it is rare across the documents and frequent in this one, less as the
/// document grows. Names weigh more than descriptions (their terms are counted twice).
struct RelevanceRanking {
    struct Document {
        var name: String
        var text: [String]
    }

    private let documents: [[String: Int]]
    private let lengths: [Double]
    private let documentFrequency: [String: Int]
    private let averageLength: Double

    init(_ documents: [Document]) {
        var frequencies: [[String: Int]] = []
        var documentFrequency: [String: Int] = [:]
        for document in documents {
            var counts: [String: Int] = [:]
            for term in Self.terms(document.name) { counts[term, default: 0] += 2 }
            for text in document.text { for term in Self.terms(text) { counts[term, default: 0] += 1 } }
            for term in counts.keys { documentFrequency[term, default: 0] += 1 }
            frequencies.append(counts)
        }
        self.documents = frequencies
        lengths = frequencies.map { Double($0.values.reduce(0, +)) }
        self.documentFrequency = documentFrequency
        averageLength = lengths.isEmpty ? 1 : max(1, lengths.reduce(0, +) / Double(lengths.count))
    }

    /// The indexes of the documents that match any term of `query`, best first (ties keep
    /// document order), at most `limit`.
    func rank(_ query: String, limit: Int) -> [Int] {
        let queryTerms = Set(Self.terms(query))
        guard !queryTerms.isEmpty, limit > 0 else { return [] }
        let count = Double(documents.count)
        let k1 = 1.2, b = 0.75
        var scored: [(index: Int, score: Double)] = []
        for (index, counts) in documents.enumerated() {
            var score = 0.0
            for term in queryTerms {
                guard let frequency = counts[term].map(Double.init) else { continue }
                let rarity = log(1 + (count - Double(documentFrequency[term] ?? 0) + 0.5) / (Double(documentFrequency[term] ?? 0) + 0.5))
                score += rarity * frequency * (k1 + 1) / (frequency + k1 * (1 - b + b * lengths[index] / averageLength))
            }
            if score > 0 { scored.append((index, score)) }
        }
        return scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }.prefix(limit).map(\.index)
    }

    /// Lower-cased words: runs of letters and digits, so `fetch_json` is `fetch` and `json`,
    /// and `fetchJSON` is `fetch` and `json` too.
    static func terms(_ text: String) -> [String] {
        var terms: [String] = []
        var current = ""
        var previousWasLower = false
        func finish() {
            if !current.isEmpty { terms.append(current.lowercased()) }
            current = ""
        }
        for character in text {
            guard character.isLetter || character.isNumber else {
                finish()
                previousWasLower = false
                continue
            }
            if character.isUppercase && previousWasLower { finish() }
            current.append(character)
            previousWasLower = character.isLowercase
        }
        finish()
        return terms
    }
}

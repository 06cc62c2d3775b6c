/// The distinct prompt sets of a group of models, each stored once and numbered 0, 1, 2, …
/// in the order first seen.
///
/// A set is written as the ascending numbers of its keys, every distinct `ItemKey` of the
/// models having a number; so comparing, hashing and intersecting sets works on integers
/// and never hashes a key string again.
struct PromptSetRegistry {
    private(set) var sets: [[Int32]] = []
    private var numbers: [[Int32]: Int] = [:]

    /// The number of the set `keys` (ascending key numbers), registering it when new.
    mutating func number(of keys: [Int32]) -> Int {
        if let number = numbers[keys] { return number }
        numbers[keys] = sets.count
        sets.append(keys)
        return sets.count - 1
    }

    /// The keys in both ascending lists, ascending.
    static func intersection(_ a: [Int32], _ b: [Int32]) -> [Int32] {
        var result: [Int32] = []
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i] < b[j] {
                i += 1
            } else if a[i] > b[j] {
                j += 1
            } else {
                result.append(a[i])
                i += 1
                j += 1
            }
        }
        return result
    }
}

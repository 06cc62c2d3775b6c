import Foundation
import RMBenchCore
import RMBenchLoad
import Testing

/// Importing the official leaderboard reproduces its Domain Avg and Difficulty Avg columns
/// from its own numbers wherever they are computable (to the rounding of one decimal).
@Suite("Official leaderboard import")
struct LeaderboardAveragesTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Data/published/rm-bench-leaderboard-2025-07.csv").path

    @Test func domainAndDifficultyAveragesAreReproduced() throws {
        let rows = try PublishedReader.read(path: Self.file)
        var checkedDomain = 0, checkedDifficulty = 0
        for row in rows {
            let domains = Domain.allCases.compactMap(row.domain)
            let difficulties = [row.easy, row.normal, row.hard].compactMap { $0 }
            if domains.count == 4, let stated = row.domainAverage {
                checkedDomain += 1
                #expect(abs(domains.reduce(0, +) / 4 - stated) <= 0.11, "\(row.model): Domain Avg")
            }
            if difficulties.count == 3, let stated = row.difficultyAverage {
                checkedDifficulty += 1
                #expect(abs(difficulties.reduce(0, +) / 3 - stated) <= 0.11, "\(row.model): Difficulty Avg")
            }
        }
        // Counted independently (Python's csv module over the same file): 41 rows report all four
        // domains and a Domain Avg, 48 report Easy, Normal, Hard and a Difficulty Avg.
        #expect(checkedDomain == 41)
        #expect(checkedDifficulty == 48)
    }
}

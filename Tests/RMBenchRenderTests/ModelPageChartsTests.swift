import RMBenchAnalyze
import RMBenchCore
import RMBenchScore
import Testing
@testable import RMBenchRender

/// The model page shows its length plot as the file in `charts/` (an image whose text is the
/// chart's title and description, escaped), the single-file report inlines the same drawing,
/// and the file `charts/` gets is that drawing.
@Suite("Model page length chart")
struct ModelPageChartsTests {
    @Test func pageLinksTheChartFileAndTheReportInlinesIt() throws {
        let (templates, layout) = try PromptPagesTests.layout()
        func features(_ characters: Int) -> ResponseFeatures {
            ResponseFeatures(characters: characters, words: 1, headers: 0, listItems: 0, boldSpans: 0)
        }
        let items = (1...6).map { id in
            ScoredItem(key: ItemKey(label: "chat", id: .int(Int64(id))), domain: .chat,
                       chosen: StyleScores(Double(id), 2, 3), rejected: StyleScores(2, Double(id), 1),
                       chosenFeatures: [features(10 * id), features(100), features(120)],
                       rejectedFeatures: [features(12), features(90 + id), features(130)])
        }
        let name = "A <b>\"bold\"</b> & co"
        let run = ModelRun(model: name, type: .sequenceClassifier, sources: [], items: items)
        let row = LeaderboardRow(score: Scorer.score(run))
        let lengths = try #require(Analyze.lengthAnalysis(items))
        let slug = row.id.slug
        let rendered = ModelPage.render(row: row, slug: slug, lengths: lengths, reference: nil, templates: templates, layout: layout)
        let chart = try #require(rendered.charts.first { $0.name == "reward-vs-length" })
        #expect(chart.svg.hasPrefix("<svg"))

        let fragment = try #require(rendered.page.fragments["charts:length"])
        #expect(!fragment.contains("<svg"))
        #expect(fragment.contains("<img src=\"../charts/\(slug)/reward-vs-length.svg\" width=\"560\" height=\""))
        #expect(fragment.contains("alt=\"A &lt;b&gt;&quot;bold&quot;&lt;/b&gt; &amp; co — reward vs response length. Scatter plot of Reward"))
        #expect(!fragment.contains("<b>"))

        let parts = try #require(rendered.parts)
        let report = try #require(Reports.model(row: row, parts: parts, comparison: nil, templates: templates,
                                                toolVersion: "test", path: "reports/\(slug)"))
        #expect(report.fragments["charts:length"]?.contains(chart.svg) == true)
    }
}

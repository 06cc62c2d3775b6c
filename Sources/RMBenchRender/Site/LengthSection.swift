import Foundation
import RMBenchAnalyze
import RMBenchCore

/// The "Length and style" part of a model page: does the model reward length and markdown,
/// or substance?
enum LengthSection {
    struct Chart {
        var name: String
        var title: String
        var drawing: ScatterChart.Drawing
    }

    /// What the model templates' `{{#lengths}}` section reads. Shares are `12.3 %` (`–` when
    /// there is nothing to share out), correlations `0.12 (p = 0.003, n = 400)`, gains `+0.25 SD`.
    struct TemplateData {
        /// The placeholder line the charts go in (`@@charts:length@@`), empty without charts.
        var charts: String
        var chosenRho: String
        var rejectedRho: String
        var hardFailures: Int
        var hasHardFailures: Bool
        /// Share and count of Hard failures whose rejected response was longer.
        var longer: String
        var longerCount: Int
        /// Share and count of Hard failures whose rejected response had more markdown.
        var moreMarkdown: String
        var moreMarkdownCount: Int
        var markdownGain: String
        var detailGain: String
        var markdownPairs: Int
        var detailPairs: Int
        /// The file carries attribute scores (a second chart).
        var hasAttributes: Bool
        var reference: Reference?
    }

    /// The random baseline's Hard failures, for comparison.
    struct Reference {
        /// Escaped for Markdown text.
        var name: String
        var longer: String
        var moreMarkdown: String
    }

    /// `reference`: the random baseline's analysis, when the site has one. Hard comparisons
    /// put the rejected response in the richer style by construction, so "the rejected one was
    /// longer" is common for any model; the random baseline shows how common.
    static func render(_ analysis: LengthAnalysis, model: String, reference: (name: String, analysis: LengthAnalysis)?) -> (data: TemplateData, charts: [Chart]) {
        var charts: [Chart] = []
        func points(_ series: [LengthAnalysis.Response], _ side: String, tooltips: Bool) -> [ScatterChart.Point] {
            series.map { response in
                ScatterChart.Point(x: Double(response.characters), y: response.reward,
                                   tooltip: tooltips ? "\(side) \(Style(rawValue: response.style)?.title ?? ""): \(response.characters) characters, reward \(number(response.reward))" : "")
            }
        }
        if !analysis.chosen.isEmpty || !analysis.rejected.isEmpty {
            let caption = "Spearman ρ of reward with length — correct: \(rho(analysis.chosenLengthCorrelation)); incorrect: \(rho(analysis.rejectedLengthCorrelation))"
            func chart(tooltips: Bool) -> ScatterChart {
                ScatterChart(
                    id: "reward-length", title: "\(model) — reward vs response length",
                    xLabel: "Response length (characters)", yLabel: "Reward",
                    series: [
                        .init(name: "correct (chosen)", points: points(analysis.chosen, "chosen", tooltips: tooltips), marker: .circle, showTrend: true),
                        .init(name: "incorrect (rejected)", points: points(analysis.rejected, "rejected", tooltips: tooltips), marker: .triangle, showTrend: true),
                    ],
                    caption: caption, xLog: true, valueText: number)
            }
            // A model's full run has ~8,000 points: drawn without hover titles, so none are made.
            let plain = chart(tooltips: false)
            charts.append(Chart(name: "reward-vs-length", title: "Reward vs response length",
                                drawing: (plain.drawsPointTitles ? chart(tooltips: true) : plain).draw()))
        }
        if !analysis.chosenAttributes.isEmpty || !analysis.rejectedAttributes.isEmpty {
            func attributePoints(_ values: [(verbosity: Double, correctness: Double)], _ side: String) -> [ScatterChart.Point] {
                values.map { .init(x: $0.verbosity, y: $0.correctness, tooltip: "\(side): verbosity \(number($0.verbosity)), correctness \(number($0.correctness))") }
            }
            charts.append(Chart(
                name: "correctness-vs-verbosity", title: "Correctness vs verbosity",
                drawing: ScatterChart(
                    id: "attributes", title: "\(model) — attribute scores: correctness vs verbosity",
                    xLabel: "Verbosity score", yLabel: "Correctness score",
                    series: [
                        .init(name: "correct (chosen)", points: attributePoints(analysis.chosenAttributes, "chosen"), marker: .circle, showTrend: true),
                        .init(name: "incorrect (rejected)", points: attributePoints(analysis.rejectedAttributes, "rejected"), marker: .triangle, showTrend: true),
                    ], valueText: number).draw()))
        }
        let data = TemplateData(
            charts: charts.isEmpty ? "" : "@@charts:length@@",
            chosenRho: rho(analysis.chosenLengthCorrelation),
            rejectedRho: rho(analysis.rejectedLengthCorrelation),
            hardFailures: analysis.hardFailures,
            hasHardFailures: analysis.hardFailures > 0,
            longer: share(analysis.hardFailuresRejectedLonger, of: analysis.hardFailures),
            longerCount: analysis.hardFailuresRejectedLonger,
            moreMarkdown: share(analysis.hardFailuresRejectedMoreMarkdown, of: analysis.hardFailures),
            moreMarkdownCount: analysis.hardFailuresRejectedMoreMarkdown,
            markdownGain: gain(analysis.markdownGain),
            detailGain: gain(analysis.detailGain),
            markdownPairs: analysis.gainPairs.markdown,
            detailPairs: analysis.gainPairs.detail,
            hasAttributes: !analysis.chosenAttributes.isEmpty || !analysis.rejectedAttributes.isEmpty,
            reference: reference.flatMap { reference in
                reference.name == model ? nil : Reference(
                    name: Escape.markdownText(reference.name),
                    longer: share(reference.analysis.hardFailuresRejectedLonger, of: reference.analysis.hardFailures),
                    moreMarkdown: share(reference.analysis.hardFailuresRejectedMoreMarkdown, of: reference.analysis.hardFailures))
            })
        return (data, charts)
    }

    static func rho(_ correlation: RankCorrelation?) -> String {
        guard let c = correlation else { return "–" }
        return NumberText.format("%.2f", c.rho) + " (\(CorrelationsPage.pPhrase(c.p)), n = \(c.n))"
    }

    static func share(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "–" : NumberText.format("%.1f %%", Double(part) / Double(whole) * 100)
    }

    static func gain(_ value: Double?) -> String {
        guard let value else { return "–" }
        return NumberText.format("%+.2f SD", value)
    }

    /// Rewards and scores as the tooltips and the chart's `<desc>` print them: 3 significant digits.
    @Sendable static func number(_ value: Double) -> String {
        NumberText.format("%.3g", value)
    }
}

/// A table of other benchmarks' or downstream numbers per model, for correlation with
/// RM-Bench (`Data/external/*.csv`).
public struct ExternalMetrics: Sendable, Equatable {
    public struct Metric: Sendable, Equatable {
        /// The column name, e.g. `rewardbench_math_prm`.
        public var name: String
        /// From the optional `#description` row: what it measures and where it comes from.
        public var description: String?

        public init(name: String, description: String? = nil) {
            self.name = name
            self.description = description
        }
    }

    public var file: String
    public var metrics: [Metric]
    /// Model name as written in the file → metric name → value; a missing value is absent.
    public var values: [String: [String: Double]]
    /// Model names in file order.
    public var models: [String]

    public init(file: String, metrics: [Metric], values: [String: [String: Double]], models: [String]) {
        self.file = file
        self.metrics = metrics
        self.values = values
        self.models = models
    }
}

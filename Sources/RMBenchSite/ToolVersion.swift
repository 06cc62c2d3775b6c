/// The version every page, report and cache key names.
public enum ToolVersion {
    public static let current = "0.1.0"
}

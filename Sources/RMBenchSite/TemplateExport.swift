import RMBenchBuiltIn

/// `templates export`: the built-in templates and assets as files to edit; `--templates DIR`
/// then uses whichever of them the user keeps there.
public enum TemplateExport {
    public static var files: [NewFiles.File] {
        BuiltIn.templateFiles.map { NewFiles.File(path: $0.path, contents: $0.contents) }
    }
}

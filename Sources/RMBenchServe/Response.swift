/// A complete response; every one closes its connection.
struct Response {
    var status: Int
    var reason: String
    var contentType: String
    var body: [UInt8]
    /// The length announced; differs from `body.count` only for HEAD.
    var contentLength: Int
    var headers: [(String, String)] = []

    init(status: Int, reason: String, contentType: String, body: [UInt8], contentLength: Int? = nil) {
        self.status = status
        self.reason = reason
        self.contentType = contentType
        self.body = body
        self.contentLength = contentLength ?? body.count
    }

    static func error(_ status: Int, _ reason: String) -> Response {
        Response(status: status, reason: reason, contentType: "text/plain; charset=utf-8", body: Array("\(status) \(reason)\n".utf8))
    }

    func serialized() -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(reason)\r\n"
        for (name, value) in [("Content-Type", contentType), ("Content-Length", String(contentLength)),
                              ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff"),
                              ("Connection", "close")] + headers {
            head += "\(name): \(value)\r\n"
        }
        head += "\r\n"
        return Array(head.utf8) + body
    }
}

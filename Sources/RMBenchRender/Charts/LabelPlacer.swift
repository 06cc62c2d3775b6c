import Foundation

/// Places chart labels so that none overlaps another label, a marker or a leader line:
/// deterministically (the same input gives the same layout), first fit wins.
///
/// Each label comes with candidate positions in tiers, in order of preference
/// (``pointCandidates`` for a point: beside it, then ring after ring further out with a leader
/// line; ``lineCandidates`` for a reference line: along it, above or below). A candidate fits
/// when its box (``LabelBox``) stays inside ``bounds``, misses every marker (by
/// ``markerMargin``), every placed label (by ``labelMargin``) and every leader line, and its own
/// leader line crosses no label and no other marker. Within a tier, a first pass also keeps
/// clear of the ``softLines`` (reference and trend lines, which would strike through the text);
/// a second pass allows crossing them (the label has a halo), before the next tier is tried:
/// near a line beats far away with a leader. A label that fits nowhere is not placed (the
/// caller says so elsewhere).
struct LabelPlacer {
    struct Marker: Sendable, Equatable {
        var x: Double
        var y: Double
        var radius: Double
    }

    struct Segment: Sendable, Equatable {
        var x1: Double
        var y1: Double
        var x2: Double
        var y2: Double
    }

    /// A position to try: the `<text>`'s x, y (baseline) and anchor, and whether a leader line
    /// joins the label to the marker at `leaderFrom`.
    struct Candidate: Sendable, Equatable {
        var x: Double
        var y: Double
        var anchor: LabelBox.Anchor
        var leaderFrom: Marker?
    }

    struct Placement: Sendable, Equatable {
        var x: Double
        var y: Double
        var anchor: LabelBox.Anchor
        var box: LabelBox
        /// From the marker's edge to the nearest point of the box, when the label sits away from its point.
        var leader: Segment?
    }

    /// Clearance between a label box and a marker's edge, and between two label boxes.
    static let markerMargin = 1.5
    static let labelMargin = 1.0

    var bounds: LabelBox
    var markers: [Marker]
    var softLines: [Segment]
    private(set) var boxes: [LabelBox] = []
    private(set) var leaders: [Segment] = []

    init(bounds: LabelBox, markers: [Marker], softLines: [Segment] = []) {
        self.bounds = bounds
        self.markers = markers
        self.softLines = softLines
    }

    /// The first candidate for `text` at `size` px that fits (see the type's rules), recorded so
    /// later labels avoid it; nil when none fits.
    mutating func place(_ text: String, size: Double, tiers: [[Candidate]]) -> Placement? {
        for tier in tiers {
            for avoidSoftLines in [true, false] {
                for candidate in tier {
                    guard let placement = fit(text, size: size, candidate, avoidSoftLines: avoidSoftLines) else { continue }
                    boxes.append(placement.box)
                    if let leader = placement.leader { leaders.append(leader) }
                    return placement
                }
            }
        }
        return nil
    }

    private func fit(_ text: String, size: Double, _ c: Candidate, avoidSoftLines: Bool) -> Placement? {
        let box = LabelBox(text: text, x: c.x, y: c.y, anchor: c.anchor, size: size)
        guard bounds.contains(box) else { return nil }
        for marker in markers where box.intersects(circleAt: marker.x, marker.y, radius: marker.radius + Self.markerMargin) {
            return nil
        }
        let padded = box.expanded(by: Self.labelMargin)
        if boxes.contains(where: padded.intersects) { return nil }
        for line in leaders where padded.intersects(segmentFrom: line.x1, line.y1, to: line.x2, line.y2) { return nil }
        if avoidSoftLines {
            for line in softLines where padded.intersects(segmentFrom: line.x1, line.y1, to: line.x2, line.y2) { return nil }
        }
        var leader: Segment?
        if let from = c.leaderFrom {
            let (nx, ny) = box.nearestPoint(to: from.x, from.y)
            let dx = nx - from.x, dy = ny - from.y
            let length = (dx * dx + dy * dy).squareRoot()
            guard length > from.radius + 2 else { return nil }
            let start = (from.x + dx / length * (from.radius + 1), from.y + dy / length * (from.radius + 1))
            let segment = Segment(x1: start.0, y1: start.1, x2: nx, y2: ny)
            for other in boxes where other.expanded(by: Self.labelMargin)
                .intersects(segmentFrom: segment.x1, segment.y1, to: segment.x2, segment.y2) { return nil }
            for marker in markers where marker != from
                && Self.distance(marker.x, marker.y, segment) < marker.radius + Self.markerMargin { return nil }
            leader = segment
        }
        return Placement(x: c.x, y: c.y, anchor: c.anchor, box: box, leader: leader)
    }

    /// Distance from (`x`, `y`) to the segment.
    static func distance(_ x: Double, _ y: Double, _ s: Segment) -> Double {
        let dx = s.x2 - s.x1, dy = s.y2 - s.y1
        let squared = dx * dx + dy * dy
        let t = squared == 0 ? 0 : min(max(((x - s.x1) * dx + (y - s.y1) * dy) / squared, 0), 1)
        let px = s.x1 + t * dx - x, py = s.y1 + t * dy - y
        return (px * px + py * py).squareRoot()
    }

    // MARK: Candidates

    /// Distances (px from the point) of the rings of leader-line candidates, and their directions
    /// (degrees counter-clockwise from the right; the axis directions first).
    static let ringDistances = [18.0, 28, 40, 54, 70, 90, 115, 145]
    static let ringDirections = [0.0, 180, 90, 270, 30, 150, 330, 210, 60, 120, 300, 240,
                                 15, 165, 345, 195, 45, 135, 315, 225, 75, 105, 285, 255]

    /// Tier 1 beside the marker (right, left, above, below, then the four diagonals); then one
    /// tier per ring of ``ringDistances``, in the ``ringDirections``, joined by a leader line.
    static func pointCandidates(_ marker: Marker, size: Double) -> [[Candidate]] {
        let x = marker.x, y = marker.y
        let gap = marker.radius + markerMargin + 1.5
        // Baselines that centre the box (0.8 em above, 0.25 em below) on y, or put its bottom
        // or top edge at y ∓ gap.
        let middle = y + (LabelBox.ascent - LabelBox.descent) / 2 * size
        let above = y - gap - LabelBox.descent * size
        let below = y + gap + LabelBox.ascent * size
        let diagonal = gap * 0.75
        let near: [Candidate] = [
            .init(x: x + gap, y: middle, anchor: .start),
            .init(x: x - gap, y: middle, anchor: .end),
            .init(x: x, y: above, anchor: .middle),
            .init(x: x, y: below, anchor: .middle),
            .init(x: x + diagonal, y: y - diagonal - LabelBox.descent * size, anchor: .start),
            .init(x: x - diagonal, y: y - diagonal - LabelBox.descent * size, anchor: .end),
            .init(x: x + diagonal, y: y + diagonal + LabelBox.ascent * size, anchor: .start),
            .init(x: x - diagonal, y: y + diagonal + LabelBox.ascent * size, anchor: .end),
        ]
        var tiers = [near]
        for distance in ringDistances {
            var ring: [Candidate] = []
            for degrees in ringDirections {
                let radians = degrees * Double.pi / 180
                let ax = x + distance * cos(radians), ay = y - distance * sin(radians)
                let c = cos(radians), s = sin(radians)
                let anchor: LabelBox.Anchor = c > 0.3 ? .start : (c < -0.3 ? .end : .middle)
                let baseline: Double
                if anchor == .middle {
                    baseline = s > 0 ? ay - LabelBox.descent * size : ay + LabelBox.ascent * size
                } else {
                    baseline = ay + (LabelBox.ascent - LabelBox.descent) / 2 * size
                }
                ring.append(.init(x: ax, y: baseline, anchor: anchor, leaderFrom: marker))
            }
            tiers.append(ring)
        }
        return tiers
    }

    /// Along a horizontal line at `y` from `left` to `right`: at the right end above, below,
    /// then every 24 px further left, above and below.
    static func lineCandidates(y: Double, left: Double, right: Double, width: Double, size: Double) -> [Candidate] {
        var candidates: [Candidate] = []
        var x = right - 4
        while x - width >= left + 4 {
            candidates.append(.init(x: x, y: y - 4, anchor: .end))
            candidates.append(.init(x: x, y: y + 4 + LabelBox.ascent * size, anchor: .end))
            x -= 24
        }
        return candidates
    }
}

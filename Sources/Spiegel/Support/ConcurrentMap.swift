import Foundation

/// `body(0) … body(count − 1)` on all cores, returned in index order whatever the schedule.
///
/// Ingest reads files, the analysis computes aggregate cells, the generator writes exports and the run
/// writes workbooks this way: independent jobs whose results must not depend on which finished first.
/// `order` says in which order jobs are started (largest first keeps one long job from ending up alone at the tail).
package func concurrentMap<Value>(count: Int, startingWith order: [Int]? = nil, _ body: @Sendable (Int) -> Value) -> [Value] {
    let slots = ResultSlots<Value>(count: count)
    let order = order ?? Array(0..<count)
    DispatchQueue.concurrentPerform(iterations: order.count) { position in
        slots.set(order[position], body(order[position]))
    }
    return slots.values
}

/// One result per job, written by parallel workers at their own index; the lock keeps the writes safe.
private final class ResultSlots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) { lock.withLock { slots[index] = value } }

    /// Every slot, each filled once `concurrentPerform` has returned.
    var values: [Value] { lock.withLock { slots.compactMap { $0 } } }
}

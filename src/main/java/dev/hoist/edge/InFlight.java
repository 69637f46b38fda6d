package dev.hoist.edge;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests in progress per client address. A slot is taken when a request arrives and given back
 * when its response ends or its connection closes, so one address holding hundreds of slow
 * connections is refused beyond the cap while everyone else is served.
 */
final class InFlight {

    private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();
    private final int cap;

    InFlight(int cap) {
        this.cap = cap;
    }

    /** Takes a slot for {@code address}; false (and nothing taken) when the address is at its cap. */
    boolean enter(String address) {
        boolean[] admitted = new boolean[1];
        // One atomic step per address: a check and a separate increment would let a burst through.
        counts.compute(address, (a, count) -> {
            int now = count == null ? 0 : count;
            if (now >= cap) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        return admitted[0];
    }

    void leave(String address) {
        // Drop the entry at zero, so that the map only holds addresses that are busy now.
        counts.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
    }

    int inUse(String address) {
        return counts.getOrDefault(address, 0);
    }
}

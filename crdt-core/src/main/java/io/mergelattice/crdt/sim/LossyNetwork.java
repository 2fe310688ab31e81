package io.mergelattice.crdt.sim;

import java.util.PriorityQueue;
import java.util.Random;

/**
 * A simulated network: each message is dropped with probability {@code dropRate}, otherwise delivered after a
 * uniform random latency, and with probability {@code duplicateRate} delivered a second time after another random
 * latency. Independent latencies reorder messages. Deliveries come out in (time, send order).
 */
final class LossyNetwork {
    private record Pending(long at, long seq, Message message) {
    }

    private final Random random;
    private final double dropRate;
    private final double duplicateRate;
    private final int minLatency;
    private final int maxLatency;
    private final PriorityQueue<Pending> queue = new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private long seq;
    long sent;
    long bytes;

    LossyNetwork(Random random, double dropRate, double duplicateRate, int minLatency, int maxLatency) {
        this.random = random;
        this.dropRate = dropRate;
        this.duplicateRate = duplicateRate;
        this.minLatency = minLatency;
        this.maxLatency = maxLatency;
    }

    void send(long now, Message m) {
        sent++;
        bytes += m.size();
        if (random.nextDouble() < dropRate) {
            return;
        }
        queue.add(new Pending(now + latency(), seq++, m));
        if (random.nextDouble() < duplicateRate) {
            queue.add(new Pending(now + latency(), seq++, m));
        }
    }

    private int latency() {
        return minLatency + random.nextInt(maxLatency - minLatency + 1);
    }

    /** Time of the next delivery, or {@code Long.MAX_VALUE} if nothing is in flight. */
    long nextAt() {
        Pending p = queue.peek();
        return p == null ? Long.MAX_VALUE : p.at;
    }

    /** Removes and returns the next delivery; call only when {@link #nextAt} is finite. */
    Message poll() {
        return queue.poll().message;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }
}

package io.mergelattice.kernels;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Splits the loops of one tensor over the cores (spec §2.12: the bits must not depend on the thread count). Parts
 * are contiguous runs of whole chunks; every chunk is computed exactly as in the sequential loop (element-wise
 * steps, whole rows, or integer counts that are summed afterwards), so only the schedule changes, never an
 * operation. Bounded: part 0 runs on the calling thread, the others on {@link ForkJoinPool#commonPool()} (forked
 * into the caller's pool when it runs in one, so a join never waits on a queued task); at most {@link #threads()}
 * parts of at least {@value #MIN_CHUNKS} chunks each. An error is that of the lowest failing part, which is the
 * error the sequential loop meets first. Segments confined to the calling thread keep the loop sequential.
 */
public final class Parallel {
    /** System property: the most threads per tensor (default: the available processors; 1 = sequential). */
    public static final String PROPERTY = "mergelattice.threads";
    static final int MIN_CHUNKS = 8;
    private static final Thread PROBE = new Thread(() -> { });

    /** One part's loop over elements [lo, hi). */
    public interface Part<E extends Exception> {
        void run(long lo, long hi) throws E;
    }

    /** Creates the state of part {@code index} (on the calling thread: arena allocations are allowed). */
    public interface PartFactory<E extends Exception> {
        Part<E> create(int index);
    }

    private Parallel() {
    }

    /** The most threads per tensor. */
    public static int threads() {
        return Math.max(1, Integer.getInteger(PROPERTY, Runtime.getRuntime().availableProcessors()));
    }

    /** The number of parts for d elements in chunks of c whose segments are all shareable. */
    public static int parts(long d, int c, List<MemorySegment> segments) {
        long chunks = (d + c - 1) / c;
        int parts = (int) Math.min(threads(), chunks / MIN_CHUNKS);
        for (MemorySegment s : segments) {
            if (!s.isAccessibleBy(PROBE)) {
                return 1;
            }
        }
        return Math.max(1, parts);
    }

    /** Runs {@code parts} parts over [0, d), each a run of whole chunks of c elements. */
    public static <E extends Exception> void run(long d, int c, int parts, PartFactory<E> factory) throws E {
        long chunks = (d + c - 1) / c;
        List<Part<E>> loops = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            loops.add(factory.create(p));
        }
        List<ForkJoinTask<Exception>> others = new ArrayList<>();
        boolean worker = Thread.currentThread() instanceof ForkJoinWorkerThread;
        for (int p = 1; p < parts; p++) {
            Part<E> part = loops.get(p);
            long lo = Math.min(d, chunks * p / parts * c);
            long hi = Math.min(d, chunks * (p + 1) / parts * c);
            ForkJoinTask<Exception> task = ForkJoinTask.adapt(() -> attempt(part, lo, hi));
            if (worker) {
                task.fork(); // inside a pool: join() runs it here if nobody stole it, so no worker waits idle
            } else {
                ForkJoinPool.commonPool().execute(task);
            }
            others.add(task);
        }
        Exception first = attempt(loops.get(0), 0, Math.min(d, chunks / parts * c));
        for (ForkJoinTask<Exception> task : others) {
            Exception e = task.join();
            first = first != null ? first : e;
        }
        if (first instanceof RuntimeException r) {
            throw r;
        }
        if (first != null) {
            @SuppressWarnings("unchecked")
            E e = (E) first; // a Part<E> throws only E or unchecked exceptions
            throw e;
        }
    }

    private static Exception attempt(Part<?> part, long lo, long hi) {
        try {
            part.run(lo, hi);
            return null;
        } catch (Exception e) {
            return e;
        }
    }
}

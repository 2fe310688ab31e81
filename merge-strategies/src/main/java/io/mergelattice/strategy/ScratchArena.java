package io.mergelattice.strategy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * A recycling arena for the scratch tensors of one worker thread. {@link #close()} does not free memory: it makes
 * every segment handed out so far available again, so the next tensor's buffers are already mapped and touched.
 * A fresh 64 MiB buffer costs about 28 ms of page faults on these machines, 2–3× the merge itself (design.md §5);
 * reusing it costs one zero-fill pass. Allocations are zeroed, as {@link Arena} promises. Segments stay valid until
 * the next {@link #close()}; {@link #release()} frees everything. One thread at a time.
 */
public final class ScratchArena implements Arena {
    private static final long ALIGN = 64;
    private final Arena backing = Arena.ofShared();
    private final List<MemorySegment> free = new ArrayList<>();
    private final List<MemorySegment> used = new ArrayList<>();

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        MemorySegment s = allocateUninitialized(byteSize, byteAlignment);
        if (s.byteSize() > 0 && reused) {
            s.fill((byte) 0);
        }
        return s;
    }

    private boolean reused;

    /**
     * Like {@link #allocate} but a recycled segment keeps old bytes: only for outputs that the caller overwrites
     * completely before reading (saves one write pass per tensor).
     */
    public MemorySegment allocateUninitialized(long byteSize, long byteAlignment) {
        if (byteAlignment > ALIGN || Long.bitCount(byteAlignment) != 1) {
            throw new IllegalArgumentException("alignment " + byteAlignment + " is not supported (max " + ALIGN + ")");
        }
        MemorySegment best = null;
        for (MemorySegment s : free) {
            if (s.byteSize() >= byteSize && (best == null || s.byteSize() < best.byteSize())) {
                best = s;
            }
        }
        reused = best != null;
        if (best == null) {
            best = backing.allocate(Math.max(byteSize, 1), ALIGN); // fresh memory is zeroed
        } else {
            free.remove(best);
        }
        used.add(best);
        return best.asSlice(0, byteSize);
    }

    @Override
    public MemorySegment.Scope scope() {
        return backing.scope();
    }

    /** Recycles every segment handed out since the last call; they must no longer be used. */
    @Override
    public void close() {
        free.addAll(used);
        used.clear();
    }

    /** Frees all memory; the arena cannot be used afterwards. */
    public void release() {
        free.clear();
        used.clear();
        backing.close();
    }
}

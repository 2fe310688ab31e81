package io.mergelattice.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mergelattice.strategy.ErrorCode;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeOutcome;
import io.mergelattice.strategy.Params;
import io.mergelattice.strategy.RawTensor;
import io.mergelattice.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** led_merge (strategies spec §3.25): election by weighted importance, each output element an input value. */
class LedMergeTest {
    private static final long[] S2 = {2};

    @Test
    void updateMagnitudeElectsWithABase() throws Exception {
        MergeOutcome out = MergeCall.of("led_merge").add(1, 1, -5).add(1, 2, 1).base(0, 0).run();
        assertThat(out.values()).containsExactly(2.0, -5.0);
        assertThat(out.metadata().get("led.source")).isEqualTo("update");
        // Weights scale the importance: ¾·1 > ¼·2.
        assertThat(MergeCall.of("led_merge").add(3, 1, -5).add(1, 2, 1).base(0, 0).run().values())
                .containsExactly(1.0, -5.0);
    }

    @Test
    void medoidWithoutABaseAndTieBreaks() throws Exception {
        // μ ≈ (2, 2): of (0, 1, 5) the value 1 is closest, of (1, 3, 2) the value 2; of (3, 1) both are 1 away
        // from μ = 2, so the smaller value wins.
        MergeOutcome out = MergeCall.of("led_merge").add(1, 0, 1).add(1, 1, 3).add(1, 5, 2).run();
        assertThat(out.values()).containsExactly(1.0, 2.0);
        assertThat(out.metadata().get("led.source")).isEqualTo("medoid");
        assertThat(MergeCall.of("led_merge").add(1, 3).add(1, 1).run().values()).containsExactly(1.0);
        // Equal importance (update) and equal distance to μ = 0: the smaller value wins.
        assertThat(MergeCall.of("led_merge").add(1, 1).add(1, -1).base(0).run().values()).containsExactly(-1.0);
    }

    @Test
    void importanceArtifactsWinAndTheBaseIsNotRead() throws Exception {
        MergeOutcome out = MergeCall.of("led_merge").dtype(DType.F32).add(1, 1, -5).add(1, 2, 1).base(0, 0)
                .baseDtype(DType.F64).artifact(0, "importance", S2, 3, 0).artifact(1, "importance", S2, 1, 0.5)
                .run();
        assertThat(out.values()).containsExactly(1.0, 1.0);
        assertThat(out.metadata().get("led.source")).isEqualTo("artifact");
        assertThat(out.metadata().get("precision")).isEqualTo("F32");
        LedMerge s = new LedMerge();
        Params none = Params.defaults(s.info().params());
        assertThat(s.readsBase(none, Set.of("importance"))).isFalse();
        assertThat(s.readsBase(none, Set.of())).isTrue();
    }

    @Test
    void partialArtifactsFallBackButAreStillValidated() throws Exception {
        MergeOutcome out = MergeCall.of("led_merge").add(1, 1, -5).add(1, 2, 1).base(0, 0)
                .artifact(0, "importance", S2, 9, 9).run();
        assertThat(out.metadata().get("led.source")).isEqualTo("update");
        for (double[] bad : List.of(new double[] {1, -0.5}, new double[] {1, Double.NaN},
                new double[] {Double.POSITIVE_INFINITY, 0})) {
            assertThatThrownBy(() -> MergeCall.of("led_merge").add(1, 1, -5).add(1, 2, 1)
                    .artifact(0, "importance", f64(bad)).run()).isInstanceOf(MergeException.class)
                    .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.ARTIFACT_INVALID);
        }
        assertThatThrownBy(() -> MergeCall.of("led_merge").add(1, 1, -5).add(1, 2, 1)
                .artifact(1, "importance", new long[] {1, 2}, 1, 1).run())
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.ARTIFACT_INVALID);
    }

    /** An F64 tensor of shape [2] written byte by byte (literals refuse non-finite values). */
    private static RawTensor f64(double[] v) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putDouble(v[0]).putDouble(v[1]);
        return new RawTensor(DType.F64, S2, MemorySegment.ofArray(b.array()));
    }

    @Test
    void oneContributionIsReturned() throws Exception {
        assertThat(MergeCall.of("led_merge").add(2, 0.5, -0.75).base(1, 1).run().values())
                .containsExactly(0.5, -0.75);
    }
}

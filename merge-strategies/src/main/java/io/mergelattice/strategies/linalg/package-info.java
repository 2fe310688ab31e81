/**
 * The host linear algebra of strategies spec §2.11: the reference one-sided Jacobi SVD (§2.11.1) with its order and
 * sign convention (§2.11.2) and the reconstruction from leading components (§2.11.3). These are the algorithms of
 * the class-S reference backend {@code scalar-v1} and of dual_projection's n × n host decomposition (class E), so
 * every operation follows the written order exactly: plain double {@code + − × ÷}, {@link java.lang.Math#sqrt}, no
 * fused multiply-add, and the canonical reduction R (§2.7) for every sum over the rows of a matrix.
 */
package io.mergelattice.strategies.linalg;
